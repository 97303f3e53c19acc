"""The report page as a list of items to render, and the index's time series."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from home.accessibility import VisionPrefs, prefs_from_request
from reports import charts, kinds, periods, selectors, snapshots
from reports import formatting as fmt
from reports.table_kinds.common import charts_allowed

from .figures import key_figures_view, register_view

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
    frozen = snapshots.frozen_figures(page) if has_register and not preview else {}
    statistics_url = selectors.statistics_page_url() if has_register else ""
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
            if child.id in frozen:
                figures, frozen_at = frozen[child.id]
            else:
                live = live if live is not None else selectors.live_register_figures(page)
                figures, frozen_at = live, None
            view = register_view(
                child.value,
                block_id=child.id,
                page=page,
                figures=figures,
                frozen_at=frozen_at,
                vision=vision,
                statistics_url=statistics_url,
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
class SeriesChart:
    caption: str  # the measure and the organisation, shown above the chart
    svg: SafeString


@dataclass(frozen=True)
class SeriesView:
    rows: list[SeriesRow]
    charts: list[SeriesChart]


_EDGES = " ,.;:—–-"


def measure_of(report) -> str:
    """What the headline figure counts, as written, without the report's own period.

    Captions often name the period («Обращения по каналам поступления, 1 полугодие 2018 года»):
    the same measure in another period must still be the same measure.
    """
    period = report.period
    label = periods.without_period(report.headline_label, period) if period else report.headline_label
    return label.strip(_EDGES) or report.headline_label


def _like_with_like(reports) -> list[list]:
    """The reports grouped by organisation and measure (measure_of; case, «ё», «1-е» aside).

    Only such a group is a time series: the figures of two districts, or of two
    different measures (channels and topics), side by side would mislead.
    Groups of two periods or more, the group with the latest period first.
    """
    groups: dict[tuple[str, str], list] = {}
    for report in reports:
        key = (periods.normalize_title(report.organisation), periods.normalize_title(measure_of(report)))
        groups.setdefault(key, []).append(report)
    series = [group for group in groups.values() if len(group) > 1]

    def latest(group):
        return group[-1].period_start or group[-1].first_published_at.date()

    return sorted(series, key=latest, reverse=True)


def series_view(reports, *, request) -> SeriesView:
    """The headline figure of every report, oldest period first, in a table; a bar chart per organisation and measure.

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
    result = []
    if charts_allowed(vision):
        for number, group in enumerate(_like_with_like(chronological), start=1):
            if not any(report.headline_value for report in group):
                continue
            bars = [
                charts.Bar(report.period_label, report.headline_value, fmt.number(report.headline_value))
                for report in group
            ]
            first, last = group[0], group[-1]
            title = f"{measure_of(last)}: {last.organisation}"
            desc = (
                f"{measure_of(last)} ({last.organisation}) по периодам, от {first.period_label} "
                f"до {last.period_label}: {len(bars)} отчётов. Ссылки на отчёты — в таблице рядом."
            )
            chart_id = "reports-series-chart" if number == 1 else f"reports-series-chart-{number}"
            svg = charts.bar_chart(chart_id=chart_id, title=title, desc=desc, bars=bars)
            result.append(SeriesChart(caption=title, svg=svg))
    return SeriesView(rows=rows, charts=result)
