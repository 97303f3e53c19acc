"""The reception schedule page and the page of each official."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from home.lean import subpage_url_maker
from schedules import selectors
from schedules.forms import ScheduleFilterForm


def _official_url(page, base_url: str, official, route: str = "official") -> str:
    """``page.official_url`` with the page's URL computed once per request, not once per link."""
    return base_url + page.reverse_subpage(route, kwargs={"official_slug": official.slug})


def schedule_index(page, request):
    everyone = selectors.active_officials()
    form = ScheduleFilterForm(request.GET or None, departments=selectors.departments_of(everyone))
    department, weekday = "", None
    if form.is_bound and form.is_valid():
        department = form.cleaned_data["department"]
        weekday = form.cleaned_data["weekday"]
    officials = selectors.filter_officials(everyone, department=department, weekday=weekday)
    rows = selectors.schedule_rows(officials, today=timezone.localdate())
    base_url = page.get_url(request)  # through the request's site root paths: no cache round trip
    official_url = subpage_url_maker(page, base_url, "official", "official_slug")
    signup_url = subpage_url_maker(page, base_url, "signup", "official_slug")
    for row in rows:
        row.url = official_url(row.official.slug)
        row.signup_url = signup_url(row.official.slug) if row.online_signup else ""
    return TemplateResponse(
        request,
        "schedules/reception_schedule_page.html",
        {"page": page, "self": page, "form": form, "rows": rows, "filtered": bool(department or weekday is not None)},
    )


def official_detail(page, request, official_slug):
    official = selectors.official_by_slug(official_slug)
    if official is None:
        raise Http404
    row = selectors.schedule_row(official, today=timezone.localdate(), count=6)
    base_url = page.get_url(request)
    return TemplateResponse(
        request,
        "schedules/official.html",
        {
            "page": page,
            "self": page,
            "official": official,
            "row": row,
            "ics_url": _official_url(page, base_url, official, "official_ics"),
            "signup_url": _official_url(page, base_url, official, "signup") if row.online_signup else "",
        },
    )
