"""The site search offers what is not a page: officials by name or position, and the status lookup.

From outside, «Кузнецов» (an official on the home page) and «статус» found nothing: an official's
schedule is a sub-route of the schedule page and the status lookup is a view, and the search saw
pages only. Residents type a name in whatever case the sentence in their head has («приём у
Кузнецова», «записаться к Лебедевой»), with «е» for «ё».
"""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page, Site

from home.models import HomePage, StandardPage
from schedules.factories import OfficialFactory, ReceptionRuleFactory, ReceptionSchedulePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officials(site_home):
    schedule = ReceptionSchedulePageFactory(parent=site_home)
    people = {
        "head": OfficialFactory(
            surname="Соколов",
            first_name="Андрей",
            patronymic="Викторович",
            position="Глава городского округа",
            department="",
            slug="sokolov",
            order=1,
        ),
        "housing": OfficialFactory(
            surname="Кузнецов",
            first_name="Павел",
            patronymic="Олегович",
            position="Заместитель главы администрации по вопросам ЖКХ",
            department="Жилищно-коммунальное хозяйство",
            slug="kuznetsov",
            order=2,
        ),
        "social": OfficialFactory(
            surname="Королёва",
            first_name="Ольга",
            patronymic="Николаевна",
            position="Заместитель главы администрации по социальным вопросам",
            department="Социальная сфера",
            slug="koroleva",
            order=3,
        ),
        "gone": OfficialFactory(
            surname="Кузнецова",
            first_name="Мария",
            patronymic="Петровна",
            position="Бывший заместитель",
            slug="kuznetsova",
            order=4,
            is_active=False,
        ),
    }
    ReceptionRuleFactory(official=people["housing"])
    return schedule, people


def offered(client, query: str) -> list[str]:
    html = client.get("/search/", {"q": query}).content.decode()
    return re.findall(r'class="search-shortcuts__link" href="[^"]*">([^<]*)<', html)


@pytest.mark.parametrize("query", ["Кузнецов", "кузнецова", "Кузнецову", "приём у Кузнецова", "КУЗНЕЦОВЫМ", "Павел"])
def test_an_official_is_found_by_name_in_any_case_form(client, officials, query):
    assert offered(client, query) == ["Кузнецов Павел Олегович"]


@pytest.mark.parametrize("query", ["Королева", "королёвой", "Ольга Николаевна"])
def test_a_name_with_yo_is_found_typed_with_e(client, officials, query):
    assert offered(client, query) == ["Королёва Ольга Николаевна"]


def test_an_official_is_found_by_position_and_a_general_word_finds_none(client, officials):
    assert offered(client, "заместитель") == ["Кузнецов Павел Олегович", "Королёва Ольга Николаевна"]
    assert offered(client, "приём заместителя по ЖКХ") == ["Кузнецов Павел Олегович"]
    assert offered(client, "глава") == [
        "Соколов Андрей Викторович",
        "Кузнецов Павел Олегович",
        "Королёва Ольга Николаевна",
    ]
    assert offered(client, "приём") == []
    assert offered(client, "Петровна") == []  # the official no longer shown in the schedule


def test_the_shortcut_leads_to_the_officials_schedule_with_the_next_reception(client, officials):
    schedule, people = officials
    html = client.get("/search/", {"q": "Кузнецову"}).content.decode()
    url = schedule.official_url(people["housing"])
    assert f'href="{url}">Кузнецов Павел Олегович<' in html
    assert "Заместитель главы администрации по вопросам ЖКХ" in html
    assert re.search(r"Ближайший приём: \d{1,2} [а-я]+, [а-я]+, с\u00a015:00 до\u00a018:00", html)
    assert client.get(url).status_code == 200
    # No schedule: nothing to lead to.
    assert "Ближайший приём" not in client.get("/search/", {"q": "Соколову"}).content.decode()


def test_the_next_reception_names_the_deputy_who_holds_it_and_a_move(client, officials):
    """As the schedule page and the sign-up: the official's next reception held by a deputy names her."""
    from datetime import timedelta

    from django.utils import timezone

    from schedules import selectors
    from schedules.factories import AbsenceFactory, PlaceFactory
    from schedules.models import ReceptionException

    _, people = officials
    today = timezone.localdate()
    deputy = OfficialFactory(surname="Морозова", first_name="Елена", patronymic="", position="Первый заместитель")
    AbsenceFactory(official=people["housing"], date_from=today, date_to=today + timedelta(days=400), deputy=deputy)
    (first,) = selectors.schedule_row(people["housing"], today=today, count=1).next_dates
    ReceptionException.objects.create(
        official=people["housing"], date=first.date, action="place", new_place=PlaceFactory(), reason="Ремонт"
    )
    html = client.get("/search/", {"q": "Кузнецову"}).content.decode()
    expected = "с\u00a015:00 до\u00a018:00, в другом месте. Приём ведёт Первый заместитель, Морозова Елена"
    assert re.search(r"Ближайший приём: \d{1,2} [а-я]+, [а-я]+, " + expected, html)


def test_the_status_lookup_is_found_by_its_own_words_only(client, site_home):
    html = client.get("/search/", {"q": "статус обращения"}).content.decode()
    assert f'href="{reverse("appeals:status_lookup")}">Узнать статус обращения<' in html
    assert offered(client, "номер обращения") == ["Узнать статус обращения"]
    assert offered(client, "обращения") == []  # half the site is about appeals
    assert "search-shortcuts" not in client.get("/search/", {"q": "обращения"}).content.decode()


def test_nothing_is_offered_past_the_first_page_of_results(client, officials):
    schedule, _ = officials
    for number in range(12):
        schedule.get_parent().add_child(
            instance=StandardPage(title=f"Заместитель {number}", slug=f"zam-{number}", intro="Заместитель.")
        )
    assert offered(client, "заместитель")
    html = client.get("/search/", {"q": "заместитель", "page": "2"}).content.decode()
    assert "search-shortcuts" not in html


def test_each_town_of_one_installation_searches_its_own_pages_and_officials(client, officials, site_home, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "sosed.example.ru"]
    other_home = Page.get_first_root_node().add_child(instance=HomePage(title="Соседний город", slug="sosed"))
    Site.objects.create(hostname="sosed.example.ru", root_page=other_home)
    other_home.add_child(instance=StandardPage(title="Порядок соседей", slug="poryadok", intro="Обращения соседей."))
    site_home.add_child(instance=StandardPage(title="Порядок наш", slug="poryadok", intro="Обращения наши."))

    ours = client.get("/search/", {"q": "порядок"}).content.decode()
    theirs = client.get("/search/", {"q": "порядок"}, HTTP_HOST="sosed.example.ru").content.decode()

    assert "Порядок наш" in ours and "Порядок соседей" not in ours
    assert "Порядок соседей" in theirs and "Порядок наш" not in theirs
    assert offered(client, "Кузнецов")
    assert (
        "search-shortcuts"
        not in client.get("/search/", {"q": "Кузнецов"}, HTTP_HOST="sosed.example.ru").content.decode()
    )


@pytest.mark.parametrize(
    "query", ["ОГ-2026-000013", "ог 2026 000013", "ОГ2026000013", "№ ОГ-2026-000013", "статус ог–2026–13"]
)
def test_an_appeal_number_leads_to_the_status_lookup(client, site_home, query):
    """A resident types the number from the registration letter: «ничего не найдено» led nowhere."""
    html = client.get("/search/", {"q": query}).content.decode()
    assert offered(client, query)[0] == "Узнать статус обращения"
    assert "Среди страниц сайта по запросу" in html  # not «ничего не найдено. Попробуйте другие слова»


@pytest.mark.parametrize("query", ["2026", "ог 2026", "000013", "ОГ-2026-000013-1"])
def test_a_number_unlike_an_appeals_is_not_one(client, site_home, query):
    assert offered(client, query) == []


def test_the_appeal_number_is_read_as_the_appeals_app_writes_it(client, site_home, settings):
    settings.APPEALS_NUMBER_FORMAT = "{seq}/{year}-ИП"
    assert offered(client, "13/2026-ИП") == ["Узнать статус обращения"]
    assert offered(client, "13 2026 ип") == ["Узнать статус обращения"]
    assert offered(client, "ОГ-2026-000013") == []


@pytest.mark.parametrize(
    "query",
    ["записаться на приём", "записаться на прием", "запись на прием", "приём граждан", "личный приём", "график"],
)
def test_a_sign_up_leads_to_the_schedule(client, officials, query):
    schedule, _ = officials
    html = client.get("/search/", {"q": query}).content.decode()
    assert f'class="search-shortcuts__link" href="{schedule.url}">{schedule.title}<' in html


@pytest.mark.parametrize("query", ["приём", "приём обращений", "запись в кружок"])
def test_the_schedule_is_not_offered_for_other_words(client, officials, query):
    schedule, _ = officials
    assert schedule.title not in offered(client, query)
