"""Reads of the reports app: the published reports of an index, the live register figures."""

from __future__ import annotations

from reports.models import ReportPage
from reports.register_figures import RegisterFigures, register_figures

INDEX_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "live",
    "first_published_at",
    "organisation",
    "period_kind",
    "period_year",
    "period_number",
    "period_start",
    "period_end",
    "headline_value",
    "headline_label",
)


def published_reports(index) -> list[ReportPage]:
    """The live, public reports under ``index``, newest period first (one query; bodies are not loaded).

    Reports are leaves: a view restriction that hides a report but not the index
    sits on the report itself, excluded within the same query (``.public()``
    reads every restriction of the site first).
    """
    return list(
        ReportPage.objects.child_of(index)
        .live()
        .exclude(view_restrictions__isnull=False)
        .only(*INDEX_FIELDS)
        .order_by("-period_start", "-first_published_at", "-pk")
    )


def live_register_figures(page) -> RegisterFigures | None:
    """The register block's figures for the page's period right now (previews and drafts): what would be frozen."""
    period = page.period
    if period is None:
        return None
    return register_figures(start=period.start, end=period.end)


def all_published_reports() -> list[ReportPage]:
    """Every live, public report of the site, oldest period first (for the open-data catalogue)."""
    return list(ReportPage.objects.live().public().order_by("period_start", "first_published_at", "pk"))


def statistics_page_url() -> str:
    """The address of the live, public «Статистика обращений» page, or "" when there is none (one query)."""
    from reports.models import StatisticsPage

    page = StatisticsPage.objects.live().public().order_by("path").first()
    return (page.url or "") if page is not None else ""
