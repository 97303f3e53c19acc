"""What the «Статистика обращений» page shows: the period form, tables with charts, indicators."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.safestring import SafeString

from . import charts
from .public_statistics import last_complete, published_bounds, published_statistics
from .statistics_form import StatisticsPeriodForm, default_period, initial_for
from .statistics_types import PublishedStatistics, PublishedTable

PARAMS = ("kind", "year", "number")


@dataclass(frozen=True)
class TableView:
    table: PublishedTable
    chart: SafeString
    chart_id: str


def _chart(table: PublishedTable, *, label: str) -> TableView:
    chart_id = f"stat-chart-{table.key}"
    bars = [charts.Bar(label=row.label, value=row.current.value or 0, text=row.current.text) for row in table.rows]
    shown = [bar for bar in bars if bar.value]
    largest = max(shown, key=lambda bar: bar.value) if shown else None
    desc = (
        f"{table.title}, {label}. "
        + (f"Больше всего: {largest.label} — {largest.text}. " if largest else "")
        + "Числа — в таблице рядом с диаграммой."
    )
    svg = charts.bar_chart(chart_id=chart_id, title=f"{table.title}, {label}", desc=desc, bars=bars)
    return TableView(table=table, chart=svg, chart_id=chart_id)


def statistics_context(request) -> dict:
    today = timezone.localdate()
    submitted = any(name in request.GET for name in PARAMS)
    period = default_period(today)
    if submitted:
        form = StatisticsPeriodForm(request.GET, today=today)
        if form.is_valid():
            period = form.cleaned_data["period"]
    else:
        form = StatisticsPeriodForm(initial=initial_for(period), today=today)
    stats: PublishedStatistics | None = None
    bounds = None if form.errors else published_bounds(period, today=today)
    if bounds is not None:
        stats = published_statistics(start=bounds[0], end=bounds[1])
    label = period.label
    previous = period.previous_year()
    running = not form.errors and bounds is None
    latest = last_complete(kind=period.kind, today=today) if running else None
    return {
        "form": form,
        "period": period,
        "period_label": label,
        "previous_label": previous.label,
        "stats": stats,
        "running": running,
        "latest": latest,
        "latest_query": urlencode(initial_for(latest), doseq=False) if latest else "",
        "table_views": [_chart(table, label=label) for table in stats.tables] if stats else [],
    }
