"""Reporting periods: a year and a half, a quarter, a month or a whole year.

Pure functions: the label of a period in Russian ("1 полугодие 2020 года"),
its first and last day, the same period a year earlier, and the check that a
page title names its period.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

HALF = "half"
QUARTER = "quarter"
MONTH = "month"
YEAR = "year"

KIND_CHOICES = [
    (HALF, "Полугодие"),
    (QUARTER, "Квартал"),
    (MONTH, "Месяц"),
    (YEAR, "Год целиком"),
]

# How many periods of each kind a year has; a whole year has no number.
NUMBERS = {HALF: 2, QUARTER: 4, MONTH: 12, YEAR: 0}

MONTHS = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)

MIN_YEAR = 2000
MAX_YEAR = 2100


class PeriodError(ValueError):
    """The period is incomplete or impossible; ``field`` names the page field at fault."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int | None = None

    def __post_init__(self) -> None:
        validate(kind=self.kind, year=self.year, number=self.number)

    @property
    def label(self) -> str:
        """The period in Russian: "1 полугодие 2020 года", "январь 2020 года", "2020 год"."""
        if self.kind == YEAR:
            return f"{self.year} год"
        if self.kind == MONTH:
            return f"{MONTHS[self.number - 1]} {self.year} года"
        noun = "полугодие" if self.kind == HALF else "квартал"
        return f"{self.number} {noun} {self.year} года"

    @property
    def start(self) -> date:
        first_month = self._first_month()
        return date(self.year, first_month, 1)

    @property
    def end(self) -> date:
        last_month = self._first_month() + self._months() - 1
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    def previous_year(self) -> Period:
        """The same period a year earlier: what a report usually compares with."""
        return Period(kind=self.kind, year=self.year - 1, number=self.number)

    def _months(self) -> int:
        return {HALF: 6, QUARTER: 3, MONTH: 1, YEAR: 12}[self.kind]

    def _first_month(self) -> int:
        if self.kind == YEAR:
            return 1
        return (self.number - 1) * self._months() + 1


def validate(*, kind: str, year: int | None, number: int | None) -> None:
    """Raise PeriodError (in Russian, with the field at fault) unless the period exists."""
    if kind not in NUMBERS:
        raise PeriodError("Выберите вид периода.", field="period_kind")
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"Укажите год от {MIN_YEAR} до {MAX_YEAR}.", field="period_year")
    count = NUMBERS[kind]
    if count == 0:
        if number:
            raise PeriodError("Для отчёта за год целиком номер периода не указывается.", field="period_number")
        return
    if number is None or not 1 <= number <= count:
        what = {HALF: "полугодия (1 или 2)", QUARTER: "квартала (от 1 до 4)", MONTH: "месяца (от 1 до 12)"}[kind]
        raise PeriodError(f"Укажите номер {what}.", field="period_number")


_ORDINAL_RE = re.compile(r"(\d+)\s*-?\s*(?:е|й|ое|ый|го|ого)\b")
_SPACES_RE = re.compile(r"\s+")


def normalize_title(text: str) -> str:
    """Fold case, «ё», non-breaking spaces and ordinal endings ("1-е полугодие" is "1 полугодие")."""
    text = text.casefold().replace("ё", "е").replace("\u00a0", " ")
    text = _ORDINAL_RE.sub(r"\1", text)
    return _SPACES_RE.sub(" ", text).strip()


def title_names_period(title: str, period: Period) -> bool:
    """Whether the title contains the period's label (ordinal endings and case aside)."""
    return normalize_title(period.label) in normalize_title(title)


def without_period(text: str, period: Period) -> str:
    """The text without the period's label (any case, «1-е» for «1»): a caption that names its period, as a measure."""
    text = _ORDINAL_RE.sub(r"\1", " ".join(text.replace("\u00a0", " ").split()))
    pattern = r"\s+".join(re.escape(part) for part in period.label.split())
    return " ".join(re.sub(pattern, " ", text, flags=re.IGNORECASE).split())
