"""Feed responses: iCalendar and RSS."""

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone

from schedules import feeds, rules, selectors

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
    occurrences, _ = rules.compute(
        rules=official.rules.all(),
        exceptions=official.exceptions.all(),
        absences=official.absences.all(),
        start=today,
        end=today + timedelta(days=settings.SCHEDULES_LOOKAHEAD_DAYS),
    )
    url = feeds.absolute(page.official_url(official))
    return _ics(feeds.official_calendar(official, occurrences, url=url), f"priem-{official.slug}.ics")


def event_ics(event, request):
    return _ics(feeds.events_calendar([event], name=event.title), f"event-{event.pk}.ics")


def events_ics(index, request):
    events = selectors.events_of(index).order_by("date", "time_from")
    return _ics(feeds.events_calendar(events, name=index.title), "events.ics")


def events_rss(index, request):
    events = selectors.announced_events(index, limit=settings.SCHEDULES_FEED_ITEMS)
    body = feeds.events_rss(
        title=index.title,
        link=index.url,
        description=feeds.plain_text(index.intro)[:500] or index.title,
        feed_url=index.url + index.reverse_subpage("rss"),
        events=events,
    )
    return HttpResponse(body, content_type="application/rss+xml; charset=utf-8")
