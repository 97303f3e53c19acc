"""The comparison table: this period against the previous one, the difference and the change in % computed.

Everything this kind decides is here: the block editors fill, how its value is computed (``reports.stats``),
the page's view model, the open-data columns and its registry entry ``KIND``.
"""

from __future__ import annotations

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
    HEADLINE_HELP,
    PART_HELP,
    TABLE_TEMPLATE,
    PercentBlock,
    import_group,
)
from reports.kinds import TableKind
from reports.tabular.cells import YEAR_RE

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


class ComparisonRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Показатель", max_length=tabular.columns.MAX_TEXT_LENGTH)
    current = blocks.IntegerBlock(label="Отчётный период", min_value=0)
    previous = blocks.IntegerBlock(label="Предыдущий период", min_value=0)
    difference = blocks.IntegerBlock(
        label="Разница (+/−) в исходном документе",
        required=False,
        help_text="Только если разница напечатана в исходном документе: её сверят с вычисленной.",
    )
    change = PercentBlock(
        label="Изменение, % в исходном документе",
        required=False,
        help_text="Только если изменение в процентах напечатано в исходном документе: его сверят с вычисленным.",
    )
    is_part = blocks.BooleanBlock(label="В том числе", required=False, help_text=PART_HELP)

    class Meta:
        icon = "list-ul"
        label = "Строка"
        form_layout = BlockGroup(["label", "current", "previous", "is_part"], settings=["difference", "change"])


class ComparisonTableBlock(ImportableTableBlock):
    """Rows (label, this period, the previous period): difference and % change computed; two-series bars."""

    caption = blocks.CharBlock(label="Заголовок таблицы", max_length=255)
    rows = blocks.ListBlock(ComparisonRowBlock(), label="Строки", min_num=0, default=[])
    slug = slug_block()
    label_title = blocks.CharBlock(label="Заголовок столбца показателей", required=False, max_length=100)
    current_title = blocks.CharBlock(
        label="Заголовок отчётного периода",
        required=False,
        max_length=100,
        help_text="Если пусто — период отчёта, например «1 полугодие 2020 года».",
    )
    previous_title = blocks.CharBlock(
        label="Заголовок предыдущего периода",
        required=False,
        max_length=100,
        help_text="Если пусто — тот же период годом раньше, например «1 полугодие 2019 года».",
    )
    show_total = blocks.BooleanBlock(
        label="Показывать строку «Итого»",
        required=False,
        default=True,
        help_text="Снимите отметку, если строки — не все обращения (например, только некоторые источники).",
    )
    typed_total_current = blocks.IntegerBlock(label="Итого за отчётный период в исходном документе", required=False)
    typed_total_previous = blocks.IntegerBlock(label="Итого за предыдущий период в исходном документе", required=False)
    typed_total_difference = blocks.IntegerBlock(label="Итоговая разница в исходном документе", required=False)
    typed_total_change = PercentBlock(
        label="Изменение итога в % в исходном документе",
        required=False,
        help_text="Например −57, если в тексте написано «на 57 % меньше».",
    )
    chart = blocks.ChoiceBlock(
        label="Диаграмма",
        choices=[(CHART_BARS, "Горизонтальные полосы (два периода)"), (CHART_NONE, "Без диаграммы")],
        default=CHART_BARS,
    )
    headline = blocks.BooleanBlock(label="Главный показатель отчёта", required=False, help_text=HEADLINE_HELP)
    source = blocks.CharBlock(label="Источник данных", required=False, max_length=255)
    paste = paste_block(tabular.COMPARISON_COLUMNS)
    upload = upload_block()
    compound = compound_block()

    import_columns = tabular.COMPARISON_COLUMNS

    class Meta:
        icon = "table"
        label = "Таблица сравнения с прошлым периодом"
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
                "current_title",
                "previous_title",
                "show_total",
                BlockGroup(
                    ["typed_total_current", "typed_total_previous", "typed_total_difference", "typed_total_change"],
                    heading="Итоги, как в исходном документе",
                    classname="collapsed",
                ),
                "chart",
                "headline",
                "source",
            ],
        )
        preview_value = {
            "caption": "Обращения по темам",
            "slug": "po-temam",
            "current_title": "1 полугодие 2020 года",
            "previous_title": "1 полугодие 2019 года",
            "rows": [
                {"label": "Социальная сфера", "current": 885, "previous": 322},
                {"label": "Образование", "current": 125, "previous": 150},
            ],
            "chart": CHART_BARS,
            "show_total": True,
        }
        description = "Два периода рядом: разница и изменение в процентах вычисляются и сверяются с документом."

    def imported_values(self, value, parsed):
        typed = parsed.typed_total or {}
        result = {
            "typed_total_current": typed.get("current"),
            "typed_total_previous": typed.get("previous"),
            "typed_total_difference": typed.get("difference"),
            "typed_total_change": typed.get("typed_change"),
        }
        titles = parsed.source_titles or {}
        for key, name in (("label", "label_title"), ("current", "current_title"), ("previous", "previous_title")):
            title = titles.get(key, "")
            if not value.get(name) and title and not tabular.columns.is_standard_title(title):
                result[name] = title[:100]
        return result

    def row_value(self, row):
        return {
            "label": row.get("label") or "",
            "current": row.get("current") or 0,
            "previous": row.get("previous") or 0,
            "difference": row.get("difference"),
            "change": row.get("typed_change"),
            "is_part": bool(row.get("is_part")),
        }

    def clean(self, value):
        value = super().clean(value)
        rows = list(value.get("rows") or [])
        structural = stats.structure_errors([row["label"] for row in rows], [bool(row["is_part"]) for row in rows])
        if structural:
            raise StructBlockValidationError(
                block_errors={
                    "rows": ListBlockValidationError(non_block_errors=[ValidationError(m) for m in structural])
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["table"] = comparison_view(value, block_id="preview", page=None, vision=context.get("vision"))
        return context


# ---- the computation ------------------------------------------------------------------------------------------


def comparison_inputs(value) -> list[stats.ComparisonInput]:
    return [
        stats.ComparisonInput(
            label=values.label(row.get("label")),
            current=values.to_int(row.get("current")),
            previous=values.to_int(row.get("previous")),
            typed_difference=row.get("difference"),
            is_part=bool(row.get("is_part")),
            typed_change=row.get("change"),
        )
        for row in value.get("rows") or []
    ]


def typed_totals(value) -> stats.TypedTotals:
    return stats.TypedTotals(
        current=value.get("typed_total_current"),
        previous=value.get("typed_total_previous"),
        difference=value.get("typed_total_difference"),
        change_percent=value.get("typed_total_change"),
    )


def comparison_result(value) -> stats.ComparisonTable:
    return stats.comparison_table(comparison_inputs(value), typed_total=typed_totals(value))


# ---- the page's view model ------------------------------------------------------------------------------------

FROM_ZERO_FOOTNOTE = "«—» в столбце «Изменение, %» при росте с нуля: процент от нуля не вычисляется."


def period_titles(value, page) -> tuple[str, str]:
    """The two period headers: as typed, else the report's period and the same period a year earlier."""
    period = getattr(page, "period", None) if page is not None else None
    current = value.get("current_title") or (period.label if period else "Отчётный период")
    previous = value.get("previous_title") or (period.previous_year().label if period else "Предыдущий период")
    return current, previous


def _change_cells(change: stats.Change, row: stats.ComparisonRow | None = None) -> list[Cell]:
    """The row's figures, each noted with the source's when the source printed a different one."""
    difference_note = change_note = ""
    if row is not None and row.typed_difference_differs:
        difference_note = f"в исходном документе: {fmt.signed(row.typed_difference)}"
    if row is not None and row.typed_change_differs:
        change_note = f"в исходном документе: {fmt.typed_signed_percent(row.typed_change)}"
    return [
        Cell(fmt.number(change.current)),
        Cell(fmt.number(change.previous)),
        Cell(fmt.signed(change.difference), source_note=difference_note),
        Cell(
            fmt.signed_percent(change.percent, missing=change.missing_mark),
            source_note=change_note,
            hint=fmt.FROM_ZERO if change.from_zero else "",
        ),
    ]


def _total_row(result: stats.ComparisonTable) -> Row:
    """The «Итого» row, each figure noted with the source's when the source printed a different one."""
    typed = result.typed_total
    cells = _change_cells(result.total)
    if typed.current is not None and typed.current != result.total.current:
        cells[0] = Cell(cells[0].text, source_note=f"в исходном документе: {fmt.number(typed.current)}")
    if typed.previous is not None and typed.previous != result.total.previous:
        cells[1] = Cell(cells[1].text, source_note=f"в исходном документе: {fmt.number(typed.previous)}")
    if typed.difference is not None and typed.difference != result.total.difference:
        cells[2] = Cell(cells[2].text, source_note=f"в исходном документе: {fmt.signed(typed.difference)}")
    if typed.change_percent is not None and not stats.percent_matches(typed.change_percent, result.total.exact_percent):
        note = f"в исходном документе: {fmt.typed_signed_percent(typed.change_percent)}"
        cells[3] = Cell(cells[3].text, source_note=note)
    return Row(label=stats.TOTAL_LABEL, cells=cells)


def comparison_view(value, *, block_id: str, page, vision: VisionPrefs | None) -> TableView:
    result = comparison_result(value)
    caption = values.label(value.get("caption"))
    current_title, previous_title = period_titles(value, page)
    rows = [
        Row(
            label=row.label,
            cells=_change_cells(row.change, row),
            is_part=row.is_part,
        )
        for row in result.rows
    ]
    view = TableView(
        dom_id=dom_id(value, block_id),
        caption=caption,
        headers=[value.get("label_title") or "Показатель", current_title, previous_title, "Разница", "Изменение, %"],
        rows=rows,
        total=_total_row(result) if value.get("show_total") else None,
        downloads=downloads(page, value.get("slug") or ""),
        source=value.get("source") or "",
        notes=public_notes(result.discrepancies),
        has_parts=result.has_parts,
        empty_message="" if result.rows else EMPTY_MESSAGE,
        layout="stacked",
    )
    if any(cell.hint for row in [*rows, *([view.total] if view.total else [])] for cell in row.cells):
        view.footnotes.append(FROM_ZERO_FOOTNOTE)
    largest = max((max(row.change.current, row.change.previous) for row in result.rows), default=0)
    if value.get("chart") != CHART_NONE and largest > 0 and charts_allowed(vision):
        view.chart = _comparison_chart(
            result, dom_id=view.dom_id, caption=caption, series=(current_title, previous_title), vision=vision
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
        f"{plural_rows(len(pairs))}. Выросло: {grew}, снизилось: {fell}. Точные числа, разница и изменение "
        "в процентах — в таблице рядом."
    )
    return charts.comparison_chart(chart_id=f"{dom_id}-chart", title=caption, desc=desc, rows=pairs, series=series)


# ---- open data ------------------------------------------------------------------------------------------------


def _period_title(typed: str, fallback: str, column: tabular.Column) -> str:
    """A period column's title: the typed one when it names a year (the importer reads years), else the period."""
    if typed and (YEAR_RE.search(typed) or tabular.columns.header_key(typed) in column.header_keys):
        return typed
    return fallback


def comparison_rows(result: stats.ComparisonTable) -> tuple[list[dict], dict, dict | None]:
    """The rows (computed difference and change, the difference as typed), the computed and the typed total."""
    rows = [
        {
            "label": row.label,
            "current": row.change.current,
            "previous": row.change.previous,
            "difference": row.typed_difference,
            "difference_computed": row.change.difference,
            "change_percent_computed": row.change.percent,
            "typed_change": row.typed_change,
            "is_part": row.is_part,
        }
        for row in result.rows
    ]
    total = result.total
    typed_total = result.typed_total
    typed = None
    if typed_total.any():
        typed = {
            "current": typed_total.current,
            "previous": typed_total.previous,
            "difference": typed_total.difference,
            "typed_change": typed_total.change_percent,
        }
    computed = {
        "current": total.current,
        "previous": total.previous,
        "difference_computed": total.difference,
        "change_percent_computed": total.percent,
    }
    return rows, computed, typed


def comparison_export(page, value) -> Export:
    """The open-data columns, rows, computed total and typed total of a comparison table."""
    rows, total, typed = comparison_rows(comparison_result(value))
    current, previous = period_titles(value, page)
    label = tabular.COMPARISON_COLUMNS[0]
    columns = (
        tabular.Column("label", column_title(value.get("label_title") or "", label), "text"),
        tabular.Column(
            "current",
            _period_title(value.get("current_title") or "", current, tabular.COMPARISON_COLUMNS[1]),
            "integer",
        ),
        tabular.Column(
            "previous",
            _period_title(value.get("previous_title") or "", previous, tabular.COMPARISON_COLUMNS[2]),
            "integer",
        ),
    )
    if any(row["difference"] is not None for row in rows) or (typed and typed["difference"] is not None):
        columns = (*columns, tabular.columns.DIFFERENCE_TYPED_COLUMN)
    columns = (*columns, tabular.columns.DIFFERENCE_COMPUTED_COLUMN, tabular.columns.CHANGE_COMPUTED_COLUMN)
    if any(row["typed_change"] is not None for row in rows) or (typed and typed["typed_change"] is not None):
        columns = (*columns, tabular.columns.CHANGE_TYPED_COLUMN)
    return (*columns, IS_PART), rows, total, typed


KIND = TableKind(
    block_type="comparison_table",
    block=ComparisonTableBlock,
    compute=comparison_result,
    headline=lambda result: result.total.current,
    presenter=comparison_view,
    export=comparison_export,
)
