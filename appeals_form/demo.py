"""Demo content of the online appeal form and the appeal queue.

The page, addressees and topics; for the queue, a handful of clearly fake
appeals («Демо Иван Иванович», addresses at example.ru) in different states,
some overdue, with their history, and two staff accounts:

- ``demo-officer`` (group «Отдел по работе с обращениями»): works the queue;
- ``demo-editor`` (group «Редакторы»): edits pages, never sees appeals.

Their passwords come from DEMO_OFFICER_PASSWORD / DEMO_EDITOR_PASSWORD, or are
generated and printed once when the account is created. The queue's demo is
loaded only when ``settings.APPEALS_DEMO_QUEUE`` is on (``make run``: dev
settings); elsewhere (tests, production) no appeal or account is created.

The legal paths of 59-ФЗ art. 11 part 5.1 and art. 8 part 6 have an appeal each, taken through
the workflow's services (``appeals_form.demo_law``).

Idempotent: addressees by name, topics by title, the page by its slug, demo
appeals by their idempotency key, accounts by username.

The classifier codes are plausible codes in the right sections of the
all-Russian thematic classifier; check them against the classifier in force
before using this list in production.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from appeals_form import deadlines, demo_answers, demo_law
from appeals_form.attachments import allowed_labels, megabytes
from appeals_form.models import Addressee, Appeal, AppealEvent, AppealFormPage, RoutingRule, Topic
from appeals_form.models.appeal import number_for
from appeals_form.services import next_sequence, record_event, refresh_search_extra
from home.demo.accounts import ensure_user
from home.demo.content import SLUG_APPEAL_FORM
from home.demo.pages import ensure_page, get_home_page, report
from home.demo.stream import days_genitive
from identity.types import METHOD_EMAIL_CODE, METHOD_OIDC

ORDER = 20

PAGE_TITLE = "Интернет-приёмная"
CONSENT_VERSION = "2026-11-01"

ADDRESSEES = [
    ("Глава городского округа", Addressee.Kind.OFFICIAL),
    ("Первый заместитель главы администрации городского округа", Addressee.Kind.POSITION),
    ("Заместитель главы администрации по вопросам жилищно-коммунального хозяйства", Addressee.Kind.POSITION),
    ("Заместитель главы администрации по социальным вопросам", Addressee.Kind.POSITION),
    ("Заместитель главы администрации по вопросам строительства и благоустройства", Addressee.Kind.POSITION),
    ("Заместитель главы администрации по вопросам безопасности", Addressee.Kind.POSITION),
    ("Управление делами администрации", Addressee.Kind.BODY),
    ("Управление жилищно-коммунального хозяйства", Addressee.Kind.BODY),
    ("Управление образования", Addressee.Kind.BODY),
    ("Управление социальной защиты населения", Addressee.Kind.BODY),
    ("Управление строительства, дорожного хозяйства и благоустройства", Addressee.Kind.BODY),
    ("Управление земельно-имущественных отношений", Addressee.Kind.BODY),
    ("Отдел по работе с обращениями граждан", Addressee.Kind.BODY),
]

# (plain title, classifier code)
TOPICS = [
    # 0001 Государство, общество, политика
    ("Работа администрации и её сотрудников", "0001.0001.0003.0014"),
    ("Личный приём, встречи с жителями, прямые эфиры", "0001.0001.0003.0019"),
    ("Благодарности, поздравления, приглашения", "0001.0001.0003.0013"),
    # 0002 Социальная сфера
    ("Социальная поддержка семей с детьми и многодетных семей", "0002.0007.0079.0496"),
    ("Помощь пожилым людям и людям с инвалидностью", "0002.0007.0079.0499"),
    ("Места в детских садах", "0002.0013.0141.0429"),
    ("Работа школ", "0002.0013.0141.0430"),
    ("Поликлиники и больницы", "0002.0014.0143.0451"),
    # 0003 Экономика
    ("Дороги, ямы, ремонт дорог", "0003.0009.0099.0688"),
    ("Общественный транспорт", "0003.0009.0097.0687"),
    ("Благоустройство дворов, детские площадки", "0003.0009.0096.0675"),
    ("Строительство, самовольные постройки", "0003.0009.0095.0664"),
    ("Земельные участки", "0003.0008.0087.0577"),
    ("Торговля, рынки, нестационарные торговые объекты", "0003.0008.0086.0573"),
    ("Экология, вырубка деревьев, свалки", "0003.0011.0121.0767"),
    # 0004 Оборона, безопасность, законность
    ("Общественный порядок, шум, безопасность", "0004.0016.0162.1017"),
    ("Безопасность дорожного движения", "0004.0016.0161.1010"),
    # 0005 Жилищно-коммунальная сфера
    ("Оплата ЖКУ, взносов в фонд капремонта", "0005.0005.0056.1149"),
    ("Работа управляющих компаний, содержание домов", "0005.0005.0056.1153"),
    ("Капитальный ремонт многоквартирного дома", "0005.0005.0056.1150"),
    ("Водоснабжение, отопление, электричество", "0005.0005.0056.1154"),
    ("Вывоз мусора и отходов", "0005.0005.0056.1156"),
    ("Улучшение жилищных условий, аварийное жильё", "0005.0005.0054.1122"),
]


def _intro() -> str:
    answer = settings.APPEALS_ANSWER_DAYS
    registration = settings.APPEALS_REGISTRATION_DAYS
    extension = settings.APPEALS_MAX_EXTENSION_DAYS
    return (
        "<p>Здесь можно направить обращение — предложение, заявление или жалобу — Главе городского округа, "
        "его заместителям и органам администрации. Обращения рассматриваются по Федеральному закону "
        "от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации».</p>"
        "<h2>Сроки</h2>"
        f"<p>Обращение регистрируется в течение {days_genitive(registration)} со дня поступления. "
        f"Ответ даётся в течение {days_genitive(answer)} со дня регистрации. В исключительных случаях "
        f"срок может быть продлён не более чем на {days_genitive(extension)}, о чём вам сообщат. "
        "Если вопрос не входит в компетенцию администрации, обращение направят в орган, "
        "который его решает, и уведомят вас.</p>"
        "<h2>Что приложить</h2>"
        "<p>Можно приложить документы и фотографии, которые помогут разобраться в вопросе: "
        f"до {settings.APPEALS_MAX_FILES} файлов в форматах {allowed_labels()}, каждый не больше "
        f"{megabytes(settings.APPEALS_MAX_FILE_SIZE)}, все вместе — не больше "
        f"{megabytes(settings.APPEALS_MAX_TOTAL_SIZE)}.</p>"
        "<p>Обращение без фамилии и адреса для ответа, а также содержащее нецензурные или оскорбительные "
        "выражения, может быть оставлено без ответа по существу.</p>"
    )


CONSENT_TEXT = (
    "<p>Я даю согласие администрации городского округа Энск (демонстрационные данные) на обработку "
    "моих персональных данных, указанных в обращении и в приложенных документах: фамилии, имени, "
    "отчества, адреса электронной почты, почтового адреса, номера телефона и иных сведений, которые "
    "я сообщаю, — в целях регистрации и рассмотрения обращения и направления ответа "
    "(Федеральный закон от 27.07.2006 № 152-ФЗ «О персональных данных»).</p>"
    "<p>Согласие распространяется на сбор, запись, систематизацию, хранение, уточнение, использование, "
    "передачу в органы и должностным лицам, в компетенцию которых входит решение поставленных вопросов, "
    "обезличивание и уничтожение персональных данных. Согласие действует в течение срока хранения "
    "обращения и может быть отозвано письменным заявлением.</p>"
)

CONFIRMATION_TEXT = (
    "<p>Спасибо! Ваше обращение зарегистрировано. Регистрационный номер и срок рассмотрения указаны "
    "на этой странице и в письме, которое мы отправили на ваш адрес электронной почты.</p>"
    "<p>Ответ придёт на тот же адрес. Если обращение перенаправят в другой орган или срок "
    "рассмотрения продлят, это будет видно на этой странице.</p>"
)


def load(*, stdout, style) -> None:
    for order, (name, kind) in enumerate(ADDRESSEES, start=1):
        _, created = Addressee.objects.update_or_create(
            name=name, defaults={"kind": kind, "order": order * 10, "is_active": True}
        )
        if created:
            stdout.write(f"  {style.SUCCESS('created'.ljust(9))} адресат «{name}»")
    for order, (title, code) in enumerate(TOPICS, start=1):
        _, created = Topic.objects.update_or_create(
            title=title, defaults={"classifier_code": code, "order": order * 10, "is_active": True}
        )
        if created:
            stdout.write(f"  {style.SUCCESS('created'.ljust(9))} тема «{title}» ({code})")
    _load_routing_rules(stdout=stdout, style=style)
    page, status = ensure_page(
        parent=get_home_page(),
        page_class=AppealFormPage,
        slug=SLUG_APPEAL_FORM,
        title=PAGE_TITLE,
        seo_title="Интернет-приёмная: написать обращение в администрацию",
        search_description="Электронное обращение в администрацию городского округа: идентификация, сроки, вложения.",
        intro=_intro(),
        consent_text=CONSENT_TEXT,
        consent_version=CONSENT_VERSION,
        confirmation_text=CONFIRMATION_TEXT,
    )
    report(stdout, style, page, status)
    demo_answers.load(stdout=stdout, style=style)
    if settings.APPEALS_DEMO_QUEUE:
        _load_queue_demo(stdout=stdout, style=style)


HOUSING = "Управление жилищно-коммунального хозяйства"
ROADS = "Управление строительства, дорожного хозяйства и благоустройства"

# Routing rules: (topic or None, addressee or None) → department.
ROUTING_RULES = [
    ("Вывоз мусора и отходов", None, HOUSING),
    ("Водоснабжение, отопление, электричество", None, HOUSING),
    ("Работа управляющих компаний, содержание домов", None, HOUSING),
    ("Дороги, ямы, ремонт дорог", None, ROADS),
    ("Благоустройство дворов, детские площадки", None, ROADS),
    ("Места в детских садах", None, "Управление образования"),
    ("Работа школ", None, "Управление образования"),
    ("Земельные участки", None, "Управление земельно-имущественных отношений"),
    (None, "Заместитель главы администрации по социальным вопросам", "Управление социальной защиты населения"),
]


def _load_routing_rules(*, stdout, style) -> None:
    for topic, addressee, department in ROUTING_RULES:
        _, created = RoutingRule.objects.get_or_create(
            topic=Topic.objects.get(title=topic) if topic else None,
            addressee=Addressee.objects.get(name=addressee) if addressee else None,
            defaults={"department": Addressee.objects.get(name=department)},
        )
        if created:
            stdout.write(f"  {style.SUCCESS('created'.ljust(9))} правило распределения «{topic or addressee}»")


def _load_queue_demo(*, stdout, style) -> None:
    officer = ensure_user(
        stdout=stdout,
        style=style,
        username="demo-officer",
        group=APPEALS_GROUP,
        env_var="DEMO_OFFICER_PASSWORD",
        first_name="Ольга",
        last_name="Демо-Сотрудница",
    )
    ensure_user(
        stdout=stdout,
        style=style,
        username="demo-editor",
        group=EDITORS_GROUP,
        env_var="DEMO_EDITOR_PASSWORD",
        first_name="Эдуард",
        last_name="Демо-Редактор",
    )
    for spec in [*DEMO_APPEALS, *demo_law.DEMO_APPEALS]:
        _ensure_appeal(stdout=stdout, style=style, spec=spec, officer=officer)


# --------------------------------------------------------------------------
# The appeal queue's demo

APPEALS_GROUP = "Отдел по работе с обращениями"
EDITORS_GROUP = "Редакторы"
DEMO_KEY_PREFIX = "demo-appeal-"

# Each demo appeal: key (idempotency), name, status, days since registration, topic, addressee, text, extras.
DEMO_APPEALS = [
    {
        "key": "new-road",
        "name": ("Демо", "Иван", "Иванович"),
        "status": Appeal.Status.REGISTERED,
        "days_ago": 1,
        "topic": "Дороги, ямы, ремонт дорог",
        "addressee": "Глава городского округа",
        "text": "Демонстрационное обращение: на улице Примерной глубокая яма у дома 1. Прошу отремонтировать.",
    },
    {
        "key": "new-overdue",
        "name": ("Демо", "Наталья", "Сергеевна"),
        "status": Appeal.Status.REGISTERED,
        "days_ago": 40,
        "topic": "Вывоз мусора и отходов",
        "addressee": HOUSING,
        "text": "Демонстрационное обращение: контейнерную площадку не убирают с начала месяца.",
    },
    {
        "key": "overdue",
        "name": ("Демо", "Мария", "Петровна"),
        "status": Appeal.Status.IN_WORK,
        "days_ago": 36,
        "topic": "Оплата ЖКУ, взносов в фонд капремонта",
        "addressee": HOUSING,
        "text": "Демонстрационное обращение: в квитанции за отопление начисления выше, чем по счётчику.",
        "collective": ["Демо Сидор Сидорович", "Демо Анна Ивановна"],
    },
    {
        "key": "due-soon",
        "name": ("Демо", "Пётр", "Сергеевич"),
        "status": Appeal.Status.IN_WORK,
        "days_ago": 28,
        "topic": "Благоустройство дворов, детские площадки",
        "addressee": ROADS,
        "text": "Демонстрационное обращение: на детской площадке сломаны качели.",
        "method": METHOD_OIDC,
    },
    {
        "key": "extended",
        "name": ("Демо", "Анна", "Викторовна"),
        "status": Appeal.Status.IN_WORK,
        "days_ago": 33,
        "topic": "Капитальный ремонт многоквартирного дома",
        "addressee": HOUSING,
        "text": "Демонстрационное обращение: когда будет капитальный ремонт крыши дома 3?",
        "extend": 30,
    },
    {
        "key": "answered",
        "name": ("Демо", "Ольга", "Николаевна"),
        "status": Appeal.Status.ANSWERED,
        "days_ago": 20,
        "topic": "Места в детских садах",
        "addressee": "Управление образования",
        "text": "Демонстрационное обращение: прошу сообщить очередь в детский сад.",
        "answer": "Демонстрационный ответ: ваш ребёнок стоит в очереди под номером 12.",
    },
    {
        "key": "redirected",
        "name": ("Демо", "Сергей", "Александрович"),
        "status": Appeal.Status.REDIRECTED,
        "days_ago": 12,
        "topic": "Поликлиники и больницы",
        "addressee": "Глава городского округа",
        "text": "Демонстрационное обращение: долгая запись к врачу в поликлинике.",
        "redirect": "Министерство здравоохранения Московской области",
    },
    {
        "key": "no-answer",
        "name": ("Демо", "Елена", "Дмитриевна"),
        "status": Appeal.Status.LEFT_WITHOUT_ANSWER,
        "days_ago": 15,
        "topic": "Работа администрации и её сотрудников",
        "addressee": "Глава городского округа",
        "text": "Демонстрационное обращение, повторное, без новых доводов.",
    },
    {
        "key": "closed",
        "name": ("Демо", "Николай", "Олегович"),
        "status": Appeal.Status.CLOSED,
        "days_ago": 50,
        "topic": "Общественный транспорт",
        "addressee": ROADS,
        "text": "Демонстрационное обращение: автобус № 1 ходит реже, чем по расписанию.",
        "answer": "Демонстрационный ответ: перевозчику выдано предписание.",
    },
]


def _next_number(year: int) -> tuple[int, str]:
    sequence = next_sequence(year=year)
    return sequence, number_for(year=year, sequence=sequence)


def _ensure_appeal(*, stdout, style, spec: dict, officer) -> None:
    key = DEMO_KEY_PREFIX + spec["key"]
    if Appeal.objects.filter(idempotency_key=key).exists():
        return
    now = timezone.now()
    registered_at = (now - timedelta(days=spec["days_ago"])).replace(microsecond=0)
    registered_on = timezone.localdate(registered_at)
    topic = Topic.objects.get(title=spec["topic"])
    surname, first_name, patronymic = spec["name"]
    sequence, number = _next_number(registered_on.year)
    method = spec.get("method", METHOD_EMAIL_CODE)
    appeal = Appeal.objects.create(
        number=number,
        year=registered_on.year,
        sequence=sequence,
        status=Appeal.Status.REGISTERED,
        kind=spec.get("kind", Appeal.Kind.APPLICATION),
        received_at=registered_at,
        registered_at=registered_at,
        due_date=deadlines.due_date(registered_on),
        surname=surname,
        first_name=first_name,
        patronymic=patronymic,
        email=f"{spec['key']}@example.ru",
        phone="+7 900 000-00-00",
        postal_address="140000, г. Энск (демо), ул. Примерная, д. 1",
        addressee=Addressee.objects.get(name=spec["addressee"]),
        topic=topic,
        classifier_code=topic.classifier_code,
        text=spec["text"],
        is_collective=bool(spec.get("collective")),
        identity_method=method,
        identity_subject="demo-subject" if method == METHOD_OIDC else "",
        identity_issuer="https://id.example.ru" if method == METHOD_OIDC else "",
        identity_verified_at=registered_at - timedelta(minutes=10),
        consent_version=CONSENT_VERSION,
        consent_given_at=registered_at - timedelta(minutes=2),
        idempotency_key=key,
    )
    for name in spec.get("collective", []):
        appeal.co_authors.create(name=name)
    refresh_search_extra(appeal=appeal)
    record_event(appeal=appeal, kind=AppealEvent.Kind.REGISTERED, at=registered_at)
    _demo_history(appeal=appeal, spec=spec, officer=officer, registered_at=registered_at)
    appeal.refresh_from_db(fields=["status"])  # the services changed it on their own copy
    stdout.write(
        f"  {style.SUCCESS('created'.ljust(9))} демо-обращение {appeal.number} ({appeal.get_status_display()})"
    )


def _demo_history(*, appeal: Appeal, spec: dict, officer, registered_at) -> None:
    """Bring the demo appeal to its status with the events the queue would have recorded."""
    if "service" in spec:  # the legal paths of art. 11 p. 5.1 and art. 8 p. 6, taken by the services
        spec["service"](appeal=appeal, officer=officer, registered_at=registered_at)
        return
    status = spec["status"]
    if status == Appeal.Status.REGISTERED:
        return
    at = registered_at + timedelta(hours=3)
    if status not in (Appeal.Status.REDIRECTED, Appeal.Status.LEFT_WITHOUT_ANSWER):
        appeal.executor = officer
        appeal.department = (
            Addressee.objects.get(name=spec["addressee"]) if spec["addressee"] != "Глава городского округа" else None
        )
        appeal.assigned_at = at
        record_event(
            appeal=appeal,
            kind=AppealEvent.Kind.ASSIGNED,
            actor=officer,
            at=at,
            payload={"executor_id": officer.pk, "executor": officer.get_full_name()},
        )
        record_event(appeal=appeal, kind=AppealEvent.Kind.IN_WORK, actor=officer, at=at)
    at += timedelta(days=2)
    if spec.get("extend"):
        previous = appeal.due_date
        appeal.original_due_date = previous
        appeal.due_date = deadlines.extended_due_date(previous, spec["extend"])
        appeal.extended_at = at
        appeal.extension_days = spec["extend"]
        appeal.extension_reason = "Направлен запрос в фонд капитального ремонта (демо)"
        record_event(
            appeal=appeal,
            kind=AppealEvent.Kind.EXTENDED,
            actor=officer,
            at=at,
            note=appeal.extension_reason,
            payload={"due_date": appeal.due_date, "previous_due_date": previous, "days": spec["extend"]},
        )
    if spec.get("redirect"):
        appeal.redirected_to = spec["redirect"]
        appeal.redirected_on = timezone.localdate(at)
        appeal.result = Appeal.Result.REDIRECTED
        record_event(
            appeal=appeal,
            kind=AppealEvent.Kind.REDIRECTED,
            actor=officer,
            at=at,
            payload={"body": spec["redirect"], "date": appeal.redirected_on, "late": False},
        )
    if status == Appeal.Status.LEFT_WITHOUT_ANSWER:
        appeal.no_answer_reason = Appeal.NoAnswerReason.REPEATED
        appeal.result = Appeal.Result.LEFT_WITHOUT_ANSWER
        record_event(
            appeal=appeal,
            kind=AppealEvent.Kind.LEFT_WITHOUT_ANSWER,
            actor=officer,
            at=at,
            payload={"reason": Appeal.NoAnswerReason.REPEATED.label, "reason_code": "repeated", "notified": True},
        )
    if spec.get("answer"):
        appeal.answer_text = spec["answer"]
        appeal.answered_at = at
        appeal.result = Appeal.Result.EXPLAINED
        record_event(
            appeal=appeal,
            kind=AppealEvent.Kind.ANSWERED,
            actor=officer,
            at=at,
            payload={"result": appeal.result, "late": False},
        )
    if status == Appeal.Status.CLOSED:
        at += timedelta(days=1)
        appeal.closed_at = at
        record_event(appeal=appeal, kind=AppealEvent.Kind.CLOSED, actor=officer, at=at)
    appeal.status = status
    appeal.save()
