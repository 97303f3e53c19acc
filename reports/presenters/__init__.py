"""View models for the report templates: formatted numbers, charts, links. Display only."""

from reports.table_kinds.category import category_view
from reports.table_kinds.common import Cell, Download, Row, TableView
from reports.table_kinds.comparison import comparison_view, period_titles

from .figures import FigureView, RegisterView, key_figures_view, register_preview_view, register_view
from .report import Item, SeriesView, report_items, series_view

__all__ = [
    "Cell",
    "Download",
    "FigureView",
    "Item",
    "RegisterView",
    "Row",
    "SeriesView",
    "TableView",
    "category_view",
    "comparison_view",
    "key_figures_view",
    "period_titles",
    "register_preview_view",
    "register_view",
    "report_items",
    "series_view",
]
