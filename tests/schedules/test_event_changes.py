"""An event called off or moved says so wherever residents meet it, and stays published.

From outside: a thematic reception could not be marked cancelled or moved. The
editor could only unpublish it (a 404 for whoever kept the link) or retitle it,
and the lists, the home page, RSS, the calendars, schema.org data, the API and
the open data still announced it as planned. Now «Отмена или перенос» on the
event (``EventPage.cancelled``, ``previous_date``, ``change_note``) is read by
all of them through one label (``EventPage.change_label``).
"""

import json
import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from opendata import sources
from schedules.factories import EventPageFactory

pytestmark = pytest.mark.django_db

NOTE = "Ведущий приёма в командировке."


@pytest.fixture
def changed(events_index):
    today = timezone.localdate()
    cancelled = EventPageFactory(
        parent=events_index, title="Приём по ЖКХ", date=today + timedelta(days=10), cancelled=True, change_note=NOTE
    )
    moved = EventPageFactory(
        parent=events_index, title="Приём по дорогам", date=today + timedelta(days=12), previous_date=today
    )
    return cancelled, moved


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.content.decode()))


def json_ld(response) -> dict:
    return json.loads(re.search(r'application/ld\+json">(.*?)</script>', response.content.decode()).group(1))


def test_the_event_pages_say_cancelled_or_moved_and_drop_what_no_longer_applies(client, changed):
    cancelled, moved = changed
    page = client.get(cancelled.url)
    assert "Мероприятие отменено. " + NOTE in text(page)
    assert "Добавить в календарь" not in text(page)
    moved_text = text(client.get(moved.url))
    assert f"Перенесено с {moved.previous_date.day} " in moved_text
    assert "Добавить в календарь" in moved_text


def test_the_lists_and_feeds_say_it_before_or_under_the_title(client, changed, events_index):
    cancelled, moved = changed
    listing = text(client.get(events_index.url))
    assert "Отменено: Приём по ЖКХ" in listing
    assert "Приём по дорогам Перенесено с" in listing
    rss = ElementTree.fromstring(client.get(events_index.url + "rss/").content)  # noqa: S314 (our own feed)
    titles = [item.findtext("title") for item in rss.iter("item")]
    assert "Отменено: Приём по ЖКХ" in titles
    moved_item = next(item for item in rss.iter("item") if item.findtext("title") == "Приём по дорогам")
    assert moved_item.findtext("description").startswith("Перенесено с ")


def test_calendars_cancel_the_event_so_subscribers_drop_it(client, changed, events_index):
    cancelled, moved = changed
    for url in (events_index.url + "ical/", cancelled.url + "ical/"):
        entries = {str(e["summary"]): e for e in Calendar.from_ical(client.get(url).content).walk("VEVENT")}
        entry = entries["Отменено: Приём по ЖКХ"]
        assert str(entry["status"]) == "CANCELLED"
        assert str(entry["description"]).startswith("Отменено. " + NOTE)


def test_machines_read_the_change_too(client, changed):
    cancelled, moved = changed
    ld = json.loads(
        re.search(r'application/ld\+json">(.*?)</script>', client.get(cancelled.url).content.decode()).group(1)
    )
    assert ld["eventStatus"] == "https://schema.org/EventCancelled"
    ld = json.loads(re.search(r'application/ld\+json">(.*?)</script>', client.get(moved.url).content.decode()).group(1))
    assert ld["eventStatus"] == "https://schema.org/EventRescheduled"
    assert ld["previousStartDate"] == moved.previous_date.isoformat()
    api = {item["title"]: item for item in client.get("/api/v1/events/").json()["results"]}
    assert api["Приём по ЖКХ"]["cancelled"] is True and api["Приём по ЖКХ"]["change_note"] == NOTE
    assert api["Приём по дорогам"]["previous_date"] == moved.previous_date.isoformat()
    rows = {row["title"]: row for row in sources.event_rows()}
    assert rows["Приём по ЖКХ"]["status"] == "отменено"
    assert (rows["Приём по дорогам"]["status"], rows["Приём по дорогам"]["previous_date"]) == (
        "перенесено",
        moved.previous_date,
    )


def test_a_move_to_the_same_date_is_refused_in_russian(events_index):
    event = EventPageFactory(parent=events_index)
    event.previous_date = event.date
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert "Прежняя дата совпадает" in str(refused.value.message_dict["previous_date"])


def test_open_data_says_an_event_was_held_once_its_day_is_over(events_index):
    """From outside: the events set called a reception of February 2018 «состоится» (will be held).

    The status follows the calendar, so the set's version moves on the day after an event too: a
    consumer that keeps the file by its version gets the new statuses."""
    today = timezone.localdate()
    held = EventPageFactory(parent=events_index, title="Приём прошлой недели", date=today - timedelta(days=7))
    EventPageFactory(
        parent=events_index,
        title="Прошедший перенесённый",
        date=today - timedelta(days=2),
        previous_date=today - timedelta(days=9),
    )
    EventPageFactory(parent=events_index, title="Отменённый прошедший", date=today - timedelta(days=1), cancelled=True)
    EventPageFactory(parent=events_index, title="Сегодняшний приём", date=today)
    statuses = {row["title"]: row["status"] for row in sources.event_rows()}
    assert statuses == {
        "Приём прошлой недели": "состоялось",
        "Прошедший перенесённый": "состоялось",
        "Отменённый прошедший": "отменено",
        "Сегодняшний приём": "состоится",
    }
    # Published a month ago; the newest event held was yesterday: the set changed today.
    from schedules.models import EventPage

    EventPage.objects.update(last_published_at=timezone.now() - timedelta(days=30))
    assert sources.events_version() == today
    EventPage.objects.filter(date__gte=today - timedelta(days=2)).delete()
    assert sources.events_version() == held.date + timedelta(days=1)
