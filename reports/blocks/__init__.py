"""StreamField blocks of the report pages."""

from .figures import KeyFigureBlock, KeyFiguresBlock, RegisterStatisticsBlock
from .stream import ReportStreamBlock
from .tables import CategoryRowBlock, CategoryTableBlock, ComparisonRowBlock, ComparisonTableBlock

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
