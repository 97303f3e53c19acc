"""The events index (upcoming events, the archive's years), the archive by year and month, the event page."""

from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.utils import timezone

from home import jsonld
from home.lean import ChildUrls
from home.pagecache import fragments
from home.textformat import counted
from schedules import event_selectors
from schedules import rules as rules_mod
from schedules.feeds import absolute, event_times, plain_text
from schedules.forms import EventFilterForm
from schedules.models import EventPage


def _url(page, request) -> str:
    """The page's URL through the request's site root paths (no cache round trip, unlike ``page.url``)."""
    return page.get_url(request) or ""


def _events_count(n: int) -> str:
    """«1 мероприятие», «3 мероприятия», «11 мероприятий»."""
    return counted(n, "мероприятие", "мероприятия", "мероприятий")


def _month_label(month: date) -> str:
    return f"{rules_mod.MONTHS_NOMINATIVE[month.month - 1]} {month.year}"


class _Archive:
    """URLs and labels of the archive's pages for one request (its routes resolved once)."""

    def __init__(self, page, request, calendar: event_selectors.EventCalendar):
        self.page_url = _url(page, request)
        self.calendar = calendar
        self._year = page.reverse_subpage("archive_year", kwargs={"year": "0000"})

    def year_url(self, year: int) -> str:
        return self.page_url + self._year.replace("0000", f"{year:04d}")

    def month_url(self, month: date) -> str:
        return self.year_url(month.year) + f"{month.month:02d}/"

    def year_links(self, *, today: date) -> list[dict]:
        return [{"year": y, "url": self.year_url(y)} for y in self.calendar.archive_years(today=today)]

    def month_link(self, month: date | None) -> dict | None:
        if month is None:
            return None
        count = self.calendar.counts.get(month, 0)
        return {"label": _month_label(month), "url": self.month_url(month), "count": _events_count(count)}


def _filters(form) -> event_selectors.EventFilters:
    if form.is_bound and form.is_valid():
        return event_selectors.EventFilters(topic=form.cleaned_data["topic"], kind=form.cleaned_data["kind"])
    return event_selectors.EventFilters()


def _cards(page, request, page_url: str, pks: list[int], *, heading: str) -> list[str]:
    """The rendered list items of these events, in this order.

    Each item is rendered once per process and generation of public content
    (``fragments.kept``: a dict filled as lists ask for items) and then reused
    by every list that shows the event: a page reads and renders only the
    events no list of this process has shown yet (two queries for them).
    """
    kept = fragments.kept(("schedules.event_cards", page.pk, page_url, heading), dict)
    missing = [pk for pk in pks if pk not in kept]
    if missing:
        template = get_template("schedules/includes/event_card.html")
        event_url = ChildUrls(page, page_url, request)
        for event in event_selectors.events_by_pk(missing):
            event.href = event_url(event)
            kept[event.pk] = template.render({"event": event, "heading": heading})
    return [kept[pk] for pk in pks if pk in kept]


def _context(page, archive: _Archive, form, filters, **extra) -> dict:
    return {
        "page": page,
        "self": page,
        "form": form,
        "filtered": filters.active,
        "index_url": archive.page_url,
        "rss_url": archive.page_url + page.reverse_subpage("rss"),
        "ics_url": archive.page_url + page.reverse_subpage("ics"),
        **extra,
    }


def event_index(page, request):
    """Upcoming events (a bounded number), the filter and the archive's years; a chosen month opens its page."""
    calendar = event_selectors.event_calendar(page)
    archive = _Archive(page, request, calendar)
    today = timezone.localdate()
    form = EventFilterForm(request.GET or None, topics=calendar.topics, months=calendar.months, today=today)
    if form.is_bound and form.is_valid() and form.cleaned_data["month"]:
        month = date.fromisoformat(form.cleaned_data["month"] + "-01")
        rest = {k: v for k, v in request.GET.items() if k in ("topic", "kind") and v}
        return redirect(archive.month_url(month) + (f"?{urlencode(rest)}" if rest else ""))
    filters = _filters(form)
    limit = settings.SCHEDULES_UPCOMING_EVENTS
    upcoming = calendar.select(filters=filters, date_from=today, limit=limit + 1)
    more = []
    if upcoming[limit:]:  # more than the index lists: the months they are in
        more = [archive.month_link(m) for m in calendar.months[::-1] if m >= today.replace(day=1)]
    context = _context(
        page,
        archive,
        form,
        filters,
        upcoming=_cards(page, request, archive.page_url, upcoming[:limit], heading="h3"),
        upcoming_limit=limit,
        more_months=more,
        years=archive.year_links(today=today),
    )
    return TemplateResponse(request, "schedules/event_index_page.html", context)


def event_archive_year(page, request, year: str):
    """The months of a year with their numbers of events (links to each month's page)."""
    calendar = event_selectors.event_calendar(page)
    months = calendar.months_of(int(year))
    if not months:
        raise Http404("В этом году мероприятий не было")
    archive = _Archive(page, request, calendar)
    context = _context(
        page,
        archive,
        None,
        event_selectors.EventFilters(),
        year=int(year),
        months=[archive.month_link(month) for month, _ in months],
        years=archive.year_links(today=timezone.localdate()),
        canonical=absolute(archive.year_url(int(year))),
    )
    return TemplateResponse(request, "schedules/event_archive_year.html", context)


def event_archive_month(page, request, year: str, month: str):
    """The events of one month (filtered by topic and kind), with the previous and the next month."""
    if not 1 <= int(month) <= 12:
        raise Http404("Такого месяца нет")
    first = date(int(year), int(month), 1)
    calendar = event_selectors.event_calendar(page)
    if not calendar.within(first):
        raise Http404("В этом месяце мероприятий не было")
    archive = _Archive(page, request, calendar)
    data = request.GET.copy() if request.GET else None
    if data is not None:
        data["month"] = f"{first:%Y-%m}"
    today = timezone.localdate()
    # This month is a choice here even without events: its filter is not an error.
    months = sorted({*calendar.months, first}, reverse=True)
    initial = {"month": f"{first:%Y-%m}"}
    form = EventFilterForm(data, topics=calendar.topics, months=months, today=today, initial=initial)
    filters = _filters(form)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    events = calendar.select(filters=filters, date_from=first, date_to=following)
    context = _context(
        page,
        archive,
        form,
        filters,
        month=first,
        month_label=_month_label(first),
        events=_cards(page, request, archive.page_url, events, heading="h2"),
        previous=archive.month_link(calendar.previous(first)),
        next=archive.month_link(calendar.following(first)),
        year_url=archive.year_url(first.year),
        month_url=archive.month_url(first),
        years=archive.year_links(today=today),
        canonical=absolute(archive.month_url(first)),
        no_events=event_selectors.no_events_text(first, today=today, filtered=filters.active),
    )
    return TemplateResponse(request, "schedules/event_archive_month.html", context)


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
        "eventStatus": _EVENT_STATUS["cancelled" if event.cancelled else "moved" if event.moved else "scheduled"],
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
    if event.moved:
        data["previousStartDate"] = event.previous_date.isoformat()
    return jsonld.json_ld(data)


_EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "moved": "https://schema.org/EventRescheduled",
}


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
