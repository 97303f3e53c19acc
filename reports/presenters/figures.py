"""View models of the key figures and of the register statistics."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from urllib.parse import urlencode

from django.utils import timezone

from home.accessibility import VisionPrefs
from reports import charts, disclosure, register_figures, stats
from reports import formatting as fmt
from reports.blocks.figures import BREAKDOWN_SLUGS, BREAKDOWNS
from reports.table_kinds.common import Cell, Row, TableView, charts_allowed, downloads, plural_rows

EMPTY_REGISTER = "Обращений за период не поступало."


@dataclass(frozen=True)
class FigureView:
    label: str
    value: str
    previous: str = ""
    previous_label: str = ""
    difference: str = ""
    change: str = ""
    trend: str = ""  # "up", "down", "same" or ""


def key_figures_view(value, *, page) -> list[FigureView]:
    period = getattr(page, "period", None) if page is not None else None
    default_previous = period.previous_year().label if period else "предыдущий период"
    figures = []
    for item in value.get("figures") or []:
        figure = stats.KeyFigure(
            label=str(item.get("label") or ""),
            value=int(item.get("value") or 0),
            previous=item.get("previous"),
            previous_label=item.get("previous_label") or "",
        )
        change = figure.change
        if change is None:
            figures.append(FigureView(label=figure.label, value=fmt.number(figure.value)))
            continue
        trend = "up" if change.difference > 0 else "down" if change.difference < 0 else "same"
        figures.append(
            FigureView(
                label=figure.label,
                value=fmt.number(figure.value),
                previous=fmt.number(change.previous),
                previous_label=figure.previous_label or default_previous,
                difference=fmt.signed(change.difference),
                change=fmt.signed_percent(change.percent, missing="рост с нуля" if change.from_zero else fmt.DASH),
                trend=trend,
            )
        )
    return figures


# ---- register statistics --------------------------------------------------------------------------------------


@dataclass
class RegisterView:
    heading: str
    notice: str
    live: bool
    total: str = ""
    empty_message: str = ""
    tables: list[TableView] = field(default_factory=list)
    statistics_url: str = ""  # «Статистика обращений» (for this period when published), or ""
    has_marks: bool = False  # some cell is «менее 5», «скрыто» or «не публикуется»: the page explains them


NOT_PUBLISHED = {
    register_figures.RUNNING: (
        "Числа реестра обращений публикуются только за закончившиеся календарные периоды (месяц, квартал, "
        "полугодие, год). Период «{label}» закончится {end:%d.%m.%Y}: если публиковать числа за ещё не "
        "закончившийся период и обновлять их, из разницы двух дней можно узнать об одном конкретном обращении."
    ),
    register_figures.NOT_CALENDAR: (
        "Числа реестра обращений публикуются только за целые календарные периоды (месяц, квартал, полугодие, "
        "год), когда период закончился. Период отчёта ({label}) не такой, поэтому числа не публикуются."
    ),
}
BREAKDOWN_HEADERS = {
    "channel": "Канал поступления",
    "identification": "Способ подтверждения личности",
    "section": "Раздел тематического классификатора",
    "result": "Результат рассмотрения",
}


def breakdown_caption(key: str, period_label: str) -> str:
    title = dict(BREAKDOWNS)[key]
    return f"Обращения через интернет-приёмную {title.lower()}, {period_label}"


def breakdown_shares(figures: register_figures.RegisterFigures, key: str) -> tuple[list[Decimal | None], bool]:
    """The share of each line in % of the total, and whether there are shares at all.

    Only over published cells: none when the total is not published (or 0);
    when every line is published they add up to 100 (largest remainder),
    else each published line's own share of the published total, half up, so
    that no rounding depends on a hidden number.
    """
    lines = figures.lines(key)
    total = figures.total
    if total is None or not total.value:
        return [None for _ in lines], False
    if all(line.cell.published for line in lines):
        return stats.largest_remainder_shares([line.cell.value for line in lines]), True
    return [
        stats.round_half_up(Fraction(line.cell.value * 100, total.value)) if line.cell.published else None
        for line in lines
    ], True


def breakdown_rows(figures: register_figures.RegisterFigures, key: str) -> tuple[list[dict], dict, bool]:
    """Open-data rows of a breakdown (count None where not published, the text as published), the total row."""
    shares, any_share = breakdown_shares(figures, key)
    rows = [
        {
            "label": line.label,
            "count": line.cell.value,
            "count_text": line.cell.text.replace(fmt.NBSP, " "),
            "is_part": False,
            "share_computed": share,
        }
        for line, share in zip(figures.lines(key), shares, strict=True)
    ]
    total = {
        "count": figures.total.value,
        "count_text": figures.total.text.replace(fmt.NBSP, " "),
        "share_computed": Decimal("100.0") if any_share else None,
    }
    return rows, total, any_share


def _breakdown_view(figures, key: str, *, dom_id: str, caption: str, vision: VisionPrefs | None) -> TableView:
    shares, any_share = breakdown_shares(figures, key)
    lines = figures.lines(key)
    rows = [
        Row(label=line.label, cells=[Cell(line.cell.text), *([Cell(fmt.percent(share))] if any_share else [])])
        for line, share in zip(lines, shares, strict=True)
    ]
    headers = [BREAKDOWN_HEADERS[key], "Количество", *(["Доля, %"] if any_share else [])]
    total = None
    if key != "channel":
        share_cell = [Cell(fmt.percent(Decimal("100.0")))] if any_share else []
        total = Row(label=stats.TOTAL_LABEL, cells=[Cell(figures.total.text), *share_cell])
    view = TableView(dom_id=dom_id, caption=caption, headers=headers, rows=rows, total=total)
    if key != "channel" and charts_allowed(vision) and any(line.cell.value for line in lines):
        bars = [
            charts.Bar(
                line.label,
                line.cell.value or 0,
                f"{line.cell.text}{fmt.NBSP}({fmt.percent(share)})" if share is not None else line.cell.text,
            )
            for line, share in zip(lines, shares, strict=True)
        ]
        desc = (
            f"Горизонтальная диаграмма, {plural_rows(len(bars))}; у строк «менее 5», «скрыто» и «не публикуется» "
            "полосы нет. Точные числа — в таблице рядом."
        )
        view.chart = charts.bar_chart(chart_id=f"{dom_id}-chart", title=caption, desc=desc, bars=bars)
    return view


def _notice(period, frozen_at) -> str:
    if frozen_at is not None:
        return (
            f"Данные реестра обращений за {period.label}, зафиксированы при публикации отчёта "
            f"{timezone.localtime(frozen_at):%d.%m.%Y}."
        )
    return (
        f"Предварительные данные: числа реестра обращений за {period.label} на "
        f"{timezone.localtime():%d.%m.%Y %H:%M}. При публикации отчёта они будут зафиксированы."
    )


def register_view(
    value,
    *,
    block_id: str,
    page,
    figures: register_figures.RegisterFigures | None,
    frozen_at=None,
    vision: VisionPrefs | None,
    statistics_url: str = "",
) -> RegisterView:
    """The block as published: the statistics' cells for the report's period (``reports.register_figures``)."""
    heading = str(value.get("heading") or "")
    period = getattr(page, "period", None) if page is not None else None
    if period is None or figures is None:
        return RegisterView(heading=heading, notice="Числа появятся, когда у отчёта будет указан период.", live=True)
    view = RegisterView(heading=heading, notice=_notice(period, frozen_at), live=frozen_at is None)
    if not figures.published:
        view.empty_message = NOT_PUBLISHED[figures.state].format(label=period.label, end=figures.end)
        view.statistics_url = statistics_url
        return view
    view.statistics_url = f"{statistics_url}?{period_query(period)}" if statistics_url else ""
    if figures.is_empty:
        view.empty_message = EMPTY_REGISTER
        return view
    view.total = figures.total.text
    slug = value.get("slug") or block_id
    for key in value.get("breakdowns") or []:
        if key not in BREAKDOWN_SLUGS:
            continue
        table_slug = f"{slug}-{BREAKDOWN_SLUGS[key]}"
        table = _breakdown_view(
            figures, key, dom_id=f"table-{table_slug}", caption=breakdown_caption(key, period.label), vision=vision
        )
        table.downloads = downloads(page, table_slug) if not view.live else []
        table.source = "Реестр обращений интернет-приёмной (как на странице «Статистика обращений»)"
        view.tables.append(table)
    cells = [figures.total, *(line.cell for key in figures.breakdowns for line in figures.lines(key))]
    view.has_marks = any(cell.mark != disclosure.SHOWN for cell in cells)
    return view


def period_query(period) -> str:
    """The statistics page's query for the same period."""
    params = {"kind": period.kind, "year": period.year}
    if period.number:
        params["number"] = period.number
    return urlencode(params)


def register_preview_view(value) -> RegisterView:
    """The admin's preview of the block alone: no page, so no period and no numbers."""
    return RegisterView(
        heading=str(value.get("heading") or ""),
        notice="Числа из реестра обращений за период отчёта появятся на странице отчёта.",
        live=True,
    )
