"""The category table: rows «name — count», the total and each share in % computed; bars or a pie chart.

Everything this kind decides is here: the block editors fill, how its value is computed (``reports.stats``),
the page's view model, the open-data columns and its registry entry ``KIND``. The register block's breakdowns
(``reports.presenters.figures``, ``reports.exports``) are shown and exported as category tables too.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import BlockGroup, StructBlockValidationError

from home.accessibility import VisionPrefs
from reports import charts, stats, tabular, values
from reports import formatting as fmt
from reports.blocks.importing import ImportableTableBlock, compound_block, paste_block, slug_block, upload_block
from reports.blocks.tables import (
    CHART_BARS,
    CHART_NONE,
    CHART_PIE,
    HEADLINE_HELP,
    PART_HELP,
    TABLE_TEMPLATE,
    PercentBlock,
    import_group,
)
from reports.kinds import TableKind

from .common import (
    EMPTY_MESSAGE,
    IS_PART,
    Cell,
    Export,
    Row,
    TableView,
    charts_allowed,
    column_title,
    dom_id,
    downloads,
    plural_rows,
    public_notes,
)

# ---- the block ------------------------------------------------------------------------------------------------


def _imported_share_places(rows, total) -> str:
    """«2» when the source printed a share with two decimals or more («5,77»), else «1»."""
    typed = [row.get("share") for row in rows] + [(total or {}).get("share")]
    places = [max(0, -value.as_tuple().exponent) for value in typed if isinstance(value, Decimal)]
    return "2" if places and max(places) >= 2 else "1"


class CategoryRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Категория", max_length=tabular.columns.MAX_TEXT_LENGTH)
    count = blocks.IntegerBlock(label="Количество", min_value=0)
    is_part = blocks.BooleanBlock(label="В том числе", required=False, help_text=PART_HELP)
    share = PercentBlock(
        label="Доля в исходном документе, %",
        required=False,
        min_value=0,
        help_text="Только если доля напечатана в исходном документе: её сверят с вычисленной.",
    )

    class Meta:
        icon = "list-ul"
        label = "Строка"
        form_layout = BlockGroup(["label", "count", "is_part"], settings=["share"])


class CategoryTableBlock(ImportableTableBlock):
    """Rows (label, count): the total and each share in % are computed; a bar or pie chart."""

    caption = blocks.CharBlock(label="Заголовок таблицы", max_length=255)
    rows = blocks.ListBlock(CategoryRowBlock(), label="Строки", min_num=0, default=[])
    slug = slug_block()
    label_title = blocks.CharBlock(label="Заголовок столбца категорий", required=False, max_length=100)
    count_title = blocks.CharBlock(label="Заголовок столбца количества", required=False, max_length=100)
    show_total = blocks.BooleanBlock(label="Показывать строку «Итого»", required=False, default=True)
    typed_total = blocks.IntegerBlock(
        label="Итого в исходном документе",
        required=False,
        help_text="Только если итог напечатан в исходном документе: его сверят с суммой строк.",
    )
    share_places = blocks.ChoiceBlock(
        label="Точность долей",
        choices=[("1", "0,1 %"), ("2", "0,01 %")],
        default="1",
        help_text="Как в исходном документе: при импорте ставится 0,01 %, если доли напечатаны с двумя знаками.",
    )
    chart = blocks.ChoiceBlock(
        label="Диаграмма",
        choices=[(CHART_BARS, "Горизонтальные полосы"), (CHART_PIE, "Круговая (доли)"), (CHART_NONE, "Без диаграммы")],
        default=CHART_BARS,
        help_text="Круговая диаграмма — только для таблиц без строк «в том числе».",
    )
    headline = blocks.BooleanBlock(label="Главный показатель отчёта", required=False, help_text=HEADLINE_HELP)
    source = blocks.CharBlock(label="Источник данных", required=False, max_length=255)
    paste = paste_block(tabular.CATEGORY_COLUMNS)
    upload = upload_block()
    compound = compound_block()

    import_columns = tabular.CATEGORY_COLUMNS

    class Meta:
        icon = "table"
        label = "Таблица по категориям"
        template = TABLE_TEMPLATE
        form_layout = BlockGroup(
            children=[
                "caption",
                "rows",
                import_group("Вставьте таблицу или выберите файл: строки заменятся при сохранении."),
            ],
            settings=[
                "slug",
                "label_title",
                "count_title",
                "show_total",
                "typed_total",
                "share_places",
                "chart",
                "headline",
                "source",
            ],
        )
        preview_value = {
            "caption": "Каналы поступления обращений",
            "slug": "kanaly",
            "rows": [
                {"label": "Письменные обращения", "count": 1528, "is_part": False},
                {"label": "Официальный сайт", "count": 1021, "is_part": False},
                {"label": "Личный приём", "count": 208, "is_part": False},
                {"label": "Главой городского округа", "count": 84, "is_part": True},
            ],
            "chart": CHART_BARS,
            "show_total": True,
        }
        description = "Строки «название — количество»: итог и доли в процентах вычисляются, рядом — диаграмма."

    def imported_values(self, value, parsed):
        typed = parsed.typed_total or {}
        result = {"typed_total": typed.get("count"), "share_places": _imported_share_places(parsed.rows, typed)}
        titles = parsed.source_titles or {}
        for key, name in (("label", "label_title"), ("count", "count_title")):
            title = titles.get(key, "")
            if not value.get(name) and title and not tabular.columns.is_standard_title(title):
                result[name] = title[:100]
        return result

    def row_value(self, row):
        return {
            "label": row.get("label") or "",
            "count": row.get("count") or 0,
            "is_part": bool(row.get("is_part")),
            "share": row.get("share"),
        }

    def clean(self, value):
        value = super().clean(value)
        rows = list(value.get("rows") or [])
        errors = {}
        structural = stats.structure_errors([row["label"] for row in rows], [bool(row["is_part"]) for row in rows])
        if structural:
            errors["rows"] = ListBlockValidationError(non_block_errors=[ValidationError(m) for m in structural])
        if value.get("chart") == CHART_PIE and any(row["is_part"] for row in rows):
            errors["chart"] = ValidationError(
                "Круговая диаграмма показывает доли, которые в сумме дают 100 %: в таблице со строками "
                "«в том числе» она невозможна. Выберите горизонтальные полосы."
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["table"] = category_view(value, block_id="preview", page=None, vision=context.get("vision"))
        return context


# ---- the computation ------------------------------------------------------------------------------------------


def category_inputs(value) -> list[stats.CategoryInput]:
    return [
        stats.CategoryInput(
            label=values.label(row.get("label")),
            count=values.to_int(row.get("count")),
            is_part=bool(row.get("is_part")),
            typed_share=row.get("share"),
        )
        for row in value.get("rows") or []
    ]


def share_places(value) -> int:
    """The table's share precision: 1 (0,1 %, the default) or 2 (0,01 %, when the source printed two decimals)."""
    try:
        return 2 if int(value.get("share_places") or 1) >= 2 else 1
    except (TypeError, ValueError):
        return 1


def category_result(value) -> stats.CategoryTable:
    return stats.category_table(
        category_inputs(value), typed_total=value.get("typed_total"), places=share_places(value)
    )


# ---- the page's view model ------------------------------------------------------------------------------------


def _count_text(count: int, share, places: int = 1) -> str:
    if share is None:
        return fmt.number(count)
    return f"{fmt.number(count)}{fmt.NBSP}({fmt.percent(share, places=places)})"


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
    vision_on = vision is not None and vision.enabled
    if chart == CHART_PIE and not result.has_parts and not vision_on:
        return _pie_chart(result, dom_id=dom_id, caption=caption)
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
        f"Горизонтальная диаграмма, {plural_rows(len(bars))}. Наибольшее значение — «{largest.label}»: "
        f"{largest.text}. "
        + (f"Показаны крупнейшие категории, остальные {grouped} объединены в одну полосу. " if grouped else "")
        + "Точные числа — в таблице рядом."
    )
    return charts.bar_chart(chart_id=f"{dom_id}-chart", title=caption, desc=desc, bars=bars)


def _pie_chart(result, *, dom_id, caption) -> SafeString:
    top = [row for row in result.rows if not row.is_part]
    bars, grouped = charts.limit_bars([charts.Bar(row.label, row.count, "") for row in top], limit=charts.MAX_SLICES)
    shares = stats.largest_remainder_shares([bar.value for bar in bars])
    slices = [charts.Slice(bar.label, bar.value, share) for bar, share in zip(bars, shares, strict=True)]
    largest = max(slices, key=lambda item: item.value)
    desc = (
        f"Круговая диаграмма долей, {plural_rows(len(slices))}; доли в сумме 100 %. "
        f"Наибольшая доля — «{largest.label}»: {fmt.percent(largest.share)}. "
        + (f"Малые категории ({grouped}) объединены. " if grouped else "")
        + "Точные числа — в таблице рядом."
    )
    return charts.pie_chart(chart_id=f"{dom_id}-chart", title=caption, desc=desc, slices=slices)


def category_view(value, *, block_id: str, page, vision: VisionPrefs | None) -> TableView:
    result = category_result(value)
    view = category_rows_view(
        result,
        dom_id=dom_id(value, block_id),
        caption=values.label(value.get("caption")),
        headers=[value.get("label_title") or "Категория", value.get("count_title") or "Количество", "Доля, %"],
        chart=value.get("chart") or CHART_NONE,
        show_total=bool(value.get("show_total")),
        vision=vision,
    )
    view.downloads = downloads(page, value.get("slug") or "")
    view.source = value.get("source") or ""
    if not result.rows:
        view.empty_message = EMPTY_MESSAGE
    return view


# ---- open data ------------------------------------------------------------------------------------------------


def category_columns(
    *, label_title: str = "", count_title: str = "", typed_shares: bool = False
) -> tuple[tabular.Column, ...]:
    label, count = tabular.CATEGORY_COLUMNS[0], tabular.CATEGORY_COLUMNS[1]
    columns = (
        tabular.Column(label.key, column_title(label_title, label), "text"),
        tabular.Column(count.key, column_title(count_title, count), "integer"),
        IS_PART,
        tabular.columns.SHARE_COMPUTED_COLUMN,
    )
    return (*columns, tabular.columns.SHARE_TYPED_COLUMN) if typed_shares else columns


def category_rows(result: stats.CategoryTable) -> tuple[list[dict], dict, dict | None]:
    """The rows (computed share and the share as typed), the computed total and the total as typed (or None)."""
    rows = [
        {
            "label": row.label,
            "count": row.count,
            "is_part": row.is_part,
            "share_computed": row.share,
            "share": row.typed_share,
        }
        for row in result.rows
    ]
    typed = {"count": result.typed_total} if result.typed_total is not None else None
    return rows, {"count": result.total, "share_computed": result.shares_sum}, typed


def category_export(page, value) -> Export:
    """The open-data columns, rows, computed total and typed total of a category table."""
    rows, total, typed = category_rows(category_result(value))
    columns = category_columns(
        label_title=value.get("label_title") or "",
        count_title=value.get("count_title") or "",
        typed_shares=any(row["share"] is not None for row in rows),
    )
    return columns, rows, total, typed


KIND = TableKind(
    block_type="category_table",
    block=CategoryTableBlock,
    compute=category_result,
    headline=lambda result: result.total,
    presenter=category_view,
    export=category_export,
)
