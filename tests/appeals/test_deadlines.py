"""Deadlines on the official Russian working-day calendar (holidays' RU calendar)."""

from datetime import date, timedelta

import pytest

from appeals_form.deadlines import due_date, extended_due_date, is_working_day, shift_to_working_day


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 2, 6), True),  # a plain Friday
        (date(2026, 2, 7), False),  # a plain Saturday
        (date(2026, 2, 8), False),  # a plain Sunday
        (date(2025, 11, 1), True),  # Saturday made a working day (transferred to 3 November)
        (date(2025, 11, 3), False),  # the day off it was transferred to
        (date(2025, 12, 31), False),  # transferred from Sunday 5 January 2025
        (date(2026, 1, 9), False),  # transferred from Saturday 3 January 2026
        (date(2026, 1, 12), True),  # first working day after the New Year holidays
        (date(2026, 3, 9), False),  # 8 March 2026 is a Sunday: Monday off
        (date(2025, 5, 8), False),  # transferred from 23 February 2025
        (date(2026, 5, 11), False),  # 9 May 2026 is a Saturday: Monday off
    ],
)
def test_working_days_follow_the_official_calendar(day, working):
    assert is_working_day(day) is working


def test_backward_shift_across_the_new_year_holidays():
    # 3 January 2026 -> back over 1-2 January and the day off of 31 December 2025.
    assert shift_to_working_day(date(2026, 1, 3), "backward") == date(2025, 12, 30)


def test_forward_shift_across_the_new_year_holidays():
    assert shift_to_working_day(date(2026, 1, 3), "forward") == date(2026, 1, 12)


@pytest.mark.parametrize(
    ("day", "direction", "expected"),
    [
        # May 2025: 8 May is a transferred day off, 9 May Victory Day (a Friday).
        (date(2025, 5, 9), "backward", date(2025, 5, 7)),
        (date(2025, 5, 9), "forward", date(2025, 5, 12)),
        # May 2026: Victory Day is a Saturday, Monday 11 May is off.
        (date(2026, 5, 9), "backward", date(2026, 5, 8)),
        (date(2026, 5, 9), "forward", date(2026, 5, 12)),
        # A working day stays where it is, in both directions.
        (date(2026, 5, 8), "forward", date(2026, 5, 8)),
        (date(2025, 11, 1), "backward", date(2025, 11, 1)),
    ],
)
def test_shift_over_the_may_holidays(day, direction, expected):
    assert shift_to_working_day(day, direction) == expected


def test_due_date_is_thirty_calendar_days_after_registration(settings):
    settings.APPEALS_DEADLINE_SHIFT = "backward"
    # 4 February 2026 + 30 days = Friday 6 March 2026, a working day.
    assert due_date(date(2026, 2, 4)) == date(2026, 3, 6)


def test_due_date_on_a_plain_weekend_moves_by_the_setting(settings):
    # 5 February 2026 + 30 days = Saturday 7 March 2026.
    settings.APPEALS_DEADLINE_SHIFT = "backward"
    assert due_date(date(2026, 2, 5)) == date(2026, 3, 6)
    settings.APPEALS_DEADLINE_SHIFT = "forward"
    # Sunday 8 March, Monday 9 March (holiday moved off the Sunday) -> Tuesday.
    assert due_date(date(2026, 2, 5)) == date(2026, 3, 10)


def test_due_date_across_the_new_year(settings):
    # 2 December 2025 + 30 days = 1 January 2026.
    settings.APPEALS_DEADLINE_SHIFT = "backward"
    assert due_date(date(2025, 12, 2)) == date(2025, 12, 30)
    settings.APPEALS_DEADLINE_SHIFT = "forward"
    assert due_date(date(2025, 12, 2)) == date(2026, 1, 12)


def test_due_date_on_a_working_saturday_stays(settings):
    # 2 October 2025 + 30 days = Saturday 1 November 2025, a working day by decree.
    for direction in ("backward", "forward"):
        settings.APPEALS_DEADLINE_SHIFT = direction
        assert due_date(date(2025, 10, 2)) == date(2025, 11, 1)


def test_due_date_follows_the_number_of_days_setting(settings):
    settings.APPEALS_ANSWER_DAYS = 15
    settings.APPEALS_DEADLINE_SHIFT = "backward"
    assert due_date(date(2026, 2, 4)) == date(2026, 2, 19)


def test_extension_moves_the_deadline_and_shifts_it(settings):
    settings.APPEALS_DEADLINE_SHIFT = "backward"
    # 6 March 2026 + 30 days = Sunday 5 April -> Friday 3 April.
    assert extended_due_date(date(2026, 3, 6), 30) == date(2026, 4, 3)
    assert extended_due_date(date(2026, 3, 6), 30, direction="forward") == date(2026, 4, 6)


def test_extension_is_limited_by_law(settings):
    settings.APPEALS_MAX_EXTENSION_DAYS = 30
    with pytest.raises(ValueError):
        extended_due_date(date(2026, 3, 6), 31)
    with pytest.raises(ValueError):
        extended_due_date(date(2026, 3, 6), 0)


def test_unknown_direction_is_an_error():
    with pytest.raises(ValueError):
        shift_to_working_day(date(2026, 3, 7), "sideways")


def _badge(due: date, on: date):
    from types import SimpleNamespace

    from appeals_form.selectors import deadline_of

    return deadline_of(SimpleNamespace(is_open=True, due_date=due), on=on)


def test_a_deadline_that_passed_before_a_day_off_reads_overdue_on_that_day():
    """Found from outside: on Saturday 05.12.2026 a deadline of Friday 04.12 said «срок сегодня»."""
    for on in (date(2026, 12, 5), date(2026, 12, 6)):
        deadline = _badge(date(2026, 12, 4), on)
        assert deadline.overdue
        assert deadline.label == "просрочено: срок истёк 04.12.2026"


def test_every_badge_agrees_with_the_overdue_filter_across_the_new_year_holidays():
    """Each pair of a due date and a day from December to mid-January: the words follow the dates.

    «срок сегодня» only on the due date itself (a working day: due dates are moved to one),
    «просрочено» whenever the due date is behind (the «Только просроченные» filter's rule),
    «осталось» whenever it is ahead.
    """
    from datetime import timedelta

    days = [date(2026, 12, 20) + timedelta(days=n) for n in range(30)]
    for due in filter(is_working_day, days):  # deadlines are always moved to a working day
        for on in days:
            label = _badge(due, on).label
            if due < on:
                assert label.startswith("просрочено"), (due, on, label)
            elif due == on:
                assert label == "срок сегодня", (due, on, label)
            else:
                assert label.startswith("осталось"), (due, on, label)
                assert not label.startswith("осталось 0"), (due, on, label)


@pytest.mark.parametrize(
    ("registered", "expected"),
    [
        (date(2026, 12, 3), date(2026, 12, 10)),  # a Thursday: the seventh day is a working Thursday
        (date(2026, 12, 5), date(2026, 12, 11)),  # found from outside: 12.12.2026 is a Saturday
        (date(2026, 12, 26), date(2026, 12, 30)),  # 02.01.2027: back over the New Year holidays (31.12 is off)
    ],
)
def test_the_redirect_window_ends_on_a_working_day(settings, registered, expected):
    from datetime import datetime, time

    from django.utils import timezone

    from appeals_form.workflow.dates import redirect_deadline

    settings.APPEALS_DEADLINE_SHIFT = "backward"
    registered_at = timezone.make_aware(datetime.combine(registered, time(10)))
    assert redirect_deadline(registered_at) == expected
    assert is_working_day(redirect_deadline(registered_at))


@pytest.mark.parametrize(
    ("registered", "expected"),
    [
        (date(2026, 12, 30), date(2027, 1, 11)),  # 06.01.2027: back would be 30.12 itself, the registration day
        (date(2026, 12, 31), date(2027, 1, 11)),  # found from outside: the card said «направить — до 30.12.2026»
        (date(2027, 1, 3), date(2027, 1, 11)),  # registered in the holidays: back would land in the old year
    ],
)
def test_the_redirect_window_never_ends_before_the_appeal_is_registered(settings, registered, expected):
    from datetime import datetime, time

    from django.utils import timezone

    from appeals_form.workflow.dates import redirect_deadline

    settings.APPEALS_DEADLINE_SHIFT = "backward"
    registered_at = timezone.make_aware(datetime.combine(registered, time(23, 30)))
    assert redirect_deadline(registered_at) == expected


@pytest.mark.parametrize("direction", ["backward", "forward"])
def test_no_legal_period_ends_on_or_before_its_first_day_in_any_year_of_the_calendar(settings, direction):
    """Every registration day of 2025-2028 (New Year and May holidays included): each period ends after it starts.

    And on a working day, by one rule for all of them: found from outside, the 7 days to tell the author
    that the text cannot be read could end on 2 January.
    """
    from datetime import datetime, time

    from django.utils import timezone

    from appeals_form.workflow.dates import redirect_deadline, unreadable_notice_deadline

    settings.APPEALS_DEADLINE_SHIFT = direction
    day = date(2025, 1, 1)
    while day < date(2029, 1, 1):
        registered_at = timezone.make_aware(datetime.combine(day, time(12)))
        due = due_date(day)
        periods = (
            (day, redirect_deadline(registered_at)),
            (day, unreadable_notice_deadline(registered_at)),
            (day, due),
            (due, extended_due_date(due, 1)),
        )
        for start, end in periods:
            assert end > start, (start, end)
            assert is_working_day(end), (start, end)
        day += timedelta(days=1)
