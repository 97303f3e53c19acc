"""Feed responses: iCalendar and RSS."""

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone

from schedules import event_selectors, feeds, selectors

ICS_TYPE = "text/calendar; charset=utf-8"


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def official_ics(page, request, official_slug):
    official = selectors.official_by_slug(official_slug)
    if official is None:
        raise Http404
    today = timezone.localdate()
    entries = selectors.calendar_occurrences(
        official, start=today, end=today + timedelta(days=settings.SCHEDULES_LOOKAHEAD_DAYS)
    )
    body = feeds.official_calendar(official, entries, url_for=lambda owner: feeds.absolute(page.official_url(owner)))
    return _ics(body, f"priem-{official.slug}.ics")


def event_ics(event, request):
    return _ics(feeds.events_calendar([event], name=event.title), f"event-{event.pk}.ics")


def events_ics(index, request):
    events = event_selectors.events_of(index).order_by("date", "time_from")
    return _ics(feeds.events_calendar(events, name=index.title), "events.ics")


def events_rss(index, request):
    events = event_selectors.announced_events(index, limit=settings.SCHEDULES_FEED_ITEMS)
    body = feeds.events_rss(
        title=index.title,
        link=index.url,
        description=feeds.plain_text(index.intro)[:500] or index.title,
        feed_url=index.url + index.reverse_subpage("rss"),
        events=events,
    )
    return HttpResponse(body, content_type="application/rss+xml; charset=utf-8")
