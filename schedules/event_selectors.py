"""Reads of the schedules app: thematic receptions and other events (their list, calendar, filters)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from home.pagecache import fragments
from schedules.models import EventPage, EventTopic


@dataclass
class EventFilters:
    topic: int | None = None
    kind: str = ""

    @property
    def active(self) -> bool:
        return bool(self.topic or self.kind)


def no_events_text(month: date, *, today: date, filtered: bool = False) -> str:
    """That a month has no events, in its tense: «не было» for a past month, «нет» for the current one,
    «пока не запланировано» for a future one (``filtered``: none that match the chosen topic or kind)."""
    which = " по выбранным условиям" if filtered else ""
    current = today.replace(day=1)
    if month < current:
        return f"В этом месяце мероприятий{which} не было"
    if month > current:
        return f"На этот месяц мероприятий{which} пока не запланировано"
    return f"В этом месяце мероприятий{which} нет"


def events_of(index_page):
    """The events of an index on the site (its feeds), with topics and places."""
    return listed_events(index_page).select_related("topic").prefetch_related("places")


def listed_events(index_page):
    """The events of an index that are on the site (``home.onsite``; the index itself is the page served)."""
    return EventPage.objects.on_site(below=index_page).child_of(index_page)


class TopicChoice(NamedTuple):
    pk: int
    title: str


class EventEntry(NamedTuple):
    """What a list of events is chosen and ordered by (the page itself is read only to render it)."""

    pk: int
    date: date
    kind: str
    topic_id: int | None


@dataclass(frozen=True)
class EventCalendar:
    """The events of an index as plain values: the archive's navigation and the choice of what a list shows.

    Kept per process until public content changes (``event_calendar``): nothing
    here is a model instance, and nothing is changed once built.
    """

    entries: tuple[EventEntry, ...]  # by date, start and pk
    counts: dict[date, int]  # the first of a month -> its number of events
    topics: tuple[TopicChoice, ...]

    @property
    def months(self) -> list[date]:
        """Months with events, the latest first (the filter's choices)."""
        return sorted(self.counts, reverse=True)

    def archive_years(self, *, today: date) -> list[int]:
        """Years with events before ``today``, the latest first."""
        first_of_month = today.replace(day=1)
        return sorted({month.year for month in self.counts if month <= first_of_month}, reverse=True)

    def months_of(self, year: int) -> list[tuple[date, int]]:
        return sorted((month, n) for month, n in self.counts.items() if month.year == year)

    def within(self, month: date) -> bool:
        """Between the first and the last month with events (an empty month there is still a page)."""
        return bool(self.counts) and min(self.counts) <= month <= max(self.counts)

    def previous(self, month: date) -> date | None:
        return max((m for m in self.counts if m < month), default=None)

    def following(self, month: date) -> date | None:
        return min((m for m in self.counts if m > month), default=None)

    def select(
        self, *, filters: EventFilters, date_from: date, date_to: date | None = None, limit: int | None = None
    ) -> list[int]:
        """Primary keys of the events from ``date_from`` (up to ``date_to``, excluded), soonest first."""
        start = bisect_left(self.entries, date_from, key=lambda entry: entry.date)
        chosen = []
        for entry in self.entries[start:]:
            if date_to is not None and entry.date >= date_to:
                break
            if (filters.topic and entry.topic_id != filters.topic) or (filters.kind and entry.kind != filters.kind):
                continue
            chosen.append(entry.pk)
            if limit is not None and len(chosen) == limit:
                break
        return chosen


def event_calendar(index_page) -> EventCalendar:
    """Every listed event of the index as plain values, and the topics: two queries, kept per process
    until public content changes (``home.pagecache.fragments.kept``; every request with the fragments off)."""
    return fragments.kept(("schedules.event_calendar", index_page.pk), lambda: _event_calendar(index_page))


def _event_calendar(index_page) -> EventCalendar:
    events = listed_events(index_page)
    rows = events.order_by("date", "time_from", "pk").values_list("pk", "date", "kind", "topic_id")
    entries = tuple(EventEntry(*row) for row in rows)
    counts: dict[date, int] = {}
    for entry in entries:
        month = entry.date.replace(day=1)
        counts[month] = counts.get(month, 0) + 1
    topic_ids = {entry.topic_id for entry in entries if entry.topic_id}
    topics = EventTopic.objects.filter(pk__in=topic_ids).order_by("order", "title", "pk").values_list("pk", "title")
    return EventCalendar(entries=entries, counts=counts, topics=tuple(TopicChoice(*row) for row in topics))


# What a list of events shows of an event (the rest of a page's ~30 columns is never read there).
LISTING_FIELDS = (
    *("title", "slug", "url_path", "kind", "date", "time_from", "time_to", "topic"),
    *("cancelled", "previous_date"),  # the change label (EventPage.change_label)
)


def events_by_pk(pks: list[int]) -> list[EventPage]:
    """These events in this order, with topics and ``place_list`` (their places in the places' order): two
    queries, none for an empty list (templates loop over ``place_list`` without a queryset per event)."""
    if not pks:
        return []
    queryset = EventPage.objects.filter(pk__in=pks).select_related("topic")
    found = {event.pk: event for event in queryset.only(*LISTING_FIELDS, "topic__title", "topic__order")}
    events = [found[pk] for pk in pks if pk in found]
    places: dict[int, list] = {event.pk: [] for event in events}
    links = (
        EventPage.places.through.objects.filter(eventpage_id__in=list(places))
        .select_related("place")
        .only("eventpage_id", "place__title", "place__address")
        .order_by("place__title", "place__address", "place_id")
    )
    for link in links:
        places[link.eventpage_id].append(link.place)
    for event in events:
        event.place_list = places[event.pk]
    return events


def announced_events(index_page, *, limit: int):
    """For the RSS feed: the latest announcements first."""
    return list(events_of(index_page).order_by("-first_published_at", "-pk")[:limit])


def public_events(
    *, date_from: date | None = None, date_to: date | None = None, topic: int | None = None, kind: str = ""
):
    """Every event on the site (the API): by date and start, with topics and places; two queries."""
    queryset = EventPage.objects.on_site()
    if date_from:
        queryset = queryset.filter(date__gte=date_from)
    if date_to:
        queryset = queryset.filter(date__lte=date_to)
    if topic:
        queryset = queryset.filter(topic_id=topic)
    if kind:
        queryset = queryset.filter(kind=kind)
    return list(queryset.select_related("topic").prefetch_related("places").order_by("date", "time_from", "pk"))
