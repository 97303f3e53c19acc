"""StreamField blocks of the report pages.

The table blocks live with their kinds (``reports.table_kinds``); their names are importable from here too,
resolved on first use so that a kind module can import ``reports.blocks.importing`` without a cycle.
"""

from importlib import import_module

from .figures import KeyFigureBlock, KeyFiguresBlock, RegisterStatisticsBlock
from .stream import ReportStreamBlock

_TABLE_BLOCKS = {
    "CategoryRowBlock": "reports.table_kinds.category",
    "CategoryTableBlock": "reports.table_kinds.category",
    "ComparisonRowBlock": "reports.table_kinds.comparison",
    "ComparisonTableBlock": "reports.table_kinds.comparison",
}

__all__ = [
    "CategoryRowBlock",
    "CategoryTableBlock",
    "ComparisonRowBlock",
    "ComparisonTableBlock",
    "KeyFigureBlock",
    "KeyFiguresBlock",
    "RegisterStatisticsBlock",
    "ReportStreamBlock",
]


def __getattr__(name: str):
    if name in _TABLE_BLOCKS:
        return getattr(import_module(_TABLE_BLOCKS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
