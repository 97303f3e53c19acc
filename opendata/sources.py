"""Rows and version dates of the open data sets, read through the owning apps' selectors and models.

Only what the public pages already show: no sign-ups, no appeals, no applicants. Register statistics come
from ``reports.public_statistics`` after its disclosure control (a suppressed cell has no number here either).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from django.db.models import Max
from django.utils import timezone

STRUCTURE_FALLBACK = date(2026, 12, 4)


def today() -> date:
    return timezone.localdate()


def _day(moment: datetime | None) -> date:
    if moment is None:
        return STRUCTURE_FALLBACK
    return timezone.localtime(moment).date()


#: What takes a page out of a publication set: its file changes, so its version moves (Wagtail's page log).
LEFT_PUBLIC_ACTIONS = (
    "wagtail.unpublish",
    "wagtail.delete",
    "wagtail.move",
    "wagtail.view_restriction.create",
    "wagtail.view_restriction.edit",
    "wagtail.view_restriction.delete",
)


def _publication_day(model) -> date:
    """The day a set of ``model`` pages last changed: one went live, or one left it (unpublished, deleted,
    moved, restricted; read from Wagtail's page log, since a page gone has no date of its own), or a section
    above them took them off the site or put them back (``_sections_moment``)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import PageLogEntry

    published = model.objects.on_site().aggregate(last=Max("last_published_at"))["last"]
    left = PageLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), action__in=LEFT_PUBLIC_ACTIONS
    ).aggregate(last=Max("timestamp"))["last"]
    moments = (published, left, _sections_moment(model))
    return _day(max((moment for moment in moments if moment is not None), default=None))


def _sections_moment(model) -> datetime | None:
    """The last moment a page above ``model`` pages changed whether they are on the site (``home.onsite``):
    it was unpublished, moved, deleted or restricted, or published when it was not live (its pages come
    back); a section published again only for its own text changes nothing here. Found from outside: the
    acts under a section unpublished left the data file, and its version date stayed."""
    from wagtail.models import Page, PageLogEntry

    steplen = Page.steplen
    paths = model.objects.values_list("path", flat=True)
    above = {path[:end] for path in paths for end in range(2 * steplen, len(path), steplen)}  # the root left out
    entries = (
        PageLogEntry.objects.filter(page__path__in=above, action__in=(*LEFT_PUBLIC_ACTIONS, "wagtail.publish"))
        .order_by("timestamp", "pk")
        .values_list("page_id", "action", "timestamp")
    )
    last, live = None, {}
    for page_id, action, moment in entries:
        if action != "wagtail.publish" or not live.get(page_id):
            last = moment
        live[page_id] = action == "wagtail.publish" or (live.get(page_id, False) and action != "wagtail.unpublish")
    return last


def _url(page) -> str:
    return page.full_url or page.url or ""


# Reports -----------------------------------------------------------------------------------------------------


def _report_tables(kind: str) -> Iterator[tuple[object, str, object]]:
    from reports import exports, selectors

    for page in selectors.all_published_reports():
        for table_kind, slug, export in exports.page_exports(page):
            if table_kind == kind:
                yield page, slug, export


def _report_base(export, slug: str, number: int, row) -> dict:
    return {
        "report": export.report_title,
        "report_url": export.url,
        "period_start": export.period_start,
        "period_end": export.period_end,
        "table": export.title,
        "table_code": slug,
        "source": export.source,
        "row_number": number,
        "label": row.get("label"),
        "is_part": bool(row.get("is_part")),
    }


def report_category_rows() -> Iterator[dict]:
    for _page, slug, export in _report_tables("category_table"):
        for number, row in enumerate(export.rows, start=1):
            yield {
                **_report_base(export, slug, number, row),
                "count": row.get("count"),
                "share": row.get("share_computed"),
                "share_typed": row.get("share"),
            }


def report_comparison_rows() -> Iterator[dict]:
    for _page, slug, export in _report_tables("comparison_table"):
        for number, row in enumerate(export.rows, start=1):
            yield {
                **_report_base(export, slug, number, row),
                "current": row.get("current"),
                "previous": row.get("previous"),
                "difference": row.get("difference_computed"),
                "change_percent": row.get("change_percent_computed"),
                "difference_typed": row.get("difference"),
            }


def reports_version() -> date:
    from reports.models import ReportPage

    return _publication_day(ReportPage)


# Register statistics -----------------------------------------------------------------------------------------


def statistics_months(*, on: date | None = None) -> list:
    """The complete months published: from January of last year to the month before ``on``."""
    from reports.public_statistics import month_periods

    on = on or today()
    first_of_month = on.replace(day=1)
    if first_of_month <= date(on.year - 1, 1, 1):
        return []
    last = date.fromordinal(first_of_month.toordinal() - 1)
    return month_periods(start=date(on.year - 1, 1, 1), end=last)


def register_statistics_rows() -> Iterator[dict]:
    from reports.public_statistics import published_statistics

    for period in statistics_months():
        stats = published_statistics(start=period.start, end=period.end)
        base = {
            "month": f"{period.start:%Y-%m}",
            "period_start": period.start,
            "period_end": period.end,
        }
        groups = [(table.key, table.title, [*table.rows, table.total]) for table in stats.tables]
        groups.append(("indicators", "Показатели сроков и результатов", list(stats.indicators)))
        for key, title, rows in groups:
            for row in rows:
                yield {
                    **base,
                    "table": key,
                    "table_title": title,
                    "row_key": row.key,
                    "row_label": row.label,
                    "value": row.current.value,  # None when suppressed: never the number
                    "value_text": row.current.text.replace("\u00a0", " "),
                }


def register_statistics_version() -> date:
    return today()


# Schedules ---------------------------------------------------------------------------------------------------


def reception_rows() -> Iterator[dict]:
    from schedules import selectors

    for row in selectors.schedule_rows(selectors.published_officials(), today=today()):
        official = row.official
        for occurrence in row.next_dates:
            place = occurrence.place
            yield {
                "official": official.full_name,
                "position": official.position,
                "department": official.department,
                "date": occurrence.date,
                "time_from": occurrence.time_from,
                "time_to": occurrence.time_to,
                "place": getattr(place, "title", "") if place else "",
                "address": getattr(place, "full_address", "") if place else "",
                "online_signup": occurrence.online_signup,
                "moved_from": occurrence.moved_from,
                "deputy": occurrence.deputy.full_name if occurrence.deputy is not None else "",
            }


def _event_status(event, *, on: date) -> str:
    """«отменено», «состоялось» (its day is over), «перенесено» (to a day ahead) or «состоится»."""
    if event.cancelled:
        return "отменено"
    if event.date < on:
        return "состоялось"
    return "перенесено" if event.moved else "состоится"


def event_rows() -> Iterator[dict]:
    from schedules.models import EventPage

    on = today()
    events = (
        EventPage.objects.on_site()
        .select_related("topic")
        .prefetch_related("places")
        .order_by("date", "time_from", "pk")
    )
    for event in events:
        yield {
            "title": event.title,
            "kind": event.get_kind_display(),
            "topic": event.topic.title if event.topic_id else "",
            "date": event.date,
            "time_from": event.time_from,
            "time_to": event.time_to,
            "places": "; ".join(place.full_address for place in event.places.all()),
            "hosts": " ".join(event.hosts.split()),
            "status": _event_status(event, on=on),
            "previous_date": event.previous_date if event.moved else None,
            "url": _url(event),
        }


def events_version() -> date:
    """The day the set last changed: an event published, or the day after an event was held (its status)."""
    from schedules.models import EventPage

    on = today()
    published = _publication_day(EventPage)
    held = EventPage.objects.on_site().filter(date__lt=on).aggregate(held=Max("date"))["held"]
    return published if held is None else max(published, held + timedelta(days=1))


# Regulations -------------------------------------------------------------------------------------------------


def regulation_rows() -> Iterator[dict]:
    from regulations.models import RegulationPage

    for act in RegulationPage.objects.on_site().order_by("-date", "title", "pk"):
        yield {
            "title": act.title,
            "kind": act.get_kind_display(),
            "number": act.number,
            "date": act.date,
            "issuing_body": act.issuing_body,
            "status": act.get_status_display(),
            "in_force_from": act.in_force_from,
            "url": _url(act),
        }


def regulations_version() -> date:
    from regulations.models import RegulationPage

    return _publication_day(RegulationPage)
