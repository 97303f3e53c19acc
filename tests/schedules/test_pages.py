"""The schedule page, the page of each official, the events index and the event page."""

import json
import re
from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from schedules.factories import (
    EventPageFactory,
    EventTopicFactory,
    OfficialFactory,
    PlaceFactory,
    ReceptionExceptionFactory,
    ReceptionRuleFactory,
)
from schedules.models import EventPage

pytestmark = pytest.mark.django_db


def test_schedule_lists_each_official_with_rule_place_phone_and_three_next_dates(client, schedule_page, place):
    official = OfficialFactory(surname="Соколов", first_name="Андрей", patronymic="Викторович", position="Глава")
    ReceptionRuleFactory(official=official, weekdays=[1], weeks=[2, 4], place=place, phone="+7 (495) 000-01-10")
    response = client.get(schedule_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Соколов Андрей Викторович" in html and "Глава" in html
    assert "каждый второй и\u00a0четвёртый вторник месяца, с\u00a015:00 до\u00a018:00" in html
    assert "ул. Советская, д. 1" in html and 'href="tel:+74950000110"' in html
    card = html.split("Соколов Андрей Викторович")[1]
    assert len(re.findall(r'<time datetime="\d{4}-\d\d-\d\dT15:00"', card)) == 3
    assert html.count("<h1") == 1


def test_filters_by_department_and_weekday_without_javascript(client, schedule_page, place):
    housing = OfficialFactory(surname="Кузнецов", department="ЖКХ")
    ReceptionRuleFactory(official=housing, weekdays=[2], place=place)
    social = OfficialFactory(surname="Лебедева", department="Социальная сфера")
    ReceptionRuleFactory(official=social, weekdays=[3], place=place)

    html = client.get(schedule_page.url, {"department": "ЖКХ"}).content.decode()
    assert "Кузнецов" in html and "Лебедева" not in html
    html = client.get(schedule_page.url, {"weekday": "3"}).content.decode()
    assert "Лебедева" in html and "Кузнецов" not in html
    assert "Найдено должностных лиц: 1" in html


def test_query_count_does_not_grow_with_fifty_officials(client, schedule_page, place, django_assert_max_num_queries):
    def add(n):
        for _ in range(n):
            official = OfficialFactory()
            ReceptionRuleFactory(official=official, weekdays=[0, 3], place=place)
            ReceptionExceptionFactory(official=official, date=timezone.localdate() + timedelta(days=3))

    add(2)
    client.get(schedule_page.url)  # warm caches (site, settings)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(schedule_page.url)
    add(48)
    with django_assert_max_num_queries(len(few)):
        response = client.get(schedule_page.url)
    assert response.content.decode().count('class="card sched-card"') == 50


def test_page_per_official_with_dates_changes_and_calendar_link(client, schedule_page, place):
    official = OfficialFactory(surname="Кузнецов", first_name="Павел", slug="kuznetsov")
    ReceptionRuleFactory(official=official, weekdays=[0, 1, 2, 3, 4], place=place)
    cancelled = timezone.localdate() + timedelta(days=1)
    while cancelled.weekday() > 4:
        cancelled += timedelta(days=1)
    ReceptionExceptionFactory(official=official, date=cancelled, reason="Командировка")
    response = client.get(schedule_page.url + "kuznetsov/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Кузнецов Павел" in html
    assert "Командировка" in html
    assert "kuznetsov/ical/" in html
    assert client.get(schedule_page.url + "nobody/").status_code == 404


def test_inactive_official_is_hidden(client, schedule_page, place):
    official = OfficialFactory(surname="Скрытый", is_active=False, slug="skrytyy")
    ReceptionRuleFactory(official=official, place=place)
    assert "Скрытый" not in client.get(schedule_page.url).content.decode()
    assert client.get(schedule_page.url + "skrytyy/").status_code == 404


def test_events_index_lists_upcoming_and_links_the_archive_years(client, events_index):
    today = timezone.localdate()
    EventPageFactory(parent=events_index, title="Приём 2018", date=date(2018, 2, 8))
    EventPageFactory(parent=events_index, title="Приём 2019", date=date(2019, 3, 1))
    EventPageFactory(parent=events_index, title="Скоро второй", date=today + timedelta(days=20))
    EventPageFactory(parent=events_index, title="Скоро первый", date=today + timedelta(days=5))
    html = client.get(events_index.url).content.decode()
    assert html.index("Предстоящие") < html.index("Скоро первый") < html.index("Скоро второй") < html.index("Архив")
    # Past events are not listed on the index, only their years (the latest first).
    assert "Приём 2019" not in html and "Приём 2018" not in html
    archive = html[html.index('id="arhiv"') :]
    years = [archive.index(f'href="{events_index.url}arhiv/{year}/"') for year in (2019, 2018)]
    assert years == sorted(years)


def test_archive_year_lists_its_months_and_a_month_lists_its_events(client, events_index, settings):
    EventPageFactory(parent=events_index, title="Приём в феврале", date=date(2018, 2, 8))
    EventPageFactory(parent=events_index, title="Второй в феврале", date=date(2018, 2, 21))
    EventPageFactory(parent=events_index, title="Приём в мае", date=date(2018, 5, 24))
    EventPageFactory(parent=events_index, title="Приём 2019", date=date(2019, 3, 1))
    year = client.get(events_index.url + "arhiv/2018/")
    html = year.content.decode()
    assert year.status_code == 200 and "<h1>Мероприятия: 2018 год</h1>" in html
    assert 'Февраль 2018</a> <span class="sched-muted">— 2 мероприятия' in html
    assert 'Май 2018</a> <span class="sched-muted">— 1 мероприятие' in html
    assert "Приём в мае" not in html  # the year page names months, the month pages list events

    month = client.get(events_index.url + "arhiv/2018/02/")
    html = month.content.decode()
    assert month.status_code == 200 and "<h1>Мероприятия: февраль 2018</h1>" in html
    assert html.index("Приём в феврале") < html.index("Второй в феврале")
    assert "Приём в мае" not in html and "Приём 2019" not in html
    assert f'href="{events_index.url}arhiv/2018/05/" rel="next"' in html  # the next month with events
    assert 'rel="prev"' not in html
    assert f'<link rel="canonical" href="{settings.PORTAL_BASE_URL}{events_index.url}arhiv/2018/02/">' in html
    # A month without events between two with events is a page saying so.
    empty = client.get(events_index.url + "arhiv/2018/04/").content.decode()
    assert "В этом месяце мероприятий не было." in empty  # 2018 is past
    assert f'href="{events_index.url}arhiv/2018/02/" rel="prev"' in empty


@pytest.mark.parametrize("path", ["arhiv/2017/", "arhiv/2018/13/", "arhiv/2018/00/", "arhiv/2018/2/", "arhiv/2030/01/"])
def test_archive_outside_the_events_is_not_found(client, events_index, path):
    EventPageFactory(parent=events_index, title="Приём", date=date(2018, 2, 8))
    assert client.get(events_index.url + path).status_code == 404


def test_events_filter_by_topic_and_kind_and_month_opens_the_month(client, events_index):
    housing = EventTopicFactory(title="ЖКХ")
    roads = EventTopicFactory(title="Дороги")
    today = timezone.localdate()
    EventPageFactory(parent=events_index, title="Приём ЖКХ", topic=housing, date=today + timedelta(days=3))
    EventPageFactory(parent=events_index, title="Приём дороги", topic=roads, date=date(2018, 3, 22))
    EventPageFactory(parent=events_index, title="Приём дороги скоро", topic=roads, date=today + timedelta(days=4))
    EventPageFactory(parent=events_index, title="Эфир Главы", kind=EventPage.Kind.BROADCAST, date=date(2018, 3, 5))
    html = client.get(events_index.url, {"topic": housing.pk}).content.decode()
    assert "Приём ЖКХ" in html and "Приём дороги скоро" not in html
    response = client.get(events_index.url, {"month": "2018-03", "kind": "broadcast", "topic": ""})
    assert response.status_code == 302 and response["Location"] == events_index.url + "arhiv/2018/03/?kind=broadcast"
    html = client.get(response["Location"]).content.decode()
    assert "Эфир Главы" in html and "Приём дороги" not in html
    assert '<option value="2018-03" selected>' in html  # the form shows the month being looked at
    html = client.get(events_index.url, {"month": "2018-03"}, follow=True).content.decode()
    assert "Приём дороги" in html and "Эфир Главы" in html and "Приём ЖКХ" not in html


def test_events_filter_with_a_month_not_offered_says_so_in_russian(client, events_index):
    EventPageFactory(parent=events_index, title="Приём", date=date(2018, 3, 22))
    response = client.get(events_index.url, {"month": "1999-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "В этом месяце мероприятий не было: выберите месяц из списка." in html
    assert '<option value="2018-03">Март 2018</option>' in html  # what can be chosen instead


def _month(today: date, shift: int) -> date:
    index = today.year * 12 + today.month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


@pytest.mark.parametrize(
    ("shift", "text"),
    [
        (-2, "В этом месяце мероприятий не было"),
        (0, "В этом месяце мероприятий нет"),
        (2, "На этот месяц мероприятий пока не запланировано"),
    ],
)
def test_a_month_without_events_is_told_in_its_tense(client, events_index, shift, text):
    """/meropriyatiya/?month=2027-01 (a future month) said «мероприятий не было»."""
    today = timezone.localdate()
    EventPageFactory(parent=events_index, title="Давнее", date=_month(today, -4))
    EventPageFactory(parent=events_index, title="Будущее", date=_month(today, 4) + timedelta(days=9))
    month = _month(today, shift)

    chosen = client.get(events_index.url, {"month": f"{month:%Y-%m}"}).content.decode()
    assert f"{text}: выберите месяц из списка." in chosen

    page = client.get(events_index.url + f"arhiv/{month:%Y/%m}/").content.decode()
    assert f"<p>{text}.</p>" in page
    filtered = client.get(events_index.url + f"arhiv/{month:%Y/%m}/", {"kind": EventPage.Kind.choices[0][0]})
    assert text.replace("мероприятий", "мероприятий по выбранным условиям") in filtered.content.decode()


def test_a_month_filter_that_is_no_month_asks_for_one(client, events_index):
    EventPageFactory(parent=events_index, title="Приём", date=date(2018, 3, 22))
    for typed in ("2018-13", "март", "2018-3-1"):
        html = client.get(events_index.url, {"month": typed}).content.decode()
        assert "Выберите месяц из списка." in html and "мероприятий не было" not in html, typed


def test_events_index_lists_a_bounded_number_of_upcoming_events(client, events_index, settings):
    settings.SCHEDULES_UPCOMING_EVENTS = 3
    today = timezone.localdate()
    for n in range(5):
        EventPageFactory(parent=events_index, title=f"Скоро {n}", date=today + timedelta(days=n + 1))
    html = client.get(events_index.url).content.decode()
    assert [f"Скоро {n}" in html for n in range(5)] == [True, True, True, False, False]
    assert "Показаны ближайшие 3. Остальные — по месяцам:" in html
    last = today + timedelta(days=5)
    assert f'href="{events_index.url}arhiv/{last:%Y}/{last:%m}/"' in html


def test_event_page_has_schema_org_event_json_ld(client, events_index):
    hall = PlaceFactory(title="Дом культуры", address="ул. Мира, д. 20", room="")
    north = PlaceFactory(title="Северный", address="ул. Школьная, д. 3", room="")
    event = EventPageFactory(
        parent=events_index,
        title="Тематический приём по вопросам ЖКХ </script>",
        date=date(2018, 2, 8),
        time_from=time(10),
        time_to=time(13),
        topic=EventTopicFactory(title="ЖКХ"),
    )
    event.places.set([hall, north])
    event.save()
    html = client.get(event.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Event" and data["@context"] == "https://schema.org"
    assert data["name"] == "Тематический приём по вопросам ЖКХ </script>"
    assert data["startDate"] == "2018-02-08T10:00:00+03:00"
    assert data["endDate"] == "2018-02-08T13:00:00+03:00"
    assert {loc["name"] for loc in data["location"]} == {"Дом культуры", "Северный"}
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert "Мероприятие прошло" in html


def test_a_past_event_no_longer_tells_how_to_sign_up(client, events_index):
    """A 2018 reception said «Мероприятие прошло» and, below, «Как записаться: … по справочному телефону»."""
    from django.utils import timezone

    info = "<p>Предварительная запись по справочному телефону.</p>"
    past = EventPageFactory(parent=events_index, date=date(2018, 2, 8), signup_info=info)
    coming = EventPageFactory(parent=events_index, date=timezone.localdate() + timedelta(days=3), signup_info=info)
    past_html = client.get(past.url).content.decode()
    assert "Мероприятие прошло" in past_html
    assert "Как записаться" not in past_html and "Предварительная запись" not in past_html
    coming_html = client.get(coming.url).content.decode()
    assert "Как записаться" in coming_html and "Предварительная запись" in coming_html


def test_broadcast_shows_the_stream_link_and_is_an_online_event(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        kind=EventPage.Kind.BROADCAST,
        stream_url="https://ensk.example/efir",
        date=date(2030, 1, 10),
    )
    html = client.get(event.url).content.decode()
    assert 'href="https://ensk.example/efir"' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"


def test_official_page_says_how_to_sign_up_once_and_promises_no_missing_photo(client, demo_site):
    """Issue 12, item 10: «Записаться можно через сайт…» was there twice, and a photo promised but absent."""
    from schedules.models import Official, ReceptionSchedulePage

    page = ReceptionSchedulePage.objects.live().get()
    official = Official.objects.filter(is_active=True, rules__online_signup=True, photo__isnull=True).first()
    assert official is not None, "the demo has an official without a photo who takes sign-ups online"
    html = client.get(page.url + f"{official.slug}/").content.decode()
    assert html.count("Записаться можно через сайт") == 1
    assert "Записаться на приём</a>" in html
    assert "фотография" not in html.lower()


def test_kept_cards_follow_new_content_in_a_running_process(client, fragments_on, schedule_page, events_index, place):
    """The cards are kept per process (as in production): a published change shows at the next request."""
    first = OfficialFactory(surname="Первый")
    ReceptionRuleFactory(official=first, weekdays=[1], place=place)
    EventPageFactory(parent=events_index, title="Приём в феврале", date=date(2018, 2, 8))
    month = events_index.url + "arhiv/2018/02/"
    assert "Первый" in client.get(schedule_page.url).content.decode()
    assert "Приём в феврале" in client.get(month).content.decode()
    assert client.get(schedule_page.url).content.decode().count('class="card sched-card"') == 1  # kept

    second = OfficialFactory(surname="Второй")
    ReceptionRuleFactory(official=second, weekdays=[2], place=place)
    EventPageFactory(parent=events_index, title="Ещё один приём", date=date(2018, 2, 20))
    html = client.get(schedule_page.url).content.decode()
    assert "Первый" in html and "Второй" in html
    html = client.get(month).content.decode()
    assert "Приём в феврале" in html and "Ещё один приём" in html
    assert "Второй" in client.get(schedule_page.url + second.slug + "/").content.decode()
