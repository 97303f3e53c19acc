"""Deadlines on the official Russian working-day calendar (``home.workdays``).

The legal numbers and the shift direction are settings
(``portal/settings/appeals.py``).
"""

from datetime import date, timedelta

from django.conf import settings

from home.workdays import is_working_day

BACKWARD = "backward"
FORWARD = "forward"


def shift_to_working_day(day: date, direction: str | None = None) -> date:
    """The day itself if it is a working day, else the preceding ("backward") or following ("forward") one."""
    direction = direction or settings.APPEALS_DEADLINE_SHIFT
    if direction not in (BACKWARD, FORWARD):
        raise ValueError(f"Unknown deadline shift direction: {direction!r}")
    step = timedelta(days=-1 if direction == BACKWARD else 1)
    # The longest run of non-working days (New Year holidays) is under two weeks.
    for _ in range(60):
        if is_working_day(day):
            return day
        day += step
    raise ValueError("No working day found within 60 days")


def period_end(start: date, days: int, *, direction: str | None = None) -> date:
    """The last day of a period of ``days`` calendar days counted from the day after ``start``.

    Moved off a non-working day by the setting; but a period never ends on or
    before the day it is counted from: when the preceding working day would be
    that day or earlier (a 7-day period begun on or just before the New Year
    holidays), it ends on the following working day instead.
    """
    end = shift_to_working_day(start + timedelta(days=days), direction)
    if end <= start:
        end = shift_to_working_day(start + timedelta(days=days), FORWARD)
    return end


def due_date(registered_on: date, days: int | None = None, *, direction: str | None = None) -> date:
    """The answer deadline: registration date + N calendar days, moved off a non-working day."""
    days = settings.APPEALS_ANSWER_DAYS if days is None else days
    return period_end(registered_on, days, direction=direction)


def extended_due_date(current_due: date, days: int, *, direction: str | None = None) -> date:
    """The deadline after an extension by ``days`` (at most the legal maximum)."""
    if days < 1 or days > settings.APPEALS_MAX_EXTENSION_DAYS:
        raise ValueError(f"An extension is 1 to {settings.APPEALS_MAX_EXTENSION_DAYS} days, not {days}")
    return period_end(current_due, days, direction=direction)
