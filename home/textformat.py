"""How values stored in one normal form are shown to people (one place for each)."""

import datetime
import re

from django.template import defaultfilters

_RU_MOBILE = re.compile(r"^\+7(\d{3})(\d{3})(\d{2})(\d{2})$")


def phone_display(value: str) -> str:
    """A stored phone as people write it: "+79035551742" → "+7 903 555-17-42".

    Russian numbers (+7 and ten digits) are grouped; anything else is shown as
    stored (foreign numbers, numbers typed before normalisation).
    """
    value = (value or "").strip()
    match = _RU_MOBILE.match(value)
    if not match:
        return value
    return "+7 {} {}-{}-{}".format(*match.groups())


def version_display(value: str) -> str:
    """A document version: an ISO date "2026-11-01" → "от 1 ноября 2026 года"; other text as is."""
    value = (value or "").strip()
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return value
    return f"от {defaultfilters.date(day, 'j E Y')} года"


def plural(n: int, one: str, few: str, many: str) -> str:
    """The form of a word for the number ``n``: 1 день, 2 дня, 5 дней, 11 дней, 21 день (the one Russian rule)."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def grouped(n: int) -> str:
    """A number with its thousands apart: «1 112» (a no-break space)."""
    return f"{n:,}".replace(",", "\u00a0")


def counted(n: int, one: str, few: str, many: str) -> str:
    """A number with its noun: «1 обращение», «2 обращения», «5 обращений», «1 112 обращений»."""
    return f"{grouped(n)} {plural(n, one, few, many)}"


def clock(value: datetime.time) -> str:
    """A time of day as the schedules write it: «9:00», «16:30»."""
    return f"{value.hour}:{value.minute:02d}"


def time_range(start: datetime.time, end: datetime.time | None = None) -> str:
    """A range of hours as it is said: «с 16:00 до 19:00» (a start alone: «16:00»).

    Written «16:00–19:00», a screen reader says «шестнадцать ноль ноль девятнадцать ноль ноль»: the dash is
    not read, and the listener hears two times, not a range. Every range of hours the site shows, in pages,
    feeds and letters, comes from here (the template filter ``time_range``, ``time_ranges`` for free text).
    """
    return f"с {clock(start)} до {clock(end)}" if end else clock(start)


# «9:00–18:00», «9.00 - 18.00», «с 9:00–18:00» in text an editor typed (the department's working hours).
_TYPED_RANGE = re.compile(r"(?<![\w:.])(?:с\s+)?(\d{1,2}[:.]\d{2})\s*[–—-]\s*(\d{1,2}[:.]\d{2})(?![\d:])")


def time_ranges(text: str) -> str:
    """Ranges of hours in typed text said as ranges: «Пн–Чт 9:00–18:00» → «Пн–Чт с 9:00 до 18:00»."""
    return _TYPED_RANGE.sub(r"с \1 до \2", text or "")
