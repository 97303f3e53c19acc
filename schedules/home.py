"""The schedules' sections of the home page (home.now): the next personal receptions, the next events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from home.now import HomeSection
from schedules import selectors
from schedules.models import EventPage, ReceptionSchedulePage

# The head and the deputies come first in the schedule (Official.order); the home page shows the first few.
HOME_OFFICIALS = 4
HOME_EVENTS = 3


@dataclass(frozen=True)
class NextReception:
    official: object  # Official
    occurrence: object  # rules.Occurrence
    url: str


def next_receptions(*, home, today: date) -> tuple[str, list[NextReception]]:
    """The schedule page's URL and the next reception date of each of the first officials that have one."""
    schedule = ReceptionSchedulePage.objects.live().public().descendant_of(home).first()
    if schedule is None:
        return "", []
    found = []
    for official in selectors.active_officials():
        row = selectors.schedule_row(official, today=today, count=1, notices_days=0)
        if row.next_dates:
            found.append(NextReception(official, row.next_dates[0], schedule.official_url(official)))
        if len(found) == HOME_OFFICIALS:
            break
    return schedule.url, found


def next_events(*, home, today: date) -> list:
    """The next thematic receptions, broadcasts, meetings and field receptions, soonest first."""
    return list(
        EventPage.objects.live()
        .public()
        .descendant_of(home)
        .filter(date__gte=today)
        .select_related("topic")
        .order_by("date", "time_from", "pk")[:HOME_EVENTS]
    )


def home_sections(*, home, today: date) -> list[HomeSection]:
    sections = []
    schedule_url, receptions = next_receptions(home=home, today=today)
    if receptions:
        sections.append(
            HomeSection(10, "schedules/home_receptions.html", {"receptions": receptions, "schedule_url": schedule_url})
        )
    events = next_events(home=home, today=today)
    if events:
        index = events[0].get_parent()
        sections.append(HomeSection(20, "schedules/home_events.html", {"events": events, "index_url": index.url}))
    return sections
