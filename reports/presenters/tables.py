"""View models of the report tables: formatted cells, the chart and the download links.

Everything here is display: the numbers come from ``reports.stats`` (through
``reports.values``), the SVG from ``reports.charts``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from home.accessibility import VisionPrefs
from reports import charts, stats, values
from reports import formatting as fmt
from reports.blocks.tables import CHART_NONE, CHART_PIE

FORMATS = ("csv", "xlsx", "json")
FORMAT_LABELS = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON"}
# Characters per chart line in the visually impaired version: its text is 1.2–1.75 times larger,
# and a chart must fit a 375 px wide screen without sideways scrolling.
WRAP_BY_SIZE = {"normal": 30, "large": 24, "xlarge": 18}


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool = True
    # A figure that differs from what the source document printed: marked, with the typed value for screen readers.
    source_note: str = ""


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]
    is_part: bool = False


@dataclass(frozen=True)
class Download:
    fmt: str
    label: str
    url: str


@dataclass
class TableView:
    dom_id: str
    caption: str
    headers: list[str]
    rows: list[Row]
    total: Row | None = None
    chart: SafeString | None = None
    downloads: list[Download] = field(default_factory=list)
    source: str = ""
    notes: list[str] = field(default_factory=list)
    empty_message: str = ""
    has_parts: bool = False
    # "side": the chart beside the table on wide screens; "stacked": below it (wide comparison tables).
    layout: str = "side"


def wrap_width(vision: VisionPrefs | None) -> int:
    if vision is not None and vision.enabled:
        return WRAP_BY_SIZE.get(vision.size, 30)
    return charts.DEFAULT_WRAP


def charts_allowed(vision: VisionPrefs | None) -> bool:
    """No charts when the visitor switched images off: the table says it all."""
    return not (vision is not None and vision.images_off)


def downloads(page, slug: str) -> list[Download]:
    if page is None or not slug or not getattr(page, "pk", None):
        return []
    return [Download(fmt=name, label=FORMAT_LABELS[name], url=page.table_url(slug, name)) for name in FORMATS]


def public_notes(discrepancies) -> list[str]:
    """Typed figures that differ, for the page: the editor's parts warnings stay in the admin."""
    return [item.message[:1].upper() + item.message[1:] for item in discrepancies if item.kind == "typed"]


def _count_text(count: int, share, places: int = 1) -> str:
    if share is None:
        return fmt.number(count)
    return f"{fmt.number(count)}{fmt.NBSP}({fmt.percent(share, places=places)})"


def _plural_rows(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} строка"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} строки"
    return f"{n} строк"


# ---- category tables ------------------------------------------------------------------------------------------


def category_rows_view(
    result: stats.CategoryTable,
    *,
    dom_id: str,
    caption: str,
    headers: list[str],
    chart: str,
    show_total: bool,
    vision: VisionPrefs | None,
) -> TableView:
    rows = []
    for row in result.rows:
        note = f"в исходном документе: {fmt.typed_percent(row.typed_share)}" if row.typed_share_differs else ""
        rows.append(
            Row(
                label=row.label,
                cells=[
                    Cell(fmt.number(row.count)),
                    Cell(fmt.percent(row.share, places=result.places), source_note=note),
                ],
                is_part=row.is_part,
            )
        )
    total = None
    if show_total:
        note = f"в исходном документе: {fmt.number(result.typed_total)}" if result.typed_total_differs else ""
        total = Row(
            label=stats.TOTAL_LABEL,
            cells=[
                Cell(fmt.number(result.total), source_note=note),
                Cell(fmt.percent(result.shares_sum, places=result.places)),
            ],
        )
    view = TableView(
        dom_id=dom_id,
        caption=caption,
        headers=headers,
        rows=rows,
        total=total,
        notes=public_notes(result.discrepancies),
        has_parts=result.has_parts,
    )
    if chart != CHART_NONE and result.total > 0 and charts_allowed(vision):
        view.chart = _category_chart(result, dom_id=dom_id, caption=caption, chart=chart, vision=vision)
    return view


def _category_chart(result, *, dom_id, caption, chart, vision) -> SafeString:
    wrap_at = wrap_width(vision)
    vision_on = vision is not None and vision.enabled
    if chart == CHART_PIE and not result.has_parts and not vision_on:
        top = [row for row in result.rows if not row.is_part]
        bars, grouped = charts.limit_bars(
            [charts.Bar(row.label, row.count, "") for row in top], limit=charts.MAX_SLICES
        )
        shares = stats.largest_remainder_shares([bar.value for bar in bars])
        slices = [charts.Slice(bar.label, bar.value, share) for bar, share in zip(bars, shares, strict=True)]
        largest = max(slices, key=lambda item: item.value)
        desc = (
            f"Круговая диаграмма долей, {_plural_rows(len(slices))}; доли в сумме 100 %. "
            f"Наибольшая доля — «{largest.label}»: {fmt.percent(largest.share)}. "
            + (f"Малые категории ({grouped}) объединены. " if grouped else "")
            + "Точные числа — в таблице рядом."
        )
        return charts.pie_chart(chart_id=f"{dom_id}-chart", title=caption, desc=desc, slices=slices, wrap_at=wrap_at)
    rows = list(result.rows)
    if len(rows) > charts.MAX_BARS:
        rows = [row for row in rows if not row.is_part]
    bars = [
        charts.Bar(
            f"в том числе: {row.label}" if row.is_part else row.label,
            row.count,
            _count_text(row.count, row.share, result.places),
        )
        for row in rows
    ]
    bars, grouped = charts.limit_bars(bars, other="Остальные категории")
    largest = max(bars, key=lambda bar: bar.value)
    desc = (
        f"Горизонтальная диаграмма, {_plural_rows(len(bars))}. Наибольшее значение — «{largest.label}»: "
        f"{largest.text}. "
        + (f"Показаны крупнейшие категории, остальные {grouped} объединены в одну полосу. " if grouped else "")
        + "Точные числа — в таблице рядом."
    )
    return charts.bar_chart(chart_id=f"{dom_id}-chart", title=caption, desc=desc, bars=bars, wrap_at=wrap_at)


def category_view(value, *, block_id: str, page, vision: VisionPrefs | None) -> TableView:
    result = values.category_result(value)
    caption = values.label(value.get("caption"))
    view = category_rows_view(
        result,
        dom_id=f"table-{value.get('slug') or block_id}",
        caption=caption,
        headers=[value.get("label_title") or "Категория", value.get("count_title") or "Количество", "Доля, %"],
        chart=value.get("chart") or CHART_NONE,
        show_total=bool(value.get("show_total")),
        vision=vision,
    )
    view.downloads = downloads(page, value.get("slug") or "")
    view.source = value.get("source") or ""
    if not result.rows:
        view.empty_message = "Строк в таблице пока нет."
    return view


# ---- comparison tables ----------------------------------------------------------------------------------------


def period_titles(value, page) -> tuple[str, str]:
    """The two period headers: as typed, else the report's period and the same period a year earlier."""
    period = getattr(page, "period", None) if page is not None else None
    current = value.get("current_title") or (period.label if period else "Отчётный период")
    previous = value.get("previous_title") or (period.previous_year().label if period else "Предыдущий период")
    return current, previous


def _change_cells(change: stats.Change, *, typed_difference: int | None = None, differs: bool = False) -> list[Cell]:
    note = f"в исходном документе: {fmt.signed(typed_difference)}" if differs else ""
    return [
        Cell(fmt.number(change.current)),
        Cell(fmt.number(change.previous)),
        Cell(fmt.signed(change.difference), source_note=note),
        Cell(fmt.signed_percent(change.percent, missing=change.missing_mark)),
    ]


def comparison_view(value, *, block_id: str, page, vision: VisionPrefs | None) -> TableView:
    result = values.comparison_result(value)
    caption = values.label(value.get("caption"))
    current_title, previous_title = period_titles(value, page)
    dom_id = f"table-{value.get('slug') or block_id}"
    rows = [
        Row(
            label=row.label,
            cells=_change_cells(
                row.change, typed_difference=row.typed_difference, differs=row.typed_difference_differs
            ),
            is_part=row.is_part,
        )
        for row in result.rows
    ]
    total = None
    if value.get("show_total"):
        typed = result.typed_total
        cells = _change_cells(result.total)
        if typed.current is not None and typed.current != result.total.current:
            cells[0] = Cell(cells[0].text, source_note=f"в исходном документе: {fmt.number(typed.current)}")
        if typed.previous is not None and typed.previous != result.total.previous:
            cells[1] = Cell(cells[1].text, source_note=f"в исходном документе: {fmt.number(typed.previous)}")
        if typed.difference is not None and typed.difference != result.total.difference:
            cells[2] = Cell(cells[2].text, source_note=f"в исходном документе: {fmt.signed(typed.difference)}")
        if typed.change_percent is not None and not stats.percent_matches(
            typed.change_percent, result.total.exact_percent
        ):
            cells[3] = Cell(
                cells[3].text, source_note=f"в исходном документе: {fmt.typed_percent(typed.change_percent)}"
            )
        total = Row(label=stats.TOTAL_LABEL, cells=cells)
    view = TableView(
        dom_id=dom_id,
        caption=caption,
        headers=[value.get("label_title") or "Показатель", current_title, previous_title, "Разница", "Изменение, %"],
        rows=rows,
        total=total,
        downloads=downloads(page, value.get("slug") or ""),
        source=value.get("source") or "",
        notes=public_notes(result.discrepancies),
        has_parts=result.has_parts,
        empty_message="" if result.rows else "Строк в таблице пока нет.",
        layout="stacked",
    )
    largest = max((max(row.change.current, row.change.previous) for row in result.rows), default=0)
    if value.get("chart") != CHART_NONE and largest > 0 and charts_allowed(vision):
        view.chart = _comparison_chart(
            result, dom_id=dom_id, caption=caption, series=(current_title, previous_title), vision=vision
        )
    return view


def _comparison_chart(result, *, dom_id, caption, series, vision) -> SafeString:
    rows = list(result.rows)
    if len(rows) > charts.MAX_BARS:
        rows = [row for row in rows if not row.is_part][: charts.MAX_BARS]
    pairs = [
        charts.PairBar(
            f"в том числе: {row.label}" if row.is_part else row.label, row.change.current, row.change.previous
        )
        for row in rows
    ]
    grew = sum(1 for row in rows if row.change.difference > 0)
    fell = sum(1 for row in rows if row.change.difference < 0)
    desc = (
        f"Горизонтальная диаграмма: по две полосы на строку — {series[0]} и {series[1]}; "
        f"{_plural_rows(len(pairs))}. Выросло: {grew}, снизилось: {fell}. Точные числа, разница и изменение "
        "в процентах — в таблице рядом."
    )
    return charts.comparison_chart(
        chart_id=f"{dom_id}-chart", title=caption, desc=desc, rows=pairs, series=series, wrap_at=wrap_width(vision)
    )
