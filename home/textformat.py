"""How values stored in one normal form are shown to people (one place for each)."""

import datetime
import functools
import math
import re

from django.template import defaultfilters
from django.utils import timezone

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
    return no_break(f"от {defaultfilters.date(day, 'j E Y')} года")


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


NBSP = "\u00a0"
# Where Russian typography keeps two words on one line (a no-break space between them): after a one-letter
# word («с», «в», «и», «к»); after a short word or abbreviation before a number («до 19:00», «от 02.05.2006»,
# «ст. 13», «кв. 12»); after «№» and «§»; between a number and its month or year word («5 декабря», «2026 г.»,
# «2026 года»). Regulations keep «№ 59-ФЗ» and «от 02.05.2006» in boxes too (``nowrap_details``): a hyphen breaks.
# «№» and «§» keep whatever follows them, a number or not: «№ ОГ-2026-000012» (an appeal's registration number).
_ONE_LETTER = re.compile(r"(?<![\w.:–—-])([^\W\d_]) (?=\S)")
_SHORT_BEFORE_NUMBER = re.compile(r"(?<![\w.:–—-])(\w{1,3}\.?) (?=\d)|(?<=[№§]) (?=\S)")
_NUMBER_AND_ITS_WORD = re.compile(
    r"(\d) (?=(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    r"|г\.|гг\.|года?\b))"
)


def no_break(text: str) -> str:
    """``text`` with no-break spaces where a line must not break (the one rule: see above).

    «с 16:00 до 19:00» → «с\u00a016:00 до\u00a019:00»: on a phone the line broke between «до» and «19:00».
    """
    text = _ONE_LETTER.sub(rf"\1{NBSP}", text or "")
    text = _SHORT_BEFORE_NUMBER.sub(lambda match: f"{match.group(1) or ''}{NBSP}", text)
    return _NUMBER_AND_ITS_WORD.sub(rf"\1{NBSP}", text)


# Rich text an editor typed: the same rule for its words, never inside a tag or in a script's, style's or code's text.
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w-]*)")
_VERBATIM = frozenset({"script", "style", "pre", "code", "textarea"})
# «№ 59-ФЗ», «№ 164/2006-ОЗ»: a browser breaks a line after the hyphen or the slash too; the number stays whole.
_NUMBER_SIGN_TOKEN = re.compile(r"№\u00a0[^\s«»„“”,;<]*[^\s«»„“”,;<.!?:)]")


# Rich texts and cells repeat from one request to the next (a page's intro, the form's confirmation text):
# the result is kept per process for texts up to this length (the work is a pure function of the text).
_KEPT_UP_TO = 8_000


def no_break_html(html: str) -> str:
    """HTML (rich text) with ``no_break``'s no-break spaces in its text, and «№ …» kept whole on one line.

    Only the text between tags changes: tags, attributes and entities stay as they are, and so does the text
    of ``script``, ``style``, ``pre``, ``code`` and ``textarea``. «Закон от 02.05.2006 № 59-ФЗ» on a phone
    broke after «№» or after «59-»; it is «от\u00a002.05.2006 <span class="keep-whole">№\u00a059-ФЗ</span>»: an
    inline block, which wraps inside itself only where the whole line is narrower (``nowrap`` ran past a 320 px
    screen in «Очень крупный»: the acts' names learnt it first, ``.reg-nowrap``).
    """
    html = html or ""
    return _typeset_kept(html) if len(html) <= _KEPT_UP_TO else _typeset(html)


@functools.lru_cache(maxsize=512)
def _typeset_kept(html: str) -> str:
    return _typeset(html)


def _typeset(html: str) -> str:
    parts = _TAG.split(html)
    verbatim = None
    for index, part in enumerate(parts):
        if index % 2:
            tag = _TAG_NAME.match(part)
            if tag is not None:
                closing, name = tag.group(1), tag.group(2).lower()
                if verbatim is None and not closing and name in _VERBATIM and not part.rstrip(">").endswith("/"):
                    verbatim = name
                elif closing and name == verbatim:
                    verbatim = None
        elif part and verbatim is None:
            parts[index] = _NUMBER_SIGN_TOKEN.sub(r'<span class="keep-whole">\g<0></span>', no_break(part))
    return "".join(parts)


def clock(value: datetime.time) -> str:
    """A time of day as the schedules write it: «9:00», «16:30»."""
    return f"{value.hour}:{value.minute:02d}"


def time_range(start: datetime.time, end: datetime.time | None = None) -> str:
    """A range of hours as it is said: «с 16:00 до 19:00» (a start alone: «16:00»).

    Written «16:00–19:00», a screen reader says «шестнадцать ноль ноль девятнадцать ноль ноль»: the dash is
    not read, and the listener hears two times, not a range. Every range of hours the site shows, in pages,
    feeds and letters, comes from here (the template filter ``time_range``, ``time_ranges`` for free text).
    """
    return _range(clock(start), clock(end)) if end else clock(start)


def _range(start: str, end: str) -> str:
    return no_break(f"с {start} до {end}")


# «9:00–18:00», «9.00 - 18.00», «с 9:00–18:00» in text an editor typed (the department's working hours).
_TYPED_RANGE = re.compile(r"(?<![\w:.])(?:с\s+)?(\d{1,2}[:.]\d{2})\s*[–—-]\s*(\d{1,2}[:.]\d{2})(?![\d:])")


def time_ranges(text: str) -> str:
    """Ranges of hours in typed text said as ranges: «Пн–Чт 9:00–18:00» → «Пн–Чт с 9:00 до 18:00»."""
    return _TYPED_RANGE.sub(lambda match: _range(match.group(1), match.group(2)), text or "")


MINUTES = ("минуту", "минуты", "минут")


def duration(seconds: float) -> str:
    """Accusative duration for "через …": "45 секунд", "1 минуту", "12 минут" (the number and its unit on one line)."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 60:
        return f"{seconds}{NBSP}{plural(seconds, 'секунду', 'секунды', 'секунд')}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes}{NBSP}{plural(minutes, *MINUTES)}"


def wait_message(seconds: float, *, now: datetime.datetime | None = None) -> str:
    """ "через 12 минут (после 14:35)"; just "через 45 секунд" for less than a minute.

    A refused form kept by ``home.posted`` says it anew at each GET (``posted.WAIT``): the time still left."""
    text = f"через {duration(seconds)}"
    if seconds >= 60:
        moment = timezone.localtime((now or timezone.now()) + datetime.timedelta(seconds=math.ceil(seconds)))
        if moment.second or moment.microsecond:
            moment = moment.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
        text += f" (после{NBSP}{moment:%H:%M})"
    return text
