"""Calendar and news feeds: iCalendar (RFC 5545) and RSS 2.0.

iCalendar objects carry the Europe/Moscow VTIMEZONE and local times with a
TZID, so that calendar programs show the time of the reception wherever the
resident is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from schedules import rules as rules_mod

if TYPE_CHECKING:  # icalendar is imported when a feed is built, not when the site starts
    from icalendar import Calendar, Event

TZID = "Europe/Moscow"
PRODID = "-//Obrashcheniya grazhdan//Priem grazhdan//RU"
DEFAULT_EVENT_MINUTES = 120
_TAGS = re.compile(r"<[^>]+>")


def zone() -> ZoneInfo:
    return ZoneInfo(TZID)


def uid_domain() -> str:
    return urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return settings.PORTAL_BASE_URL.rstrip("/") + url


def plain_text(value: str) -> str:
    """Rich text as plain text (paragraphs on their own lines)."""
    value = re.sub(r"</(p|li|h[1-6])>", "\n", value or "")
    return html.unescape(_TAGS.sub("", value)).strip()


def local_dt(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=zone())


SIGNUP_CANCEL_METHOD = "CANCEL"


def new_calendar(name: str, *, method: str = "PUBLISH") -> Calendar:
    from icalendar import Calendar, Timezone

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(Timezone.from_tzid(TZID))
    return cal


def _event(*, uid: str, summary: str, start: datetime, end: datetime, location: str = "", description: str = "",
           url: str = "", status: str = "CONFIRMED") -> Event:  # fmt: skip
    from icalendar import Event, vText

    event = Event()
    event.add("uid", f"{uid}@{uid_domain()}")
    event.add("dtstamp", timezone.now().astimezone(ZoneInfo("UTC")))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    if location:
        event["location"] = vText(location)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    event.add("status", status)
    return event


def event_times(event_page) -> tuple[datetime, datetime]:
    start = local_dt(event_page.date, event_page.time_from)
    if event_page.time_to and event_page.time_to > event_page.time_from:
        end = local_dt(event_page.date, event_page.time_to)
    else:
        end = start + timedelta(minutes=DEFAULT_EVENT_MINUTES)
    return start, end


def _event_location(event_page) -> str:
    places = list(event_page.places.all())
    if places:
        return "; ".join(f"{p.title}, {p.full_address}" for p in places)
    return event_page.stream_url


def _change_line(event_page) -> str:
    """«Отменено. Причина» / «Перенесено с … Причина»: the first line a calendar or a feed shows; empty if none."""
    if not event_page.change_label:
        return ""
    return f"{event_page.change_label}." + (f" {event_page.change_note}" if event_page.change_note else "")


def _event_component(event_page) -> Event:
    start, end = event_times(event_page)
    description = [line for line in (_change_line(event_page), event_page.get_kind_display()) if line]
    if event_page.topic_id:
        description.append(f"Тема: {event_page.topic.title}")
    if event_page.hosts:
        description.append(f"Ведут приём: {event_page.hosts}")
    if event_page.stream_url:
        description.append(f"Трансляция: {event_page.stream_url}")
    signup = plain_text(event_page.signup_info)
    if signup:
        description.append(f"Как записаться: {signup}")
    return _event(
        uid=f"event-{event_page.pk}",
        summary=event_page.listed_title,
        start=start,
        end=end,
        location=_event_location(event_page),
        description="\n".join(description),
        url=absolute(event_page.url or ""),
        status="CANCELLED" if event_page.cancelled else "CONFIRMED",
    )


def events_calendar(events: Iterable, *, name: str) -> bytes:
    cal = new_calendar(name)
    for event_page in events:
        cal.add_component(_event_component(event_page))
    return cal.to_ical()


def official_calendar(
    official, entries: Iterable[tuple[rules_mod.Occurrence, object]], *, url_for: Callable[[object], str] | None = None
) -> bytes:
    """The official's receptions: ``entries`` are (reception, whose schedule it is), as
    ``selectors.calendar_occurrences`` gives them (hers, and those she holds as a deputy);
    ``url_for(owner)`` is the page of the schedule a reception belongs to (where one signs up)."""
    cal = new_calendar(f"Личный приём: {official.full_name}")
    for occ, owner in entries:
        location = f"{occ.place.title}, {occ.place.full_address}" if occ.place else ""
        host = rules_mod.host_text(occ, official=owner)
        lines = [f"Личный приём граждан. {host}."]
        if occ.rule is not None and occ.rule.phone:
            lines.append(f"Запись по телефону: {occ.rule.phone}")
        lines += occ.notes
        cal.add_component(
            _event(
                # The owner's identifier: the same reception in two subscribed feeds is one calendar entry.
                uid=f"reception-{owner.pk}-{occ.date:%Y%m%d}-{occ.time_from:%H%M}",
                summary=f"Личный приём: {host}",
                start=local_dt(occ.date, occ.time_from),
                end=local_dt(occ.date, occ.time_to),
                location=location,
                description="\n".join(lines),
                url=url_for(owner) if url_for is not None else "",
            )
        )
    return cal.to_ical()


def signup_calendar(signup, *, reception, cancelled: bool = False) -> bytes:
    """The resident's own reception, attached to the confirmation e-mail; ``reception`` is
    ``selectors.booked_reception`` (who actually receives, what changed).

    ``cancelled``: the same event (same UID, a later SEQUENCE) as ``METHOD:CANCEL`` and
    ``STATUS:CANCELLED``, attached to the cancellation e-mails: a reception added to a calendar
    from the confirmation stayed there after it was cancelled, and the resident came for nothing.
    """
    session = signup.session
    start, end = signup.time_range()
    place = session.place
    lines = ["Запись на личный приём граждан.", f"Кто принимает: {reception.host}.", *reception.notes]
    if cancelled:
        lines.insert(0, "Запись отменена.")
    else:
        lines.append("Возьмите с собой документ, удостоверяющий личность.")
    cal = new_calendar("Запись на личный приём", method=SIGNUP_CANCEL_METHOD if cancelled else "PUBLISH")
    event = _event(
        uid=f"signup-{signup.pk}",
        summary=f"{'Отменено: ' if cancelled else ''}Личный приём: {reception.host}",
        start=local_dt(session.date, start),
        end=local_dt(session.date, end),
        location=f"{place.title}, {place.full_address}" if place else "",
        description="\n".join(lines),
        status="CANCELLED" if cancelled else "CONFIRMED",
    )
    event.add("sequence", 1 if cancelled else 0)
    organizer = _department_organizer()
    if organizer is not None:
        event.add("organizer", organizer)
    cal.add_component(event)
    return cal.to_ical()


def _department_organizer():
    """The department (the e-mails' sender) as the event's ORGANIZER: calendar programs apply a CANCEL
    (RFC 5546 requires the property for it, and for PUBLISH) from the organizer of the event they hold."""
    from icalendar import vCalAddress

    from home.mail import site_sender_parts

    name, address = site_sender_parts()
    if not address:
        return None
    organizer = vCalAddress(f"mailto:{address}")
    if name:
        organizer.params["cn"] = name
    return organizer


def events_rss(*, title: str, link: str, description: str, feed_url: str, events: Iterable) -> bytes:
    feed = Rss201rev2Feed(
        title=title, link=absolute(link), description=description, language="ru", feed_url=absolute(feed_url)
    )
    for event_page in events:
        start, _ = event_times(event_page)
        places = "; ".join(f"{p.title}, {p.full_address}" for p in event_page.places.all())
        lines = [
            line
            for line in (
                _change_line(event_page),
                f"{event_page.get_kind_display()}: {rules_mod.format_date_long(event_page.date)}, "
                f"{rules_mod.format_time(event_page.time_from)}.",
            )
            if line
        ]
        if event_page.topic_id:
            lines.append(f"Тема: {event_page.topic.title}.")
        if places:
            lines.append(f"Место: {places}.")
        if event_page.hosts:
            lines.append(f"Ведут приём: {event_page.hosts}.")
        url = absolute(event_page.url or "")
        feed.add_item(
            title=event_page.listed_title,
            link=url,
            description=" ".join(lines),
            unique_id=url,
            unique_id_is_permalink=True,
            pubdate=event_page.first_published_at or start,
            categories=[event_page.get_kind_display()] + ([event_page.topic.title] if event_page.topic_id else []),
        )
    return feed.writeString("utf-8").encode("utf-8")
