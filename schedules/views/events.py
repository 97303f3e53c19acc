"""The events index (upcoming first, then the archive by year) and the event page."""

from django.template.response import TemplateResponse
from django.utils import timezone

from home import jsonld
from home.lean import ChildUrls
from home.pagecache import fragments
from schedules import selectors
from schedules.feeds import absolute, event_times, plain_text
from schedules.forms import EventFilterForm
from schedules.models import EventPage


def _url(page, request) -> str:
    """The page's URL through the request's site root paths (no cache round trip, unlike ``page.url``)."""
    return page.get_url(request) or ""


def event_index(page, request):
    listing = selectors.event_listing(page)
    form = EventFilterForm(request.GET or None, topics=listing.topics, months=listing.months)
    filters = selectors.EventFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.EventFilters(
            topic=form.cleaned_data["topic"], kind=form.cleaned_data["kind"], month=form.cleaned_data["month"]
        )
    upcoming, archive = listing.upcoming_and_archive(today=timezone.localdate(), filters=filters)
    page_url = _url(page, request)
    event_url = ChildUrls(page, page_url, request)
    for event in listing.events:
        event.href = event_url(event)
    return TemplateResponse(
        request,
        "schedules/event_index_page.html",
        {
            "page": page,
            "self": page,
            "form": form,
            "upcoming": upcoming,
            "archive": archive,
            "filtered": bool(filters.topic or filters.kind or filters.month),
            "rss_url": page_url + page.reverse_subpage("rss"),
            "ics_url": page_url + page.reverse_subpage("ics"),
        },
    )


def json_ld(event: EventPage, request, *, places: list | None = None) -> str:
    """schema.org Event, as a JSON-LD script body (safe inside <script>)."""
    start, end = event_times(event)
    department = fragments.department_settings(request)
    if places is None:
        places = list(event.places.all())
    online = bool(event.stream_url)
    locations = [
        {
            "@type": "Place",
            "name": place.title,
            "address": {"@type": "PostalAddress", "streetAddress": place.full_address, "addressCountry": "RU"},
        }
        for place in places
    ]
    if online:
        locations.append({"@type": "VirtualLocation", "url": event.stream_url})
    if online and places:
        mode = "https://schema.org/MixedEventAttendanceMode"
    elif online:
        mode = "https://schema.org/OnlineEventAttendanceMode"
    else:
        mode = "https://schema.org/OfflineEventAttendanceMode"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": mode,
        "location": locations[0] if len(locations) == 1 else locations,
        "description": plain_text(event.search_description or event.body)[:500] or event.get_kind_display(),
        "url": absolute(_url(event, request)),
        "isAccessibleForFree": True,
        "inLanguage": "ru",
        "organizer": {
            "@type": "GovernmentOrganization",
            "name": department.organisation_name or department.department_name,
        },
    }
    if event.topic_id:
        data["about"] = event.topic.title
    return jsonld.json_ld(data)


def event_detail(event, request):
    index = event.get_parent().specific
    places = list(event.places.all())
    return TemplateResponse(
        request,
        "schedules/event_page.html",
        {
            "page": event,
            "self": event,
            "places": places,
            "json_ld": json_ld(event, request, places=places),
            "ics_url": _url(event, request) + event.reverse_subpage("ics"),
            "index": index,
            "is_past": event.date < timezone.localdate(),
        },
    )
