"""The register's statistics as the public may see them: «Статистика обращений».

The one interface for every public consumer (the statistics page, open data,
the API): ``published_statistics(start=..., end=...)`` returns the figures of
appeals registered in the period and in the same period a year earlier, after
disclosure control (``reports.disclosure``): a count from 1 to 4 is «менее 5»
(``value`` None), a larger count hidden so that a small one cannot be worked
out by subtraction is «скрыто» (``value`` None), zero stays 0.

Figures are computed by ``appeals_form.public_counts`` (a few aggregate
queries), kept in the Django cache until the next daily refresh (the periodic
job ``reports.statistics_refresh``, see ``reports.jobs``), and frozen in a
``StatisticsSnapshot`` row once the period is settled (closed for
``FREEZE_AFTER_DAYS`` days, when the answers of its appeals are in): from then
on they never change, even when old appeals are anonymised or removed.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from appeals_form.public_counts import fingerprint

from .hierarchy import YEAR_KEY
from .periods import HALF, MAX_YEAR, MIN_YEAR, MONTH, QUARTER, YEAR, Period
from .statistics_tables import build_tables
from .statistics_types import PublishedCell, PublishedRow, PublishedStatistics, PublishedTable
from .statistics_year import YearDecisions, key_bounds, period_key, year_decisions

CACHE_PREFIX = "reports:public-statistics:v2"
CACHE_SECONDS = 26 * 3600  # until after the next daily refresh
FREEZE_AFTER_DAYS = 90  # 30 days to answer, up to 30 more when extended, and a margin

__all__ = [
    "PublishedCell",
    "PublishedRow",
    "PublishedStatistics",
    "PublishedTable",
    "is_closed",
    "last_complete",
    "month_periods",
    "period_containing",
    "period_of",
    "published_bounds",
    "published_statistics",
    "whole_period",
]


# Periods ---------------------------------------------------------------


def period_of(*, kind: str, year: int, number: int | None = None) -> Period:
    """A month, quarter, half-year or year (``reports.periods.Period``; PeriodError in Russian when impossible)."""
    return Period(kind=kind, year=year, number=None if kind == YEAR else number)


def period_containing(day: date, *, kind: str) -> Period:
    """The month, quarter, half-year or year that ``day`` falls in."""
    months = {MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12}[kind]
    return period_of(kind=kind, year=day.year, number=(day.month - 1) // months + 1)


def month_periods(*, start: date, end: date) -> list[Period]:
    """Every month from the one containing ``start`` to the one containing ``end``, in order."""
    periods = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        periods.append(period_of(kind=MONTH, year=year, number=month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return periods


def is_closed(*, end: date, today: date | None = None) -> bool:
    return end < (today or timezone.localdate())


def is_settled(*, end: date, today: date | None = None) -> bool:
    """Closed long enough for its figures to be frozen for good."""
    return end + timedelta(days=FREEZE_AFTER_DAYS) < (today or timezone.localdate())


def whole_period(*, start: date, end: date) -> Period | None:
    """The month, quarter, half-year or year running exactly from ``start`` to ``end``, if there is one."""
    if not MIN_YEAR <= start.year <= MAX_YEAR:
        return None
    for kind in (MONTH, QUARTER, HALF, YEAR):
        period = period_containing(start, kind=kind)
        if (period.start, period.end) == (start, end):
            return period
    return None


# Building the published figures ---------------------------------------------

Years = dict[tuple[int, date], YearDecisions]  # decisions already made in this run, by (year, today)


def _decisions(year: int, *, today: date, years: Years | None) -> YearDecisions:
    """The year's decisions: made once per run of the daily job (``years``), else kept in the cache while the
    year's appeals do not change (keyed by ``public_counts.fingerprint``), so that asking for many periods of
    one year decides the year once."""
    if years is not None:
        if (year, today) not in years:
            years[(year, today)] = year_decisions(year, today=today)
            cache.set(_year_key(year, today=today), years[(year, today)], CACHE_SECONDS)
        return years[(year, today)]
    key = _year_key(year, today=today)
    decisions = cache.get(key)
    if decisions is None:
        decisions = year_decisions(year, today=today)
        cache.set(key, decisions, CACHE_SECONDS)
    return decisions


def _year_key(year: int, *, today: date) -> str:
    start, end = key_bounds(year, YEAR_KEY)
    return f"{CACHE_PREFIX}:year:{year}:{today.isoformat()}:{fingerprint(start=start, end=end)}"


def build_statistics(
    *, start: date, end: date, today: date | None = None, years: Years | None = None
) -> PublishedStatistics:
    """Compute the published figures of a complete period afresh (no cache, no freezing).

    The period's cells follow the decisions for its whole calendar year, the
    same period a year earlier those for the year before (``statistics_year``).
    """
    today = today or timezone.localdate()
    period = whole_period(start=start, end=end)
    if period is None or not is_closed(end=end, today=today):
        raise ValueError("Only a complete month, quarter, half-year or year is published.")
    key = period_key(period)
    now, then = _decisions(period.year, today=today, years=years), _decisions(period.year - 1, today=today, years=years)
    previous_start, previous_end = key_bounds(period.year - 1, key)
    tables, indicators = build_tables(now.counts_of(key), then.counts_of(key), now.marks_of(key), then.marks_of(key))
    return PublishedStatistics(
        start=start,
        end=end,
        previous_start=previous_start,
        previous_end=previous_end,
        tables=tables,
        indicators=indicators,
        frozen_at=None,
        computed_at=timezone.now(),
        complete=True,
    )


def cache_key(*, start: date, end: date) -> str:
    return f"{CACHE_PREFIX}:{start.isoformat()}:{end.isoformat()}"


def _frozen(*, start: date, end: date) -> PublishedStatistics | None:
    from .models import StatisticsSnapshot

    row = StatisticsSnapshot.objects.filter(period_start=start, period_end=end).first()
    if row is None:
        return None
    return PublishedStatistics.from_dict(row.data)


def freeze(*, start: date, end: date, years: Years | None = None) -> PublishedStatistics:
    """Compute and store the figures of a settled period for good (idempotent: a frozen period stays as it is)."""
    from .models import StatisticsSnapshot

    existing = _frozen(start=start, end=end)
    if existing is not None:
        return existing
    built = build_statistics(start=start, end=end, years=years)
    stats = PublishedStatistics.from_dict({**built.as_dict(), "frozen_at": timezone.now().isoformat()})
    try:
        with transaction.atomic():
            StatisticsSnapshot.objects.create(
                period_start=start, period_end=end, data=stats.as_dict(), frozen_at=stats.frozen_at
            )
    except IntegrityError:
        return _frozen(start=start, end=end) or stats  # frozen meanwhile by another worker
    cache.set(cache_key(start=start, end=end), stats.as_dict(), CACHE_SECONDS)
    return stats


def refresh(*, start: date, end: date, years: Years | None = None) -> PublishedStatistics:
    """Recompute an unsettled period and put it in the cache (the daily job)."""
    stats = build_statistics(start=start, end=end, years=years)
    cache.set(cache_key(start=start, end=end), stats.as_dict(), CACHE_SECONDS)
    return stats


def published_statistics(*, start: date, end: date) -> PublishedStatistics:
    """The published figures of a complete period (cached; frozen once settled).

    ValueError unless ``start``–``end`` is a whole month, quarter, half-year or
    year that has ended: a running period is never published (two days'
    figures could be subtracted to reveal one appeal).
    """
    period = whole_period(start=start, end=end)
    if period is None or not is_closed(end=end):
        raise ValueError("Only a complete month, quarter, half-year or year is published.")
    cached = cache.get(cache_key(start=start, end=end))
    if cached is not None:
        return PublishedStatistics.from_dict(cached)
    if is_settled(end=end):
        return freeze(start=start, end=end)
    return refresh(start=start, end=end)


def published_bounds(period: Period, *, today: date | None = None) -> tuple[date, date] | None:
    """What is published of a period: the whole of it once it has ended; None while it runs or has not started."""
    if not is_closed(end=period.end, today=today):
        return None
    return period.start, period.end


def last_complete(*, kind: str, today: date | None = None) -> Period:
    """The latest month, quarter, half-year or year that has ended (the one before the running one)."""
    running = period_containing(today or timezone.localdate(), kind=kind)
    return period_containing(running.start - timedelta(days=1), kind=kind)


def refresh_daily(*, today: date | None = None) -> list[tuple[date, date]]:
    """The daily job: recompute the complete but unsettled periods, freeze the settled ones not frozen yet.

    Covers the months, quarters, half-years and years from the start of last
    year that have ended (a running period is not published, see
    ``published_bounds``): what the page offers by default and around it.
    The decisions for each year are made once per run. Returns the periods touched.
    """
    today = today or timezone.localdate()
    years: Years = {}
    touched = []
    periods: list[Period] = month_periods(start=date(today.year - 1, 1, 1), end=today)
    for kind in (QUARTER, HALF, YEAR):
        for year in (today.year - 1, today.year):
            count = {QUARTER: 4, HALF: 2, YEAR: 1}[kind]
            for number in range(1, count + 1):
                periods.append(period_of(kind=kind, year=year, number=number))
    for period in periods:
        bounds = published_bounds(period, today=today)
        if bounds is None:
            continue
        start, end = bounds
        if is_settled(end=end, today=today):
            freeze(start=start, end=end, years=years)
        else:
            refresh(start=start, end=end, years=years)
        touched.append(bounds)
    return touched
