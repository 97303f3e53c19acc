"""Cell values as people type them: «2 517», «+14», «−31», «12,5 %», «в т.ч.».

``parse_number`` takes the text of one cell and returns its value, or raises ``ValueError`` with a Russian
message that quotes the value and says what is expected. ``parse_value`` does the same for the native values
of spreadsheet cells (int, float, bool, datetime), which arrive from openpyxl and JSON.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from .columns import MAX_ABS_VALUE, MAX_TEXT_LENGTH, Kind

#: Space characters people (and Word/Excel) put between digit groups, normalized to a plain space.
GROUP_SPACES = "\u00a0\u202f\u2009\u2007\u200a\u2002\u2003"
#: Characters typed as a minus: hyphen, non-breaking hyphen, figure/en/em dash, minus sign, small/full-width minus.
MINUS_SIGNS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"

EXPECTED: dict[str, str] = {
    "text": "нужен текст",
    "integer": "нужно целое число не меньше нуля, например 2 517",
    "signed": "нужно целое число, при необходимости со знаком, например +14 или −31",
    "percent": "нужно число процентов, например 12,5 или 12,5 %",
    "flag": "нужно «да», «нет», «в т.ч.» или пустая ячейка",
}

FLAG_VALUES: dict[str, bool] = {
    "да": True,
    "1": True,
    "в т.ч.": True,
    "в т.ч": True,
    "в т. ч.": True,
    "в том числе": True,
    "из них": True,
    "true": True,
    "yes": True,
    "нет": False,
    "0": False,
    "false": False,
    "no": False,
}

_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NUMBER_RE = re.compile(
    r"^(?P<sign>[+-])? ?(?P<int>\d{1,3}(?: \d{3})+|\d+)(?:[.,](?P<frac>\d+))?(?P<pct> ?%)?$",
)
_ANY_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")
_MONTHS = "янв|фев|мар|апр|ма[йяе]|июн|июл|авг|сен|окт|ноя|дек|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_DATE_RES = (
    re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?: ?г\.?)?$"),
    re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$"),
    re.compile(rf"^\d{{1,2}}[ ./-]?(?:{_MONTHS})[a-zа-я]*\.?(?:[ ./-]?\d{{2,4}})?(?: ?г\.?)?$"),
    re.compile(rf"^(?:{_MONTHS})[a-zа-я]*\.?[ ./-]?\d{{1,4}}$"),
)


def quote(value: object) -> str:
    """The value as shown inside an error message: «…», shortened, with invisible characters made visible."""
    text = str(value)
    text = _CONTROL_RE.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
    if len(text) > 40:
        text = text[:39] + "…"
    return f"«{text}»"


def normalize_spaces(text: str) -> str:
    """Strip the cell and turn every kind of space (incl. U+00A0, U+202F) and line break into one plain space."""
    for space in GROUP_SPACES:
        text = text.replace(space, " ")
    return " ".join(text.split())


def _fail(raw: str, problem: str, kind: Kind, hint: str = "") -> ValueError:
    message = f"{quote(raw)} — {problem}; {EXPECTED[kind]}"
    return ValueError(f"{message}; {hint}" if hint else message)


#: A percentage in round brackets, «(65,7 %)», «(4%)»: never an accounting negative (those carry no «%»).
_BRACKETED_PERCENT_RE = re.compile(r"^\(\s*([^()]*%)\s*\)$")


def parse_number(text: str, *, kind: Kind) -> int | Decimal | bool | str | None:
    """Parse the text of one cell as a value of ``kind``.

    Returns None for an empty cell (a lone dash «—» also counts as empty) and False for an empty flag.
    Raises ValueError with a Russian message that quotes ``text`` and says what is expected.
    """
    if _CONTROL_RE.search(text):
        raise ValueError(f"{quote(text)} — в ячейке недопустимый управляющий символ; скопируйте таблицу заново")
    if kind == "text":
        value = normalize_spaces(text)
        if len(value) > MAX_TEXT_LENGTH:
            raise ValueError(f"{quote(value)} — слишком длинный текст: не больше {MAX_TEXT_LENGTH} символов")
        return value or None
    raw = text.strip()
    cleaned = normalize_spaces(text)
    for minus in MINUS_SIGNS:
        cleaned = cleaned.replace(minus, "-")
    if kind == "flag":
        return _parse_flag(raw, cleaned)
    if cleaned == "" or re.fullmatch(r"-+", cleaned):
        return None
    if kind == "percent":
        # A share printed in brackets after its count, «23 (65,7 %)», copied into its own cell: the percentage.
        cleaned = _BRACKETED_PERCENT_RE.sub(r"\1", cleaned)
    if cleaned.startswith("="):
        raise _fail(
            raw,
            "это формула Excel, а не её значение",
            kind,
            "вставьте значения («Специальная вставка → Значения») или сохраните файл с вычисленными значениями",
        )
    if cleaned.startswith("#"):
        raise _fail(raw, "это ошибка вычисления Excel, в ячейке нет значения", kind)
    lowered = cleaned.casefold()
    if any(pattern.match(lowered) for pattern in _DATE_RES):
        raise _fail(
            raw,
            "похоже на дату, а не на число",
            kind,
            "если Excel превратил число в дату, задайте ячейкам числовой формат и введите значения заново",
        )
    if any(char.isalpha() for char in cleaned):
        raise _fail(raw, "в числе есть буквы", kind)
    if "%" in cleaned and kind != "percent":
        raise _fail(raw, "знак % допустим только в столбце процентов", kind)
    match = _NUMBER_RE.match(cleaned)
    if match is None:
        if len(_ANY_NUMBER_RE.findall(cleaned)) >= 2:
            raise _fail(raw, "в ячейке несколько чисел", kind, "если это одно число, отделяйте разряды одним пробелом")
        raise _fail(raw, "не число", kind)
    digits = match.group("int").replace(" ", "")
    fraction = match.group("frac") or ""
    if len(digits.lstrip("0")) > 10:
        raise _too_large(raw)
    value = Decimal(f"{digits}.{fraction}" if fraction else digits)
    if match.group("sign") == "-":
        value = -value
    return _check_value(raw, value, kind, fraction=fraction)


def _too_large(raw: str) -> ValueError:
    return ValueError(
        f"{quote(raw)} — слишком большое число (больше 1 000 000 000); проверьте, не слились ли два числа"
    )


def _check_value(raw: str, value: Decimal, kind: Kind, *, fraction: str = "") -> int | Decimal:
    if abs(value) > MAX_ABS_VALUE:
        raise _too_large(raw)
    if kind == "percent":
        return value
    if value != value.to_integral_value():
        hint = "если это разделитель тысяч, отделяйте разряды пробелом: 2 517" if len(fraction) == 3 else ""
        raise _fail(raw, "дробное число", kind, hint)
    if kind == "integer" and value < 0:
        raise _fail(raw, "отрицательное число", kind)
    return int(value)


def _parse_flag(raw: str, cleaned: str) -> bool:
    if cleaned == "" or re.fullmatch(r"-+", cleaned):
        return False
    value = FLAG_VALUES.get(cleaned.casefold().replace("ё", "е"))
    if value is None:
        raise _fail(raw, "непонятная отметка", "flag")
    return value


def parse_value(value: object, *, kind: Kind) -> int | Decimal | bool | str | None:
    """Parse a native cell value (str, int, float, Decimal, bool, date/time or None) as a value of ``kind``.

    Floats that are not integral are refused in integer columns; dates and times are refused in number
    columns; strings go through ``parse_number``.
    """
    if value is None:
        return False if kind == "flag" else None
    if isinstance(value, str):
        return parse_number(value, kind=kind)
    if isinstance(value, bool):
        if kind == "flag":
            return value
        if kind == "text":
            return "да" if value else "нет"
        raise _fail("ИСТИНА" if value else "ЛОЖЬ", "логическое значение вместо числа", kind)
    if isinstance(value, datetime | date | time | timedelta):
        shown = value.strftime("%d.%m.%Y") if isinstance(value, date) else str(value)
        if kind == "text":
            return shown
        raise _fail(
            shown,
            "это дата, а не число",
            kind,
            "если Excel превратил число в дату, задайте ячейкам числовой формат и введите значения заново",
        )
    if isinstance(value, int | float | Decimal):
        return _parse_native_number(value, kind)
    raise _fail(str(value), "неподдерживаемое значение", kind)


def _parse_native_number(value: int | float | Decimal, kind: Kind) -> int | Decimal | bool | str:
    if isinstance(value, float) and not math.isfinite(value):
        raise _fail(str(value), "не число", kind)
    try:
        number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    except (InvalidOperation, ValueError):
        raise _fail(str(value), "не число", kind) from None
    if not number.is_finite():
        raise _fail(str(value), "не число", kind)
    shown = format_plain(number)
    if kind == "text":
        return shown
    if kind == "flag":
        if number in (0, 1):
            return bool(number)
        raise _fail(shown, "непонятная отметка", kind)
    if abs(number) > MAX_ABS_VALUE:
        raise _too_large(shown)
    fraction = shown.partition(",")[2]
    return _check_value(shown, number, kind, fraction=fraction)


def format_plain(number: Decimal) -> str:
    """A number the Russian way without digit grouping: «12,5», «-7», «100»."""
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f").replace(".", ",")
