"""The kept working-day calendar says what the holidays package says.

Web workers never load the package: tests/perf/test_worker_imports.py.
"""

import json
from datetime import date, timedelta

import pytest

from home import workdays

HINT = "home/data/work_calendar_ru.json is out of date: run `manage.py build_work_calendar` and commit it."


def test_the_file_covers_the_years_a_portal_needs():
    years = workdays._kept_years()
    assert min(years) <= 2018 and max(years) >= date.today().year + 5


def test_every_day_of_the_file_is_what_the_installed_package_says():
    """The package's day, except a day off the Labour Code moves by itself in a year without a decree."""
    for year, kept in workdays._kept_years().items():
        package = workdays.package_calendar(year)
        day = date(year, 1, 1)
        while day.year == year:
            if not (day not in package and kept.days_off.get(day, "").endswith(" (выходной)")):
                assert kept.is_working_day(day) == package.is_working_day(day), (day, HINT)
                assert kept.days_off.get(day) == package.get(day), (day, HINT)
            day += timedelta(days=1)
    assert workdays._kept_years() == {year: workdays.official_year(year) for year in workdays._kept_years()}, HINT


# Labour Code art. 112 part 1: the public holidays other than 1–8 January.
HOLIDAYS = ((2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4))


@pytest.mark.parametrize("year", [*range(2015, 2036), 2045])
def test_a_holiday_on_a_weekend_gives_a_day_off_unless_a_decree_moved_it(year):
    """Labour Code art. 112 part 2, for every year the portal counts deadlines in (and one past the file).

    Found from outside: from 2028 on (no decree in the package yet) Monday 6 November 2028 was a working
    day, and a deadline could end on it. A decree may move such a day elsewhere (2025: 23 February to
    8 May): a year with a decree is taken as the package has it (the test above).
    """
    for month, day_of_month in HOLIDAYS:
        holiday = date(year, month, day_of_month)
        assert not workdays.is_working_day(holiday)
        if holiday.weekday() < 5:
            continue
        moved = holiday + timedelta(days=1)
        while moved.weekday() >= 5 or (moved.month, moved.day) in HOLIDAYS:
            moved += timedelta(days=1)
        if not workdays.has_decree(year):
            assert not workdays.is_working_day(moved), (holiday, moved)
            assert workdays.holiday_name(moved).endswith("(выходной)")


@pytest.mark.parametrize(
    ("day", "working", "name"),
    [
        (date(2026, 1, 9), False, "Выходной (перенесено с 03.01.2026)"),
        (date(2026, 1, 12), True, None),
        (date(2026, 5, 11), False, "День Победы (выходной)"),
        (date(2026, 12, 31), False, "Выходной (перенесено с 04.01.2026)"),
        (date(2026, 12, 5), False, None),  # an ordinary Saturday
    ],
)
def test_known_days(day, working, name):
    assert workdays.is_working_day(day) is working
    assert workdays.holiday_name(day) == name


def test_a_year_outside_the_file_is_asked_of_the_package():
    day = date(2045, 5, 9)
    assert 2045 not in workdays._kept_years()
    assert workdays.is_working_day(day) is False
    assert workdays.holiday_name(day) == workdays.package_calendar(2045).get(day)


def test_the_command_writes_what_the_package_says(tmp_path, monkeypatch):
    from django.core.management import call_command

    target = tmp_path / "calendar.json"
    monkeypatch.setattr(workdays, "CALENDAR_FILE", target)
    call_command("build_work_calendar", "--first-year", "2026", "--last-year", "2026", stdout=open("/dev/null", "w"))  # noqa: SIM115
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["years"]["2026"]["days_off"]["2026-01-09"] == "Выходной (перенесено с 03.01.2026)"
    assert data["source"].startswith("holidays ")


def _counted_day_by_day(start: date, end: date) -> int:
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += workdays.is_working_day(day)
    return days


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 1, 1), date(2026, 1, 12)),  # the New Year holidays
        (date(2025, 12, 20), date(2026, 1, 20)),  # across a year's end
        (date(2021, 3, 1), date(2026, 6, 15)),  # five years overdue
        (date(2026, 12, 31), date(2027, 1, 1)),
        (date(2024, 2, 28), date(2024, 3, 1)),  # a leap day
        (date(2026, 5, 11), date(2026, 5, 11)),
        (date(2026, 5, 12), date(2026, 5, 4)),  # end before start
    ],
)
def test_working_days_between_counts_as_day_by_day(start, end):
    assert workdays.working_days_between(start, end) == _counted_day_by_day(start, end)
