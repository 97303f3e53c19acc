"""Working-day arithmetic for the queue: days left, "due soon", the redirect window, the notices' terms.

Built on ``appeals_form.deadlines`` (the official Russian working-day calendar).
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from appeals_form import deadlines
from appeals_form.models import Appeal
from home.workdays import working_days_between

# Far more than any legal deadline; stops a loop on a broken calendar.
_MAX_SPAN_DAYS = 3660


def today() -> date:
    return timezone.localdate()


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted)."""
    day = start
    counted = 0
    for _ in range(_MAX_SPAN_DAYS):
        if counted >= days:
            return day
        day += timedelta(days=1)
        if deadlines.is_working_day(day):
            counted += 1
    raise ValueError("No such working day within ten years")


def working_days_left(due: date, on: date) -> int:
    """Working days from ``on`` up to ``due``: 0 when due today, negative when overdue.

    Positive: working days after ``on`` up to and including ``due``. Negative:
    minus the working days after ``due`` up to and including ``on`` (how long
    it has been overdue).
    """
    if due == on:
        return 0
    low, high, sign = (on, due, 1) if due > on else (due, on, -1)
    span = min((high - low).days, _MAX_SPAN_DAYS)
    count = working_days_between(low, low + timedelta(days=span))
    return sign * count


def due_soon_limit(on: date, days: int | None = None) -> date:
    """The last due date that counts as "due soon" on ``on``."""
    days = settings.APPEALS_DUE_SOON_WORKING_DAYS if days is None else days
    return add_working_days(on, days)


def redirect_deadline(registered_at: datetime) -> date:
    """The last day to redirect an appeal to the competent body (calendar days, art. 8 p. 3).

    Moved off a day off like the answer's deadline (``APPEALS_DEADLINE_SHIFT``), and never
    ending on or before the registration day (``deadlines.period_end``).
    """
    return deadlines.period_end(timezone.localdate(registered_at), settings.APPEALS_REDIRECT_DAYS)


def unreadable_notice_deadline(registered_at: datetime) -> date:
    """The last day of the 7-day notices of art. 11 parts 2, 4, 4.1 (e.g. the appeal cannot be read).

    A working day, by the same rule as every other deadline (``deadlines.period_end``).
    """
    return deadlines.period_end(timezone.localdate(registered_at), settings.APPEALS_UNREADABLE_NOTICE_DAYS)


def no_answer_notice_deadline(*, reason: str, registered_at: datetime, due_date: date) -> date | None:
    """The last day to tell the applicant why the appeal is not answered on its merits (59-ФЗ art. 11).

    Parts 2, 4 and 4.1 give 7 days from registration; parts 3, 5 and 6 require the
    notice but name no term, so it is due within the term of consideration
    (``due_date``, art. 12), the conservative reading. None for an anonymous appeal
    (part 1: no notice, there is nobody to tell).
    """
    if reason == Appeal.NoAnswerReason.COMPLAINT_RETURNED:
        # Art. 8 part 6 names no term: the return stands in for the redirection (7 days, art. 8 part 3).
        return min(redirect_deadline(registered_at), due_date)
    if reason in Appeal.WEEK_NOTICE_NO_ANSWER_REASONS:
        return min(unreadable_notice_deadline(registered_at), due_date)
    if reason in Appeal.NOTIFIED_NO_ANSWER_REASONS:
        return due_date
    return None


def published_answer_deadline(registered_at: datetime) -> date:
    """The last day to tell the applicant the address of the answer published on the official site.

    59-ФЗ art. 11 part 5.1: «в течение семи дней со дня регистрации обращения» — calendar days
    (the law counts no term of its own in working days), moved off a day off like every other
    deadline (``deadlines.period_end``).
    """
    return deadlines.period_end(timezone.localdate(registered_at), settings.APPEALS_PUBLISHED_ANSWER_NOTICE_DAYS)
