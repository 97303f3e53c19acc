"""The official Russian working-day calendar, shared by every app.

The calendar comes from the ``holidays`` package: its ``Russia`` class knows the
public holidays, the days off transferred by government decree and the
Saturdays made working days; ``official_year`` adds the days off the Labour
Code (art. 112) moves by itself in a year whose decree the package lacks.
Appeal deadlines (``appeals_form.deadlines``) and reception schedules (``schedules``) both use it.

The package loads the calendars of every country it knows (some 280 modules,
about 18 MB in each web worker) to answer for one. So the years a portal needs
are kept in ``home/data/work_calendar_ru.json``, generated from the installed
package by ``manage.py build_work_calendar``; a year outside the file is asked
of the package itself (through ``official_year``). ``tests/home/test_workdays.py`` compares every day of
the file with the installed package, so upgrading ``holidays`` without
regenerating the file fails the tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

CALENDAR_FILE = Path(__file__).resolve().parent / "data" / "work_calendar_ru.json"
COUNTRY = "RU"
LANGUAGE = "ru"
WEEKEND = frozenset({5, 6})  # Saturday, Sunday (holidays' Russia.weekend)


@dataclass(frozen=True)
class YearCalendar:
    days_off: dict[date, str]  # public holidays and transferred days off, with their names
    working_weekends: frozenset[date]  # Saturdays (or Sundays) made working days

    def is_working_day(self, day: date) -> bool:
        if day.weekday() in WEEKEND:
            return day in self.working_weekends
        return day not in self.days_off


@lru_cache(maxsize=1)
def _kept_years() -> dict[int, YearCalendar]:
    try:
        data = json.loads(CALENDAR_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {
        int(year): YearCalendar(
            days_off={date.fromisoformat(day): name for day, name in entry["days_off"].items()},
            working_weekends=frozenset(date.fromisoformat(day) for day in entry["working_weekends"]),
        )
        for year, entry in data["years"].items()
    }


def package_calendar(year: int):
    """The ``holidays`` package's calendar of a year (imports the package)."""
    import holidays

    return holidays.country_holidays(COUNTRY, years=year, language=LANGUAGE)


# Labour Code art. 112 part 1: the public holidays outside the New Year holidays (1–8 January).
_HOLIDAYS_OUTSIDE_NEW_YEAR = ((2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4))


def has_decree(year: int) -> bool:
    """Whether the package knows the government's decree on transferred days off for the year.

    Every year needs one (the New Year holidays always take a weekend), and the
    package lists each decree's transfers by year.
    """
    from holidays.countries.russia import RussiaStaticHolidays

    return year in RussiaStaticHolidays.special_public_holidays


def official_year(year: int) -> YearCalendar:
    """The package's calendar of the year, with the days off the Labour Code itself moves.

    Labour Code art. 112 part 2: a public holiday (other than 1–8 January) on a
    weekend moves the day off to the next working day, by the law itself. The
    package writes these moves only into the years whose decree it knows; for a
    year with no decree yet (2028 on, in holidays 0.109) it left them out, so
    Monday 6 November 2028 counted as a working day and a deadline could end on
    it. A decree may move such a day elsewhere (2025: 23 February to 8 May), so
    the decree's years are taken as the package has them. The decree's transfers
    of the New Year weekend stay unknown until it is published: rebuild the file
    then (``manage.py build_work_calendar``).
    """
    calendar = package_calendar(year)
    days_off = dict(calendar.items())
    working_weekends = frozenset(calendar.weekend_workdays)
    if not has_decree(year):
        for month, day_of_month in _HOLIDAYS_OUTSIDE_NEW_YEAR:
            holiday = date(year, month, day_of_month)
            if holiday.weekday() not in WEEKEND:
                continue
            moved = holiday + timedelta(days=1)
            while moved.weekday() in WEEKEND or moved in days_off:
                moved += timedelta(days=1)
            days_off[moved] = f"{days_off[holiday]} (выходной)"
    return YearCalendar(days_off=dict(sorted(days_off.items())), working_weekends=working_weekends)


@lru_cache(maxsize=32)
def _calendar(year: int) -> YearCalendar:
    # One calendar per year, never changed afterwards: safe to share between threads.
    kept = _kept_years().get(year)
    if kept is not None:
        return kept
    return official_year(year)


def is_working_day(day: date) -> bool:
    """True on a working day: not a weekend (unless made a working Saturday), not a holiday or day off."""
    return _calendar(day.year).is_working_day(day)


@lru_cache(maxsize=32)
def _working_days_through(year: int) -> tuple[int, ...]:
    """Per day of the year (index 0 = 1 January): working days from 1 January up to that day inclusive."""
    first = date(year, 1, 1)
    counts, total = [], 0
    for offset in range((date(year + 1, 1, 1) - first).days):
        total += is_working_day(first + timedelta(days=offset))
        counts.append(total)
    return tuple(counts)


def _through(day: date) -> int:
    return _working_days_through(day.year)[day.timetuple().tm_yday - 1]


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not after ``start``).

    The same as counting ``is_working_day`` day by day, from a running count per
    year kept in the process: the queue shows the working days left for 50
    appeals a page, some of them overdue by years.
    """
    if end <= start:
        return 0
    whole_years = sum(_working_days_through(year)[-1] for year in range(start.year, end.year))
    return whole_years + _through(end) - _through(start)


def holiday_name(day: date) -> str | None:
    """The name of the public holiday or day off on that day (in Russian), if any."""
    return _calendar(day.year).days_off.get(day)


def calendar_data(years: range) -> dict:
    """What ``build_work_calendar`` writes: the official calendar of each year (``official_year``)."""
    import holidays

    out = {"source": f"holidays {holidays.__version__}, country {COUNTRY}, language {LANGUAGE}", "years": {}}
    for year in years:
        calendar = official_year(year)
        out["years"][str(year)] = {
            "days_off": {day.isoformat(): name for day, name in sorted(calendar.days_off.items())},
            "working_weekends": sorted(day.isoformat() for day in calendar.working_weekends),
            # False: no decree on transferred days off yet; the New Year weekend's transfers are still missing.
            "decree": has_decree(year),
        }
    return out
