"""The API's views: parse the parameters, read through the owning app's selectors, serialize (api.http wraps them)."""

from __future__ import annotations

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from api import params, serializers
from api.http import ApiError, NotFound, endpoint
from appeals_form import selectors as appeal_selectors
from home.searchtext import clean_search_text
from regulations import selectors as act_selectors
from regulations.models import Kind as ActKind
from regulations.models import Status as ActStatus
from reports import exports, periods, public_statistics
from reports import selectors as report_selectors
from schedules import event_selectors
from schedules import selectors as schedule_selectors
from schedules.models import EventPage

EVENT_KINDS = dict(EventPage.Kind.choices)
ACT_KINDS = dict(ActKind.choices)
ACT_STATUSES = {
    act_selectors.STATUS_CURRENT: "действующие",
    **dict(ActStatus.choices),
}
ACT_ORDERS = {act_selectors.ORDER_NEWEST: "сначала новые", act_selectors.ORDER_OLDEST: "сначала старые"}
PERIOD_KINDS = (periods.MONTH, periods.QUARTER, periods.HALF, periods.YEAR)


@endpoint
def events(request):
    params.check_known(request, ("date_from", "date_to", "topic", "kind", *params.PAGINATION))
    date_from, date_to = params.date_range(request)
    topic = params.int_param(request, "topic", minimum=1)
    kind = params.choice_param(request, "kind", EVENT_KINDS)
    window = params.window(request)
    items = event_selectors.public_events(date_from=date_from, date_to=date_to, topic=topic, kind=kind)
    return window.page(items, request=request, serialize=lambda item: serializers.event(item, request=request))


@endpoint
def officials(request):
    params.check_known(request, ("department", *params.PAGINATION))
    department = params.text_param(request, "department")
    window = params.window(request)
    today = timezone.localdate()
    people = schedule_selectors.published_officials(department=department)
    return window.page(
        people,
        request=request,
        serialize=lambda person: serializers.official(schedule_selectors.schedule_row(person, today=today)),
    )


@endpoint
def regulations(request):
    params.check_known(request, ("q", "kind", "status", "year", "sort", *params.PAGINATION))
    filters = act_selectors.ActFilters(
        kind=params.choice_param(request, "kind", ACT_KINDS),
        status=params.choice_param(request, "status", ACT_STATUSES),
        year=params.int_param(request, "year", minimum=1900, maximum=2100),
        order=params.choice_param(request, "sort", ACT_ORDERS) or act_selectors.ORDER_NEWEST,
        q=clean_search_text(params.text_param(request, "q"), max_length=params.MAX_TEXT_LENGTH),
    )
    window = params.window(request)
    acts = act_selectors.public_acts(filters)
    return window.page(acts, request=request, serialize=lambda act: serializers.regulation(act, request=request))


def _report_api_url(request, page) -> str:
    return request.build_absolute_uri(reverse("api:report", kwargs={"report_id": page.pk}))


def _reports() -> list:
    return [page for page in report_selectors.all_published_reports() if page.period is not None]


@endpoint
def reports(request):
    params.check_known(request, params.PAGINATION)
    window = params.window(request)
    # Newest period first, as on the reports' index.
    items = sorted(_reports(), key=lambda page: (page.period.start, page.pk), reverse=True)
    return window.page(
        items,
        request=request,
        serialize=lambda page: serializers.report_summary(
            page, request=request, api_url=_report_api_url(request, page)
        ),
    )


@endpoint
def report(request, report_id: int):
    params.check_known(request, ())
    page = next((page for page in _reports() if page.pk == report_id), None)
    if page is None:
        raise NotFound("Такого опубликованного отчёта нет.")
    data = serializers.report_summary(page, request=request, api_url=_report_api_url(request, page))
    data["tables"] = [serializers.report_table(kind, slug, export) for kind, slug, export in exports.page_exports(page)]
    return data


def _whole_period(start, end) -> periods.Period:
    for kind in PERIOD_KINDS:
        period = public_statistics.period_containing(start, kind=kind)
        if period.start == start and period.end == end:
            return period
    raise ApiError(
        "Статистика публикуется за целый месяц, квартал, полугодие или год: "
        "«start» — первый день периода, «end» — последний (например start=2025-01-01&end=2025-03-31).",
        code="period",
        field="end",
    )


@endpoint
def statistics(request):
    params.check_known(request, ("start", "end"))
    start, end = params.date_range(request, start="start", end="end")
    if start is None or end is None:
        missing = "start" if start is None else "end"
        raise ApiError(f"Укажите «{missing}» — дату в виде ГГГГ-ММ-ДД.", code="required", field=missing)
    if start.year < periods.MIN_YEAR:
        raise ApiError(f"Статистика публикуется с {periods.MIN_YEAR} года.", code="out_of_range", field="start")
    try:
        period = _whole_period(start, end)
    except periods.PeriodError as error:  # a year the register's periods do not cover (after MAX_YEAR)
        raise ApiError(str(error), code="out_of_range", field="start") from None
    if period.start > timezone.localdate():
        raise ApiError(f"Период «{period.label}» ещё не начался.", code="future", field="start")
    if public_statistics.published_bounds(period) is None:
        raise ApiError(
            f"Данные за текущий период публикуются после его окончания: период «{period.label}» "
            f"закончится {period.end:%d.%m.%Y}.",
            code="running",
            field="end",
        )
    published = public_statistics.published_statistics(start=period.start, end=period.end)
    return serializers.statistics(published, period=period)


def _topics() -> list:
    return appeal_selectors.topics().rows()


@endpoint
def services(request):
    params.check_known(request, ("jurisdiction_id",))
    return [serializers.service(topic) for topic in _topics()]


@endpoint
def service(request, service_code: str):
    params.check_known(request, ("jurisdiction_id",))
    topic = next((topic for topic in _topics() if str(topic.pk) == service_code), None)
    if topic is None:
        raise NotFound("Такой темы обращений нет.", field="service_code")
    return serializers.service_definition(topic)


@endpoint
def openapi(request):
    from api.schema import openapi_document

    params.check_known(request, ())
    return openapi_document(request)


def documentation(request) -> TemplateResponse:
    from api.schema import endpoints

    context = {
        "endpoints": endpoints(),
        "rate_limit": settings.API_RATE_LIMIT,
        "rate_window": settings.API_RATE_WINDOW_SECONDS,
        "cache_seconds": settings.API_CACHE_SECONDS,
        "page_size": settings.API_PAGE_SIZE,
        "page_size_max": settings.API_PAGE_SIZE_MAX,
    }
    response = TemplateResponse(request, "api/index.html", context)
    response["Cache-Control"] = f"public, max-age={settings.API_CACHE_SECONDS}"
    # The page differs by the display-mode cookie (the version for the visually impaired).
    patch_vary_headers(response, ("Cookie",))
    return response
