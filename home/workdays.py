"""The official Russian working-day calendar, shared by every app.

The calendar comes from the ``holidays`` package: its ``Russia`` class knows the
public holidays, the days off transferred by government decree and the
Saturdays made working days. Appeal deadlines (``appeals_form.deadlines``) and
reception schedules (``schedules``) both use it.
"""

from datetime import date
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _calendar(year: int) -> holidays.HolidayBase:
    # One calendar per year, never expanded afterwards: safe to share between threads.
    return holidays.country_holidays("RU", years=year, language="ru")


def is_working_day(day: date) -> bool:
    """True on a working day: not a weekend (unless made a working Saturday), not a holiday or day off."""
    return _calendar(day.year).is_working_day(day)


def holiday_name(day: date) -> str | None:
    """The name of the public holiday on that day (in Russian), if any."""
    return _calendar(day.year).get(day)
