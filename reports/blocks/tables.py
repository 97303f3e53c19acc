"""What the statistics tables of a report share: chart choices, help texts, the typed-percent block.

Each table kind's block class lives in its kind module (``reports.table_kinds``). The stored form of a table
is a list of rows (a ListBlock of StructBlocks): the figures as counted, plus, optionally, the figures as
published in the source document (a share, a difference, a total), which are only checked, never shown as the
result. ``PercentBlock`` stays here: the migrations name it by this module's path.
"""

from __future__ import annotations

from wagtail import blocks
from wagtail.blocks.struct_block import BlockGroup

CHART_BARS = "bars"
CHART_PIE = "pie"
CHART_NONE = "none"

HEADLINE_HELP = (
    "Итог этой таблицы — главный показатель отчёта: он показывается на графике на странице всех отчётов. "
    "Отметьте не больше одной таблицы; если не отмечена ни одна, берётся итог первой таблицы по категориям."
)
PART_HELP = "Строка — часть строки выше (например, «в том числе Главой городского округа»)."
TABLE_TEMPLATE = "reports/blocks/table.html"


class PercentBlock(blocks.DecimalBlock):
    """A percentage typed as in the source; stored as text ("-57", "12.5") like the JSON it lives in."""

    def get_prep_value(self, value):
        return str(value) if value is not None else None


def import_group(help_text: str) -> BlockGroup:
    """The collapsed «Импорт таблицы» group of a table block's form (paste, upload, compound cells).

    Collapsed, its heading is followed by what is waiting to be imported (the start of the pasted text),
    never by the compound-cells setting: its default read like the status of the whole import.
    """
    return BlockGroup(
        ["paste", "upload", "compound"],
        heading="Импорт таблицы",
        classname="collapsed",
        help_text=help_text,
        label_format="{paste}",
    )
