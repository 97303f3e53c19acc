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
    """The reports under ``index`` on the site (``home.onsite``), newest period first (one query; bodies are not
    loaded)."""
    return list(
        ReportPage.objects.on_site(below=index)
        .child_of(index)
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
    """Every report on the site, oldest period first (for the open-data catalogue and the API)."""
    return list(ReportPage.objects.on_site().order_by("period_start", "first_published_at", "pk"))


def statistics_page_url() -> str:
    """The address of the «Статистика обращений» page on the site, or "" when there is none (one query)."""
    from reports.models import StatisticsPage

    page = StatisticsPage.objects.on_site().order_by("path").first()
    return (page.url or "") if page is not None else ""
