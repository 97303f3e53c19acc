"""The reception schedule page and the page of each official."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from schedules import selectors
from schedules.forms import ScheduleFilterForm


def schedule_index(page, request):
    form = ScheduleFilterForm(request.GET or None, departments=selectors.departments())
    department, weekday = "", None
    if form.is_bound and form.is_valid():
        department = form.cleaned_data["department"]
        weekday = form.cleaned_data["weekday"]
    officials = selectors.active_officials(department=department, weekday=weekday)
    rows = selectors.schedule_rows(officials, today=timezone.localdate())
    for row in rows:
        row.url = page.official_url(row.official)
        row.signup_url = page.official_url(row.official, "signup") if row.online_signup else ""
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
    return TemplateResponse(
        request,
        "schedules/official.html",
        {
            "page": page,
            "self": page,
            "official": official,
            "row": row,
            "ics_url": page.official_url(official, "official_ics"),
            "signup_url": page.official_url(official, "signup") if row.online_signup else "",
        },
    )
