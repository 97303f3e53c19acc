"""Feeds: iCalendar parsed back with the icalendar package gives the same events and times; RSS 2.0 is well-formed."""

import xml.etree.ElementTree as ET
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from schedules import rules
from schedules.factories import EventPageFactory, EventTopicFactory, OfficialFactory, PlaceFactory, ReceptionRuleFactory
from schedules.models import EventPage

pytestmark = pytest.mark.django_db
MSK = ZoneInfo("Europe/Moscow")


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def vevents(cal):
    return list(cal.walk("VEVENT"))


def test_event_ics_round_trip(client, events_index):
    place = PlaceFactory(title="Администрация", address="ул. Советская, д. 1", room="")
    event = EventPageFactory(
        parent=events_index,
        title="Тематический приём по вопросам ЖКХ",
        date=date(2018, 2, 8),
        time_from=time(10),
        time_to=time(13),
        topic=EventTopicFactory(title="ЖКХ"),
    )
    event.places.set([place])
    event.save()
    cal = parse(client.get(event.url + "ical/"))
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Moscow"]
    (vevent,) = vevents(cal)
    assert str(vevent["SUMMARY"]) == "Тематический приём по вопросам ЖКХ"
    assert vevent.decoded("DTSTART") == datetime(2018, 2, 8, 10, tzinfo=MSK)
    assert vevent.decoded("DTEND") == datetime(2018, 2, 8, 13, tzinfo=MSK)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Moscow"
    assert "ул. Советская, д. 1" in str(vevent["LOCATION"])
    assert vevent["UID"] and vevent["DTSTAMP"]


def test_all_events_ics_has_every_live_event(client, events_index):
    EventPageFactory(parent=events_index, title="Первый", date=date(2018, 2, 8), time_from=time(10), time_to=time(13))
    EventPageFactory(
        parent=events_index,
        title="Эфир",
        kind=EventPage.Kind.BROADCAST,
        date=date(2018, 2, 21),
        time_from=time(19),
        time_to=None,
        stream_url="https://ensk.example/efir",
    )
    draft = EventPageFactory(parent=events_index, title="Черновик", date=date(2018, 3, 1))
    draft.unpublish()
    cal = parse(client.get(events_index.url + "ical/"))
    got = {(str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in vevents(cal)}
    assert got == {
        ("Первый", datetime(2018, 2, 8, 10, tzinfo=MSK), datetime(2018, 2, 8, 13, tzinfo=MSK)),
        # No end time: two hours by default.
        ("Эфир", datetime(2018, 2, 21, 19, tzinfo=MSK), datetime(2018, 2, 21, 21, tzinfo=MSK)),
    }
    assert len({str(e["UID"]) for e in vevents(cal)}) == 2


def test_official_ics_has_the_computed_receptions(client, schedule_page, place):
    official = OfficialFactory(slug="sokolov", surname="Соколов")
    rule = ReceptionRuleFactory(official=official, weekdays=[1], weeks=[2, 4], place=place)
    cal = parse(client.get(schedule_page.url + "sokolov/ical/"))
    today = timezone.localdate()
    expected, _ = rules.compute(rules=[rule], exceptions=[], start=today, end=today + timedelta(days=180))
    got = sorted((e.decoded("DTSTART"), e.decoded("DTEND")) for e in vevents(cal))
    assert got == [
        (datetime.combine(o.date, time(15), tzinfo=MSK), datetime.combine(o.date, time(18), tzinfo=MSK))
        for o in expected
    ]
    assert len(got) >= 10
    assert all("Соколов" in str(e["SUMMARY"]) for e in vevents(cal))


def test_rss_is_well_formed_rss_2_with_required_elements(client, events_index):
    EventPageFactory(parent=events_index, title="Тематический приём <ЖКХ> & дороги", date=date(2018, 2, 8))
    EventPageFactory(parent=events_index, title="Встреча с жителями", kind=EventPage.Kind.MEETING)
    response = client.get(events_index.url + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required)
    items = channel.findall("item")
    assert {item.findtext("title") for item in items} == {"Тематический приём <ЖКХ> & дороги", "Встреча с жителями"}
    for item in items:
        assert item.findtext("link").startswith("http")
        assert item.findtext("guid") and item.findtext("pubDate") and item.findtext("description")
