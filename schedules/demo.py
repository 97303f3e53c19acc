"""Demo content of the schedules: places, officials with rules, the schedule page, events.

The four thematic receptions of the first half of 2018 come from the Lyubertsy
report; upcoming events are dated relative to the day the demo loads (so the
site never looks stale), and are the same on every run of the same day, so a
second run changes nothing. Officials' names are invented and marked as demo
data. No sign-ups are created (demo loaders never create personal data).
"""

from __future__ import annotations

from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from home.demo.content import DEMO_NOTE, DEPARTMENT, SLUG_EVENTS, SLUG_SCHEDULES
from home.demo.pages import ensure_page, get_home_page, report
from home.workdays import is_working_day
from schedules.models import (
    Absence,
    EventIndexPage,
    EventPage,
    EventTopic,
    Official,
    Place,
    ReceptionException,
    ReceptionRule,
    ReceptionSchedulePage,
)

ORDER = 30
LAST = -1
MON, TUE, WED, THU, FRI = range(5)
CONSENT_VERSION = "2026-11-01"

PLACES = {
    "admin": {
        "title": "Администрация городского округа",
        "address": f"Московская область, г. Энск, ул. Советская, д. 1 {DEMO_NOTE}",
        "room": "приёмная, кабинет 105",
        "directions": "Остановка «Площадь Победы», автобусы № 2, 5, 17. Вход с ул. Советской.",
        "accessibility": "Вход с пандусом, кабинет на первом этаже. При входе вас встретит сотрудник отдела.",
    },
    "public": {
        "title": "Общественная приёмная",
        "address": f"Московская область, г. Энск, Октябрьский проспект, д. 12 {DEMO_NOTE}",
        "room": "зал 2",
        "directions": "5 минут пешком от станции «Энск».",
        "accessibility": "Лифт, доступный туалет.",
    },
    "north": {
        "title": "Территориальный отдел «Северный»",
        "address": f"Московская область, г. Энск, пос. Северный, ул. Школьная, д. 3 {DEMO_NOTE}",
        "room": "кабинет 7",
        "directions": "Автобус № 31 до остановки «Школа».",
        "accessibility": "Кабинет на первом этаже, вход без ступеней.",
    },
    "culture": {
        "title": "Дом культуры «Юность»",
        "address": f"Московская область, г. Энск, ул. Мира, д. 20 {DEMO_NOTE}",
        "room": "большой зал",
        "directions": "Остановка «Парк», автобусы № 5 и 12.",
        "accessibility": "Пандус у главного входа, места для людей на креслах-колясках в первом ряду.",
    },
}

TOPICS = [
    "Жилищно-коммунальное хозяйство",
    "Социальная сфера",
    "Дорожное хозяйство",
    "Образование",
    "Летний отдых детей",
    "Благоустройство",
    "Общие вопросы жителей",
]

# (slug, surname, first name, patronymic, position, department, order, rules)
OFFICIALS = [
    ("sokolov", "Соколов", "Андрей", "Викторович", "Глава городского округа", "Руководство", 1,
     [{"weekdays": [MON], "weeks": [1, 3], "time_from": time(16), "time_to": time(19), "place": "admin",
           "phone": "+7 (495) 000-01-10", "online_signup": True, "signup_mode": "places", "places": 12,
           "notes": "Запись открывается за 30 дней до приёма."}]),
    ("morozova", "Морозова", "Елена", "Сергеевна", "Первый заместитель главы администрации",
     "Экономика и финансы", 2,
     [{"weekdays": [TUE], "weeks": [2, 4], "time_from": time(15), "time_to": time(18), "place": "admin",
           "phone": "+7 (495) 000-01-11", "online_signup": True, "signup_mode": "slots", "slot_minutes": 20}]),
    ("kuznetsov", "Кузнецов", "Павел", "Олегович", "Заместитель главы администрации по вопросам ЖКХ",
     "Жилищно-коммунальное хозяйство", 3,
     [{"weekdays": [WED], "weeks": [], "time_from": time(10), "time_to": time(13), "place": "admin",
           "phone": "+7 (495) 000-01-12", "online_signup": True, "signup_mode": "slots", "slot_minutes": 15}]),
    ("lebedeva", "Лебедева", "Ольга", "Николаевна", "Заместитель главы администрации по социальным вопросам",
     "Социальная сфера", 4,
     [{"weekdays": [THU], "weeks": [], "time_from": time(15), "time_to": time(18), "place": "public",
           "phone": "+7 (495) 000-01-13", "online_signup": True, "signup_mode": "places", "places": 10}]),
    ("volkov", "Волков", "Дмитрий", "Игоревич",
     "Заместитель главы администрации по вопросам строительства и благоустройства",
     "Строительство, дороги и благоустройство", 5,
     [{"weekdays": [FRI], "weeks": [LAST], "time_from": time(14), "time_to": time(17), "place": "public",
           "phone": "+7 (495) 000-01-14", "online_signup": False}]),
    ("nikitin", "Никитин", "Сергей", "Александрович", "Заместитель главы администрации по вопросам безопасности",
     "Безопасность", 6,
     [{"weekdays": [THU], "weeks": [2], "time_from": time(10), "time_to": time(12), "place": "north",
           "phone": "+7 (495) 000-01-15", "online_signup": False, "notes": "Приём жителей северных посёлков."}]),
]  # fmt: skip

RULE_FIELDS = [
    "weekdays", "weeks", "time_from", "time_to", "place_id", "phone", "online_signup",
    "signup_mode", "slot_minutes", "places", "valid_from", "valid_to", "notes",
]  # fmt: skip

SCHEDULE_INTRO = (
    "<p>Глава городского округа и его заместители принимают жителей лично по графику. Даты приёма "
    "рассчитываются по производственному календарю: в нерабочие праздничные дни приёма нет. "
    "Все имена на этой странице — демонстрационные данные.</p>"
)
SIGNUP_TEXT = (
    "<p>Записаться можно через сайт (где запись через сайт открыта) или по телефону, указанному у "
    f"должностного лица, а также по справочному телефону отдела {DEPARTMENT['reference_phone']}. "
    "На приём возьмите паспорт или другой документ, удостоверяющий личность, и документы по вашему вопросу.</p>"
    "<p>На личном приёме можно подать письменное обращение; если вопрос требует проверки, ответ дадут "
    "письменно в установленный срок.</p>"
)
CONSENT_TEXT = (
    "<p>Я даю согласие администрации городского округа Энск (демонстрационные данные) на обработку моих "
    "персональных данных — фамилии, имени, отчества, номера телефона, адреса электронной почты и сведений "
    "о вопросе — в целях записи на личный приём, его проведения и уведомления меня об изменениях "
    "(Федеральный закон от 27.07.2006 № 152-ФЗ «О персональных данных»). Согласие действует до истечения "
    "срока хранения сведений о записи и может быть отозвано письменным заявлением.</p>"
)
EVENTS_INTRO = (
    "<p>Тематические приёмы проводятся по графику, утверждённому Губернатором Московской области, "
    "одновременно в нескольких местах. Кроме того, Глава городского округа отвечает на вопросы жителей "
    "в прямых эфирах, на встречах с жителями и выездных приёмах.</p>"
)


def _next_working(start: date, weekday: int) -> date:
    day = start + timedelta(days=(weekday - start.weekday()) % 7)
    while not is_working_day(day):
        day += timedelta(days=7)
    return day


def _ensure_places(stdout) -> dict[str, Place]:
    places = {}
    for key, fields in PLACES.items():
        place, created = Place.objects.get_or_create(title=fields["title"], defaults=fields)
        if not created and any(getattr(place, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(place, name, value)
            place.save()
            stdout.write(f"  updated   место {place.title}")
        elif created:
            stdout.write(f"  created   место {place.title}")
        places[key] = place
    return places


def _ensure_topics() -> dict[str, EventTopic]:
    topics = {}
    for order, title in enumerate(TOPICS):
        topic, _ = EventTopic.objects.get_or_create(title=title, defaults={"order": order})
        topics[title] = topic
    return topics


def _rule_tuple(values: dict) -> tuple:
    return tuple(values.get(name) for name in RULE_FIELDS)


def _ensure_officials(stdout, places: dict[str, Place], today: date) -> None:
    for slug, surname, first_name, patronymic, position, department, order, rules in OFFICIALS:
        fields = {
            "surname": surname,
            "first_name": first_name,
            "patronymic": patronymic,
            "position": position,
            "department": department,
            "order": order,
            "is_active": True,
            "is_demo": True,
        }
        official = Official.objects.filter(slug=slug).first()
        status = "unchanged"
        if official is None:
            official = Official.objects.create(slug=slug, **fields)
            status = "created"
        elif any(getattr(official, name) != value for name, value in fields.items()):
            Official.objects.filter(pk=official.pk).update(**fields)
            status = "updated"
        wanted = []
        for rule in rules:
            values = dict.fromkeys(RULE_FIELDS)
            values.update({"weeks": [], "phone": "", "notes": "", "slot_minutes": 15, "places": 10})
            values.update({k: v for k, v in rule.items() if k != "place"})
            values["signup_mode"] = rule.get("signup_mode", "slots")
            values["online_signup"] = rule.get("online_signup", False)
            values["place_id"] = places[rule["place"]].pk
            wanted.append(values)
        current = [
            {name: getattr(r, name) for name in RULE_FIELDS} for r in official.rules.order_by("sort_order", "pk")
        ]
        if [_rule_tuple(v) for v in current] != [_rule_tuple(v) for v in wanted]:
            official.rules.all().delete()
            for index, values in enumerate(wanted):
                ReceptionRule.objects.create(official=official, sort_order=index, **values)
            status = "updated" if status == "unchanged" else status
        if slug == "kuznetsov":
            status = _ensure_moved_reception(official, today, status)
        if slug == "nikitin":
            status = _ensure_place_change(official, today, status, places["culture"])
        if status != "unchanged":
            stdout.write(f"  {status.ljust(9)} {official.full_name}, {official.position}")
    # Absences after every official exists (a deputy is one of them).
    for slug, spec in ABSENCES.items():
        official = Official.objects.get(slug=slug)
        if _ensure_absence(official, today, "unchanged", **spec) != "unchanged":
            stdout.write(f"  {'updated'.ljust(9)} {official.full_name}: период отсутствия")


def _ensure_moved_reception(official: Official, today: date, status: str) -> str:
    """One reception of the deputy for housing moved to the next day: shows how a change looks."""
    original = _next_working(today + timedelta(days=8), WED)
    new_date = original + timedelta(days=1)
    while not is_working_day(new_date):
        new_date += timedelta(days=1)
    wanted = (original, "moved", new_date, "Участие в заседании Совета депутатов")
    current = [(e.date, e.action, e.new_date, e.reason) for e in official.exceptions.all()]
    if current != [wanted]:
        official.exceptions.all().delete()
        ReceptionException.objects.create(
            official=official, date=original, action="moved", new_date=new_date, reason=wanted[3]
        )
        return "updated" if status == "unchanged" else status
    return status


# A vacation without a deputy (receptions cancelled) and a business trip of the head with a deputy.
ABSENCES = {
    "lebedeva": {"kind": "vacation", "starts_in": 5, "days": 14, "deputy": None, "note": ""},
    "sokolov": {
        "kind": "trip",
        "starts_in": 3,
        "days": 18,
        "deputy": "morozova",
        "note": "Запись на приём сохраняется.",
    },
}


def _ensure_absence(official: Official, today: date, status: str, *, kind, starts_in, days, deputy, note) -> str:
    date_from = today + timedelta(days=starts_in)
    deputy_official = Official.objects.filter(slug=deputy).first() if deputy else None
    wanted = (kind, date_from, date_from + timedelta(days=days - 1), deputy_official and deputy_official.pk, note)
    current = [(a.kind, a.date_from, a.date_to, a.deputy_id, a.note) for a in official.absences.all()]
    if current == [wanted]:
        return status
    official.absences.all().delete()
    Absence.objects.create(
        official=official, kind=kind, date_from=wanted[1], date_to=wanted[2], deputy=deputy_official, note=note
    )
    return "updated" if status == "unchanged" else status


def _ensure_place_change(official: Official, today: date, status: str, place: Place) -> str:
    """The next reception of the deputy for security held in the House of Culture for one day."""
    day = today + timedelta(days=1)
    while not (day.weekday() == THU and (day.day - 1) // 7 + 1 == 2 and is_working_day(day)):
        day += timedelta(days=1)
    wanted = (day, "place", place.pk, "Ремонт кабинета в территориальном отделе")
    current = [(e.date, e.action, e.new_place_id, e.reason) for e in official.exceptions.all()]
    if current == [wanted]:
        return status
    official.exceptions.all().delete()
    ReceptionException.objects.create(official=official, date=day, action="place", new_place=place, reason=wanted[3])
    return "updated" if status == "unchanged" else status


def _events(today: date) -> list[dict]:
    """The 2018 thematic receptions from the report, and upcoming events relative to today."""
    thematic_places = ["admin", "public", "north"]
    hosts_thematic = "Глава городского округа, заместители главы администрации, руководители управлений"
    signup = (
        "<p>Предварительная запись по справочному телефону отдела по работе с обращениями граждан "
        f"{DEPARTMENT['reference_phone']}. Жителей без записи тоже примут.</p>"
    )
    past = [
        ("tematicheskiy-priem-2018-02-08", "Тематический приём по вопросам жилищно-коммунального хозяйства",
         date(2018, 2, 8), "Жилищно-коммунальное хозяйство"),
        ("tematicheskiy-priem-2018-02-21", "Тематический приём по вопросам социальной сферы",
         date(2018, 2, 21), "Социальная сфера"),
        ("tematicheskiy-priem-2018-03-22", "Тематический приём по вопросам дорожного хозяйства",
         date(2018, 3, 22), "Дорожное хозяйство"),
        ("tematicheskiy-priem-2018-05-24",
         "Тематический приём ко Дню защиты детей: подготовка к летнему отдыху детей",
         date(2018, 5, 24), "Летний отдых детей"),
    ]  # fmt: skip
    events = [
        {
            "slug": slug,
            "title": title,
            "kind": EventPage.Kind.THEMATIC,
            "date": day,
            "time_from": time(10),
            "time_to": time(13),
            "topic": topic,
            "places": thematic_places,
            "hosts": hosts_thematic,
            "signup_info": signup,
            "stream_url": "",
            "body": "<p>Приём проводился по графику тематических приёмов граждан, утверждённому Губернатором "
            "Московской области, одновременно в центральных исполнительных органах государственной власти, "
            "органах местного самоуправления и общественных приёмных Московской области.</p>",
        }
        for slug, title, day, topic in past
    ]
    events += [
        {
            "slug": "tematicheskiy-priem-obrazovanie",
            "title": "Тематический приём по вопросам образования",
            "kind": EventPage.Kind.THEMATIC,
            "date": _next_working(today + timedelta(days=10), THU),
            "time_from": time(10),
            "time_to": time(13),
            "topic": "Образование",
            "places": thematic_places,
            "hosts": hosts_thematic + ", начальник управления образования",
            "signup_info": signup,
            "stream_url": "",
            "body": "<p>Места в детских садах, работа школ, подвоз детей, дополнительное образование.</p>",
        },
        {
            "slug": "pryamoy-efir-glavy",
            "title": "Прямой эфир Главы городского округа",
            "kind": EventPage.Kind.BROADCAST,
            "date": _next_working(today + timedelta(days=3), FRI),
            "time_from": time(19),
            "time_to": time(20),
            "topic": "Общие вопросы жителей",
            "places": [],
            "hosts": "Глава городского округа",
            "signup_info": "<p>Вопросы можно задать в комментариях к трансляции или заранее через "
            "интернет-приёмную.</p>",
            "stream_url": "https://ensk.example/efir",
            "body": f"<p>Глава городского округа отвечает на вопросы жителей в прямом эфире {DEMO_NOTE}.</p>",
        },
        {
            "slug": "vstrecha-s-zhitelyami-severnyy",
            "title": "Встреча Главы городского округа с жителями посёлка Северный",
            "kind": EventPage.Kind.MEETING,
            "date": _next_working(today + timedelta(days=14), TUE),
            "time_from": time(18, 30),
            "time_to": time(20),
            "topic": "Благоустройство",
            "places": ["culture"],
            "hosts": "Глава городского округа, заместитель главы администрации по вопросам строительства и "
            "благоустройства",
            "signup_info": "<p>Запись не нужна.</p>",
            "stream_url": "",
            "body": "<p>Благоустройство дворов, освещение, транспорт.</p>",
        },
    ]
    # A moved event, as residents are told of one: a week later than first announced.
    events[-1]["previous_date"] = events[-1]["date"] - timedelta(days=7)
    events[-1]["change_note"] = "В прежний день в Доме культуры проходит отчётный концерт."
    events += [
        {
            "slug": "vyezdnoy-priem-severnyy",
            "title": "Выездной приём по вопросам ЖКХ в посёлке Северный",
            "kind": EventPage.Kind.FIELD,
            "date": _next_working(today + timedelta(days=20), WED),
            "time_from": time(11),
            "time_to": time(13),
            "topic": "Жилищно-коммунальное хозяйство",
            "places": ["north"],
            "hosts": "Заместитель главы администрации по вопросам ЖКХ, представители управляющих компаний",
            "signup_info": signup,
            "stream_url": "",
            "body": "<p>Отопление, водоснабжение, содержание домов, вывоз мусора.</p>",
        },
    ]
    return events


def _ensure_events(stdout, style, index: EventIndexPage, places, topics, today: date) -> None:
    for spec in _events(today):
        spec = dict(spec)
        slug = spec.pop("slug")
        place_keys = spec.pop("places")
        spec["topic_id"] = topics[spec.pop("topic")].pk
        page, status = ensure_page(parent=index, page_class=EventPage, slug=slug, **spec)
        wanted = {places[key].pk for key in place_keys}
        if set(page.places.values_list("pk", flat=True)) != wanted:
            page.places.set([places[key] for key in place_keys])
            page.save_revision(log_action=True).publish()
            status = "updated" if status == "unchanged" else status
        report(stdout, style, page, status)


@transaction.atomic
def load(*, stdout, style) -> None:
    today = timezone.localdate()
    home = get_home_page()
    places = _ensure_places(stdout)
    topics = _ensure_topics()
    _ensure_officials(stdout, places, today)
    schedule, status = ensure_page(
        parent=home,
        page_class=ReceptionSchedulePage,
        slug=SLUG_SCHEDULES,
        title="График личного приёма",
        search_description="Когда и где принимают Глава городского округа и его заместители; запись на приём.",
        intro=SCHEDULE_INTRO,
        signup_text=SIGNUP_TEXT,
        consent_text=CONSENT_TEXT,
        consent_version=CONSENT_VERSION,
    )
    report(stdout, style, schedule, status)
    index, status = ensure_page(
        parent=home,
        page_class=EventIndexPage,
        slug=SLUG_EVENTS,
        title="Тематические приёмы и встречи",
        search_description="Тематические приёмы, прямые эфиры, встречи с жителями и выездные приёмы.",
        intro=EVENTS_INTRO,
    )
    report(stdout, style, index, status)
    _ensure_events(stdout, style, index, places, topics, today)
