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

from appeals_form.public_counts import public_counts

from .periods import HALF, MONTH, QUARTER, YEAR, Period
from .statistics_tables import build_tables
from .statistics_types import PublishedCell, PublishedRow, PublishedStatistics, PublishedTable

CACHE_PREFIX = "reports:public-statistics:v1"
CACHE_SECONDS = 26 * 3600  # until after the next daily refresh
FREEZE_AFTER_DAYS = 90  # 30 days to answer, up to 30 more when extended, and a margin

__all__ = [
    "PublishedCell",
    "PublishedRow",
    "PublishedStatistics",
    "PublishedTable",
    "is_closed",
    "month_periods",
    "period_containing",
    "period_of",
    "published_bounds",
    "published_statistics",
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


def previous_year(day: date) -> date:
    """The same day a year earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


# Building the published figures ---------------------------------------------


def build_statistics(*, start: date, end: date, today: date | None = None) -> PublishedStatistics:
    """Compute the published figures afresh (no cache, no freezing)."""
    previous_start, previous_end = previous_year(start), previous_year(end)
    now = public_counts(start=start, end=end)
    then = public_counts(start=previous_start, end=previous_end)
    tables, indicators = build_tables(now, then)
    return PublishedStatistics(
        start=start,
        end=end,
        previous_start=previous_start,
        previous_end=previous_end,
        tables=tables,
        indicators=indicators,
        frozen_at=None,
        computed_at=timezone.now(),
        complete=is_closed(end=end, today=today),
    )


def cache_key(*, start: date, end: date) -> str:
    return f"{CACHE_PREFIX}:{start.isoformat()}:{end.isoformat()}"


def _frozen(*, start: date, end: date) -> PublishedStatistics | None:
    from .models import StatisticsSnapshot

    row = StatisticsSnapshot.objects.filter(period_start=start, period_end=end).first()
    if row is None:
        return None
    return PublishedStatistics.from_dict(row.data)


def freeze(*, start: date, end: date) -> PublishedStatistics:
    """Compute and store the figures of a settled period for good (idempotent: a frozen period stays as it is)."""
    from .models import StatisticsSnapshot

    existing = _frozen(start=start, end=end)
    if existing is not None:
        return existing
    built = build_statistics(start=start, end=end)
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


def refresh(*, start: date, end: date) -> PublishedStatistics:
    """Recompute an unsettled period and put it in the cache (the daily job)."""
    stats = build_statistics(start=start, end=end)
    cache.set(cache_key(start=start, end=end), stats.as_dict(), CACHE_SECONDS)
    return stats


def published_statistics(*, start: date, end: date) -> PublishedStatistics:
    """The published figures of the period (cached; frozen once settled)."""
    if end < start:
        raise ValueError("The period ends before it starts.")
    cached = cache.get(cache_key(start=start, end=end))
    if cached is not None:
        return PublishedStatistics.from_dict(cached)
    if is_settled(end=end):
        return freeze(start=start, end=end)
    return refresh(start=start, end=end)


def published_bounds(period: Period, *, today: date | None = None) -> tuple[date, date] | None:
    """What is published of a period: the whole of a closed one; a running one up to yesterday (whole days only,
    so the figures stay the same all day and match the daily job's); None when it started today or later.
    """
    today = today or timezone.localdate()
    end = min(period.end, today - timedelta(days=1))
    if end < period.start:
        return None
    return period.start, end


def refresh_daily(*, today: date | None = None) -> list[tuple[date, date]]:
    """The daily job: recompute the running and unsettled periods, freeze the settled ones not frozen yet.

    Covers the months, quarters, half-years and years from the start of last
    year to today (a running period up to yesterday, see ``published_bounds``):
    what the page offers by default and around it. Returns the periods touched.
    """
    today = today or timezone.localdate()
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
        if is_settled(end=end, today=today) and end == period.end:
            freeze(start=start, end=end)
        else:
            refresh(start=start, end=end)
        touched.append(bounds)
    return touched
