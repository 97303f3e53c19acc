"""The demo section of published answers (59-ФЗ art. 10 part 4): three questions many residents ask.

Loaded by ``appeals_form.demo`` before the demo appeals: the appeal of art. 11 part 5.1
(``appeals_form.demo_law``) is told the address of the answer on the deadlines. Idempotent: the section
and each answer by their slugs. No personal data: questions as residents ask them, never who asked.
"""

from datetime import date

from appeals_form.models import PublishedAnswerIndexPage, PublishedAnswerPage, Topic
from home.demo.content import SLUG_ANSWERS
from home.demo.pages import ensure_page, get_home_page, report

SLUG_DEADLINES = "sroki-rassmotreniya"

ANSWERS = [
    {
        "slug": SLUG_DEADLINES,
        "title": "Сроки рассмотрения обращения и их продление",
        "question": "В какой срок администрация должна ответить на обращение и можно ли этот срок продлить?",
        "answer": (
            "<p>Обращение регистрируется в течение 3 дней со дня поступления (часть 2 статьи 8 Федерального "
            "закона от 02.05.2006 № 59-ФЗ). Ответ даётся в течение 30 дней со дня регистрации (часть 1 "
            "статьи 12).</p><p>В исключительных случаях руководитель может продлить срок не более чем на 30 "
            "дней; заявителю сообщают о продлении с указанием причин (часть 2 статьи 12). Ход рассмотрения "
            "видно на странице обращения по личной ссылке из письма о регистрации.</p>"
        ),
        "answered_on": date(2026, 9, 15),
        "topic": "Работа администрации и её сотрудников",
    },
    {
        "slug": "otopitelnyy-sezon",
        "title": "Когда начинается отопительный сезон",
        "question": "Когда в городском округе включают отопление и что делать, если в квартире холодно?",
        "answer": (
            "<p>Отопительный период начинается на следующий день после пяти дней подряд со среднесуточной "
            "температурой наружного воздуха ниже +8 °C (Правила предоставления коммунальных услуг, "
            "постановление Правительства Российской Федерации от 06.05.2011 № 354). Дату начала объявляет "
            "администрация городского округа.</p><p>Если после начала сезона в квартире холодно, сообщите в "
            "аварийно-диспетчерскую службу управляющей компании: она составляет акт о нарушении качества "
            "услуги, по которому делается перерасчёт платы.</p>"
        ),
        "answered_on": date(2026, 10, 1),
        "topic": "Водоснабжение, отопление, электричество",
    },
    {
        "slug": "ochered-v-detskiy-sad",
        "title": "Как встать в очередь в детский сад",
        "question": "Как поставить ребёнка на учёт для зачисления в детский сад и узнать своё место в очереди?",
        "answer": (
            "<p>Заявление подаётся на портале госуслуг или в МФЦ с рождения ребёнка. Номер в очереди и "
            "её движение видны в личном кабинете на портале госуслуг.</p><p>Места распределяет управление "
            "образования с учётом льгот, установленных законом, и выбранных родителями детских садов.</p>"
        ),
        "answered_on": date(2026, 11, 10),
        "topic": "Места в детских садах",
    },
]


def load(*, stdout, style) -> None:
    section, status = ensure_page(
        parent=get_home_page(),
        page_class=PublishedAnswerIndexPage,
        slug=SLUG_ANSWERS,
        title="Ответы на вопросы из обращений",
        search_description="Ответы на вопросы, которые жители задают в обращениях чаще всего.",
        intro=(
            "<p>Здесь публикуются ответы на обращения, которые затрагивают интересы многих жителей. Если вы "
            "спросите о том, на что ответ уже опубликован, в течение 7 дней со дня регистрации вам сообщат "
            "адрес этой страницы (часть 5.1 статьи 11 Федерального закона № 59-ФЗ).</p>"
        ),
    )
    report(stdout, style, section, status)
    for answer in ANSWERS:
        fields = {**answer, "topic": Topic.objects.filter(title=answer["topic"]).first()}
        page, status = ensure_page(parent=section, page_class=PublishedAnswerPage, **fields)
        report(stdout, style, page, status)
