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

from home.textformat import NBSP, no_break, time_range, time_ranges

from .conftest import first_open_option, signup_data

# Two times joined by a dash, with tags or spaces between them.
DASHED = re.compile(r"\d{1,2}[:.]\d{2}\s*[–—-]\s*\d{1,2}[:.]\d{2}")
# «с 16:00», «до 19:00» with a space a line may break at (a phone broke «до» | «19:00»); a day and its month
# («9 | декабря, среда» at 375 px), a date after a one-letter or short word («на | 9 декабря», «с | 16.12»).
MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
BREAKABLE = re.compile(
    r"(?<!\w)(?:с|до) (?=\d{1,2}[:.]\d{2}(?![.\d]))"
    rf"|(?<![\d:.])\d{{1,2}} (?=(?:{MONTHS})\b)"
    r"|(?<!\w)(?:с|на|по|от) (?=\d{1,2}(?:\.\d{2}| ))"
)


def breakable(text: str) -> list[str]:
    """Each place in a page's text (tags dropped, no-break spaces kept) where a range's words break apart."""
    text = re.sub(r"<[^>]+>", " ", text)
    return [text[max(0, m.start() - 40) : m.end() + 5] for m in BREAKABLE.finditer(text)]


def said(html: str) -> str:
    """The text a screen reader reads (tags and their attributes dropped)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def nb(text: str) -> str:
    """The text as written in these tests with «_» for a no-break space (U+00A0)."""
    return text.replace("_", NBSP)


def test_a_range_reads_with_its_prepositions():
    assert time_range(time(16), time(19)) == nb("с_16:00 до_19:00")
    assert time_range(time(9, 30), time(12, 5)) == nb("с_9:30 до_12:05")
    assert time_range(time(11)) == "11:00"  # an event without an end


@pytest.mark.parametrize(
    ("text", "typeset"),
    [
        ("с 16:00 до 19:00", "с_16:00 до_19:00"),  # a phone broke the line between «до» and «19:00»
        ("каждый второй и четвёртый вторник месяца", "каждый второй и_четвёртый вторник месяца"),
        ("приём в здании администрации", "приём в_здании администрации"),
        ("«О рассмотрении обращений»", "«О_рассмотрении обращений»"),
        ("закон от 02.05.2006 № 59-ФЗ", "закон от_02.05.2006 №_59-ФЗ"),
        ("с 01.01.2026 по 31.12.2026", "с_01.01.2026 по_31.12.2026"),
        ("5 декабря 2026 г.", "5_декабря 2026_г."),
        ("от 1 ноября 2026 года", "от_1_ноября 2026_года"),
        ("Пн–Чт с 9:00", "Пн–Чт с_9:00"),  # «Чт» is no short word: it follows a dash
        ("ОГ-2026-000013 от 12.11.2026", "ОГ-2026-000013 от_12.11.2026"),
        ("дом 5, кв. 12; ч. 2 ст. 13", "дом_5, кв._12; ч._2 ст._13"),
        ("Приём ведёт заместитель главы", "Приём ведёт заместитель главы"),  # nothing to keep together
        ("", ""),
    ],
)
def test_no_break_keeps_short_words_and_numbers_with_their_neighbours(text, typeset):
    """The one rule of the portal's no-break spaces: every range, rule and act's name goes through it."""
    assert no_break(text) == nb(typeset)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Пн–Чт 9:00–18:00", "Пн–Чт с_9:00 до_18:00"),
        ("Пт 9.00 - 16.45", "Пт с_9.00 до_16.45"),
        ("с 9:00—18:00, перерыв 13:00-13:45", "с_9:00 до_18:00, перерыв с_13:00 до_13:45"),
        ("Сб, Вс — выходные", "Сб, Вс — выходные"),
        ("тел. 8-800-100-20-30", "тел. 8-800-100-20-30"),
    ],
)
def test_ranges_in_typed_working_hours_read_as_ranges(typed, read):
    assert time_ranges(typed) == nb(read)


@pytest.mark.django_db
def test_no_schedule_page_or_letter_says_a_range_with_a_dash(
    client, submit, schedule_page, slot_official, places_official, events_index
):
    from schedules.factories import EventPageFactory

    event = EventPageFactory(parent=events_index, date=timezone.localdate() + timedelta(days=5))
    moved = EventPageFactory(  # «Перенесено на 9 декабря 2026 года»
        parent=events_index,
        date=timezone.localdate() + timedelta(days=9),
        previous_date=timezone.localdate() + timedelta(days=6),
    )
    occ, choice, _ = first_open_option(places_official)
    urls = [
        schedule_page.url,
        schedule_page.url + f"{slot_official.slug}/",
        schedule_page.url + f"{places_official.slug}/zapis/",
        events_index.url,
        event.url,
        moved.url,
    ]
    for url in urls:
        html = client.get(url).content.decode()
        text = said(html)
        assert "с 15:00 до 16:00" in text or "с 16:00 до 18:00" in text, url
        assert not DASHED.search(text), f"{url}: {DASHED.search(text).group(0)!r}"
        assert breakable(html) == [], url

    done = submit(schedule_page.url + f"{places_official.slug}/zapis/", signup_data(choice))
    assert done.status_code == 303
    html = client.get(done["Location"]).content.decode()
    assert "с 15:00 до 16:00" in said(html) and not DASHED.search(said(html)) and breakable(html) == []
    (letter,) = mail.outbox
    assert nb("Время: с_15:00 до_16:00") in letter.body and not DASHED.search(letter.body)
    assert breakable(letter.body) == []


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
