"""Reads of the reports app: the published reports of an index, frozen and live register statistics."""

from __future__ import annotations

from datetime import datetime

from appeals_form.statistics import RegisterStatistics, register_statistics
from reports.models import RegisterSnapshot, ReportPage

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


def register_snapshots(page) -> dict[str, tuple[RegisterStatistics, datetime]]:
    """The frozen statistics of the page's register blocks, by block id (one query)."""
    return {
        snapshot.block_id: (RegisterStatistics.from_dict(snapshot.data), snapshot.computed_at)
        for snapshot in RegisterSnapshot.objects.filter(page_id=page.pk).only("block_id", "data", "computed_at")
    }


def live_register_statistics(page) -> RegisterStatistics | None:
    """The register's counts for the page's period right now (previews and not yet frozen blocks)."""
    period = page.period
    if period is None:
        return None
    return register_statistics(start=period.start, end=period.end)


def all_published_reports() -> list[ReportPage]:
    """Every live, public report of the site, oldest period first (for the open-data catalogue)."""
    return list(ReportPage.objects.live().public().order_by("period_start", "first_published_at", "pk"))
