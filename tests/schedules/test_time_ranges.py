"""Ranges of hours are said as ranges: «с 16:00 до 19:00».

Found from outside: a screen reader read «16:00–19:00» on the schedules as «шестнадцать ноль ноль девятнадцать
ноль ноль» (the dash is not read): two times, not a range. Every range of hours comes from
``home.textformat.time_range`` (the filter ``time_range``; ``time_ranges`` for text an editor typed).
"""

import re
from datetime import time, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from home.textformat import time_range, time_ranges

from .conftest import first_open_option, signup_data

# Two times joined by a dash, with tags or spaces between them.
DASHED = re.compile(r"\d{1,2}[:.]\d{2}\s*[–—-]\s*\d{1,2}[:.]\d{2}")


def said(html: str) -> str:
    """The text a screen reader reads (tags and their attributes dropped)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_range_reads_with_its_prepositions():
    assert time_range(time(16), time(19)) == "с 16:00 до 19:00"
    assert time_range(time(9, 30), time(12, 5)) == "с 9:30 до 12:05"
    assert time_range(time(11)) == "11:00"  # an event without an end


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Пн–Чт 9:00–18:00", "Пн–Чт с 9:00 до 18:00"),
        ("Пт 9.00 - 16.45", "Пт с 9.00 до 16.45"),
        ("с 9:00—18:00, перерыв 13:00-13:45", "с 9:00 до 18:00, перерыв с 13:00 до 13:45"),
        ("Сб, Вс — выходные", "Сб, Вс — выходные"),
        ("тел. 8-800-100-20-30", "тел. 8-800-100-20-30"),
    ],
)
def test_ranges_in_typed_working_hours_read_as_ranges(typed, read):
    assert time_ranges(typed) == read


@pytest.mark.django_db
def test_no_schedule_page_or_letter_says_a_range_with_a_dash(
    client, submit, schedule_page, slot_official, places_official, events_index
):
    from schedules.factories import EventPageFactory

    event = EventPageFactory(parent=events_index, date=timezone.localdate() + timedelta(days=5))
    occ, choice, _ = first_open_option(places_official)
    urls = [
        schedule_page.url,
        schedule_page.url + f"{slot_official.slug}/",
        schedule_page.url + f"{places_official.slug}/zapis/",
        events_index.url,
        event.url,
    ]
    for url in urls:
        text = said(client.get(url).content.decode())
        assert "с 15:00 до 16:00" in text or "с 16:00 до 18:00" in text, url
        assert not DASHED.search(text), f"{url}: {DASHED.search(text).group(0)!r}"

    done = submit(schedule_page.url + f"{places_official.slug}/zapis/", signup_data(choice))
    assert done.status_code == 303
    text = said(client.get(done["Location"]).content.decode())
    assert "с 15:00 до 16:00" in text and not DASHED.search(text)
    (letter,) = mail.outbox
    assert "Время: с 15:00 до 16:00" in letter.body and not DASHED.search(letter.body)


# A template that writes two times with a dash between them: «{{ a|time:"G:i" }}–{{ b|time:"G:i" }}».
TEMPLATE_DASH = re.compile(r"\|(?:time|time_cached|date)[^}]*}}\s*(?:{%[^%]*%}\s*)*[–—-]\s*(?:{%[^%]*%}\s*)*{{")
CODE_DASH = re.compile(r"(?:%H:%M|%-H:%M|G:i'\)|H:i'\)|format_time\([^)]*\))}\s*[–—-]\s*{")


def test_no_template_or_code_joins_two_times_with_a_dash():
    root = Path(settings.BASE_DIR)
    found = [
        str(path.relative_to(root))
        for path in (root / "templates").rglob("*")
        if path.suffix in (".html", ".txt") and TEMPLATE_DASH.search(path.read_text(encoding="utf-8"))
    ]
    found += [
        str(path.relative_to(root))
        for app in ("home", "schedules", "appeals_form", "api", "opendata", "reports")
        for path in (root / app).rglob("*.py")
        if CODE_DASH.search(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "a range of hours written with a dash; use the filter time_range"
