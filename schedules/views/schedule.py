"""The reception schedule page and the page of each official."""

from dataclasses import dataclass

from django.http import Http404
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.utils import timezone

from home.lean import subpage_url_maker
from home.pagecache import fragments
from schedules import selectors
from schedules.forms import ScheduleFilterForm


def _official_url(page, base_url: str, official, route: str = "official") -> str:
    """``page.official_url`` with the page's URL computed once per request, not once per link."""
    return base_url + page.reverse_subpage(route, kwargs={"official_slug": official.slug})


@dataclass(frozen=True)
class _Card:
    """An official's card of the schedule, rendered, with what the filter looks at."""

    department: str
    weekdays: frozenset[int]
    html: str


def _build_cards(page, base_url: str, today) -> tuple[list[str], list[_Card]]:
    """Every active official's card and the departments (four queries, 50 officials ~ 30 ms of CPU)."""
    officials = selectors.active_officials()
    official_url = subpage_url_maker(page, base_url, "official", "official_slug")
    signup_url = subpage_url_maker(page, base_url, "signup", "official_slug")
    template = get_template("schedules/includes/schedule_card.html")
    cards = []
    for row in selectors.schedule_rows(officials, today=today):
        row.url = official_url(row.official.slug)
        row.signup_url = signup_url(row.official.slug) if row.online_signup else ""
        weekdays = frozenset(day for rule in row.official.rules.all() for day in rule.weekdays)
        cards.append(_Card(department=row.official.department, weekdays=weekdays, html=template.render({"row": row})))
    return selectors.departments_of(officials), cards


def schedule_index(page, request):
    """The officials' cards (rendered once per process, day and content generation), filtered without a query."""
    base_url = page.get_url(request)  # through the request's site root paths: no cache round trip
    today = timezone.localdate()
    departments, cards = fragments.kept(
        ("schedules.cards", page.pk, base_url, today), lambda: _build_cards(page, base_url, today)
    )
    form = ScheduleFilterForm(request.GET or None, departments=departments)
    department, weekday = "", None
    if form.is_bound and form.is_valid():
        department = form.cleaned_data["department"]
        weekday = form.cleaned_data["weekday"]
    shown = [
        card.html
        for card in cards
        if (not department or card.department == department) and (weekday is None or weekday in card.weekdays)
    ]
    return TemplateResponse(
        request,
        "schedules/reception_schedule_page.html",
        {"page": page, "self": page, "form": form, "cards": shown, "filtered": bool(department or weekday is not None)},
    )


def _official_row(slug: str, today) -> selectors.ScheduleRow | None:
    official = selectors.official_by_slug(slug)
    return None if official is None else selectors.schedule_row(official, today=today, count=6)


def official_detail(page, request, official_slug):
    """An official's page. The row (rules, the next six dates, notices) is kept per process, day and content
    generation, for the slugs of active officials only (an unknown slug keeps nothing)."""
    if official_slug not in fragments.kept(("schedules.official_slugs",), selectors.active_official_slugs):
        raise Http404
    today = timezone.localdate()
    row = fragments.kept(("schedules.official", official_slug, today), lambda: _official_row(official_slug, today))
    if row is None:
        raise Http404
    official = row.official
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
