"""A throwaway report table kind for ``test_kinds``: topics ranked by count, the top topic as the headline.

It is written the way a new kind is: one module holding the block, the computation, the page's view model,
the open-data columns and ``KIND``. The test adds this module to ``reports.kinds.KIND_MODULES`` and touches
nothing else, so whatever picks the kind up (the report body, the page, the headline, the downloads) reads
the registry.
"""

from wagtail import blocks

from reports import stats, tabular, values
from reports.blocks.importing import ImportableTableBlock, compound_block, paste_block, slug_block, upload_block
from reports.blocks.tables import TABLE_TEMPLATE
from reports.kinds import TableKind
from reports.table_kinds.common import Cell, Export, Row, TableView, dom_id, downloads


class RankingRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Тема")
    count = blocks.IntegerBlock(label="Количество", min_value=0)


class RankingTableBlock(ImportableTableBlock):
    caption = blocks.CharBlock(label="Заголовок таблицы", max_length=255)
    rows = blocks.ListBlock(RankingRowBlock(), label="Строки", min_num=0, default=[])
    slug = slug_block()
    show_total = blocks.BooleanBlock(label="Показывать строку «Итого»", required=False, default=True)
    headline = blocks.BooleanBlock(label="Главный показатель отчёта", required=False)
    source = blocks.CharBlock(label="Источник данных", required=False, max_length=255)
    paste = paste_block(tabular.CATEGORY_COLUMNS)
    upload = upload_block()
    compound = compound_block()

    import_columns = tabular.CATEGORY_COLUMNS

    class Meta:
        label = "Рейтинг тем"
        template = TABLE_TEMPLATE

    def imported_values(self, value, parsed):
        return {}

    def row_value(self, row):
        return {"label": row.get("label") or "", "count": row.get("count") or 0}


def ranking_result(value) -> stats.CategoryTable:
    """The rows from the largest count down (the source's order does not matter)."""
    rows = [
        stats.CategoryInput(label=values.label(row.get("label")), count=values.to_int(row.get("count")))
        for row in value.get("rows") or []
    ]
    return stats.category_table(sorted(rows, key=lambda row: -row.count))


def ranking_view(value, *, block_id: str, page, vision) -> TableView:
    result = ranking_result(value)
    return TableView(
        dom_id=dom_id(value, block_id),
        caption=values.label(value.get("caption")),
        headers=["Тема (по убыванию)", "Обращений"],
        rows=[
            Row(label=f"{place}. {row.label}", cells=[Cell(str(row.count))]) for place, row in enumerate(result.rows, 1)
        ],
        total=Row(label="Всего", cells=[Cell(str(result.total))]) if value.get("show_total") else None,
        downloads=downloads(page, value.get("slug") or ""),
    )


def ranking_export(page, value) -> Export:
    result = ranking_result(value)
    columns = (tabular.Column("label", "Тема", "text"), tabular.Column("count", "Обращений", "integer"))
    rows = [{"label": row.label, "count": row.count} for row in result.rows]
    return columns, rows, {"count": result.total}, None


KIND = TableKind(
    block_type="ranking_table",
    block=RankingTableBlock,
    compute=ranking_result,
    headline=lambda result: result.rows[0].count if result.rows else 0,
    presenter=ranking_view,
    export=ranking_export,
)
