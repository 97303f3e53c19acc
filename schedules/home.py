"""The schedules' sections of the home page (home.now): the next personal receptions, the next events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q

from home.now import HomeSection
from schedules import selectors
from schedules.models import EventPage, ReceptionSchedulePage

# The head and the deputies come first in the schedule (Official.order); the home page shows the first few.
HOME_OFFICIALS = 4
HOME_EVENTS = 3
# An event without an end time is taken as over this long after it starts.
EVENT_DEFAULT_LENGTH = timedelta(hours=2)


@dataclass(frozen=True)
class NextReception:
    official: object  # Official
    occurrence: object  # rules.Occurrence
    url: str


def _ended(day: date, end: time, *, today: date, now: datetime | None) -> bool:
    return now is not None and day == today and end <= now.time()


def next_receptions(*, home, today: date, now: datetime | None = None) -> tuple[str, list[NextReception]]:
    """The schedule page's URL and the next reception of each of the first officials that have one.

    A reception that ended earlier today (``now``) is not the next one.
    """
    schedule = ReceptionSchedulePage.objects.on_site().descendant_of(home).first()
    if schedule is None:
        return "", []
    found = []
    for official in selectors.active_officials():
        row = selectors.schedule_row(official, today=today, count=2, notices_days=0)
        coming = [day for day in row.next_dates if not _ended(day.date, day.time_to, today=today, now=now)]
        if coming:
            found.append(NextReception(official, coming[0], schedule.official_url(official)))
        if len(found) == HOME_OFFICIALS:
            break
    return schedule.url, found


def next_events(*, home, today: date, now: datetime | None = None) -> list:
    """The next thematic receptions, broadcasts, meetings and field receptions, soonest first.

    Today's events that ended before ``now`` (or started EVENT_DEFAULT_LENGTH
    ago when no end time is given) are left out.
    """
    coming = Q(date__gte=today)
    if now is not None:
        ended = Q(time_to__isnull=False, time_to__lte=now.time())
        started = datetime.combine(today, now.time()) - EVENT_DEFAULT_LENGTH
        if started.date() == today:  # before 2 a.m. nothing without an end time has ended yet
            ended |= Q(time_to__isnull=True, time_from__lte=started.time())
        ended_today = Q(date=today) & ended
        coming &= ~ended_today
    return list(
        EventPage.objects.on_site()
        .descendant_of(home)
        .filter(coming)
        .select_related("topic")
        .order_by("date", "time_from", "pk")[:HOME_EVENTS]
    )


def home_sections(*, home, today: date, now: datetime | None = None) -> list[HomeSection]:
    sections = []
    schedule_url, receptions = next_receptions(home=home, today=today, now=now)
    if receptions:
        sections.append(
            HomeSection(10, "schedules/home_receptions.html", {"receptions": receptions, "schedule_url": schedule_url})
        )
    events = next_events(home=home, today=today, now=now)
    if events:
        index = events[0].get_parent()
        sections.append(HomeSection(20, "schedules/home_events.html", {"events": events, "index_url": index.url}))
    return sections
