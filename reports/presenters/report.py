"""The report page as a list of items to render, and the index's time series."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from home.accessibility import VisionPrefs, prefs_from_request
from reports import charts, kinds, selectors
from reports import formatting as fmt

from .figures import key_figures_view, register_view
from .tables import charts_allowed, wrap_width

# The templates of the blocks that are not table kinds (those are in reports.kinds).
TEMPLATES = {
    "key_figures": "reports/blocks/key_figures.html",
    "register_statistics": "reports/blocks/register_statistics.html",
}


@dataclass(frozen=True)
class Item:
    """One piece of the body: a plain block rendered by its own template, or a computed view."""

    kind: str  # "block", "table", "figures" or "register"
    block: Any = None
    view: Any = None
    template: str = ""
    heading: str = ""


def report_items(page, *, request, preview: bool = False) -> list[Item]:
    vision = prefs_from_request(request) if request is not None else VisionPrefs()
    body = list(page.body or [])
    has_register = any(child.block_type == "register_statistics" for child in body)
    snapshots = selectors.register_snapshots(page) if has_register and not preview else {}
    live = None
    items = []
    for child in body:
        kind = child.block_type
        if kinds.is_table(kind):
            table_kind = kinds.get(kind)
            view = table_kind.present(child.value, block_id=child.id, page=page, vision=vision)
            items.append(Item("table", view=view, template=table_kind.template))
        elif kind == "key_figures":
            view = key_figures_view(child.value, page=page)
            items.append(Item("figures", view=view, template=TEMPLATES[kind], heading=child.value.get("heading") or ""))
        elif kind == "register_statistics":
            snapshot = snapshots.get(child.id)
            if snapshot is not None:
                statistics, frozen_at = snapshot
            else:
                live = live if live is not None else selectors.live_register_statistics(page)
                statistics, frozen_at = live, None
            view = register_view(
                child.value, block_id=child.id, page=page, statistics=statistics, frozen_at=frozen_at, vision=vision
            )
            items.append(Item("register", view=view, template=TEMPLATES[kind]))
        else:
            items.append(Item("block", block=child))
    return items


# ---- the index ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesRow:
    period: str
    organisation: str
    title: str
    url: str
    label: str
    value: str


@dataclass(frozen=True)
class SeriesView:
    rows: list[SeriesRow]
    chart: SafeString | None


def series_view(reports, *, request) -> SeriesView:
    """The headline figure of every report, oldest period first, as bars with their table.

    Each report gets its URL as ``href`` (computed once: the list links to every report too).
    """
    vision = prefs_from_request(request) if request is not None else VisionPrefs()
    for report in reports:
        report.href = report.get_url(request=request)
    chronological = sorted(
        (report for report in reports if report.headline_value is not None),
        key=lambda report: (report.period_start or report.first_published_at.date(), report.pk),
    )
    rows = [
        SeriesRow(
            period=report.period_label,
            organisation=report.organisation,
            title=report.title,
            url=report.href,
            label=report.headline_label,
            value=fmt.number(report.headline_value),
        )
        for report in chronological
    ]
    chart = None
    if chronological and charts_allowed(vision) and any(report.headline_value for report in chronological):
        bars = [
            charts.Bar(
                f"{report.period_label}, {report.organisation}",
                report.headline_value,
                fmt.number(report.headline_value),
            )
            for report in chronological
        ]
        first, last = chronological[0], chronological[-1]
        desc = (
            f"Главный показатель каждого отчёта по периодам, от {first.period_label} до {last.period_label}: "
            f"{len(bars)} отчётов. Что показывает каждое число и ссылки на отчёты — в таблице рядом."
        )
        chart = charts.bar_chart(
            chart_id="reports-series-chart",
            title="Главные показатели отчётов по периодам",
            desc=desc,
            bars=bars,
            wrap_at=wrap_width(vision),
        )
    return SeriesView(rows=rows, chart=chart)
