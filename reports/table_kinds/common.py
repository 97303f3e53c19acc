"""What every report table kind builds on: the table's view model, its download links and its column titles.

The kinds (``reports.table_kinds.category``, ``.comparison``) fill a ``TableView`` that the shared template
``reports/blocks/table.html`` renders, and describe their open-data file as ``Export`` (columns, rows, the
computed total, the total as typed). This module imports only display and import helpers, never the
presenters or the models, so the kind modules can be loaded while the models are being defined.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from home.accessibility import VisionPrefs
from home.textformat import counted
from reports import tabular

FORMATS = ("csv", "xlsx", "json")
FORMAT_LABELS = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON"}
#: The «В том числе» column of every exported table.
IS_PART = tabular.CATEGORY_COLUMNS[2]
#: An open-data table of a kind: its columns, rows, computed total and the total as typed (or None).
Export = tuple[tuple[tabular.Column, ...], list[dict], dict, dict | None]
EMPTY_MESSAGE = "Строк в таблице пока нет."


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool = True
    # A figure that differs from what the source document printed: marked, with the typed value for screen readers.
    source_note: str = ""
    # Why the cell shows no figure («—»): a tooltip, read out by screen readers instead of the dash.
    hint: str = ""


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
    # Explanations under the table for everyone (e.g. why a change in % is «—»).
    footnotes: list[str] = field(default_factory=list)
    empty_message: str = ""
    has_parts: bool = False
    # "side": the chart beside the table on wide screens; "stacked": below it (wide comparison tables).
    layout: str = "side"


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


def plural_rows(n: int) -> str:
    return counted(n, "строка", "строки", "строк")


def dom_id(value, block_id: str) -> str:
    """The table's HTML id: from its download slug, else from the block id."""
    return f"table-{value.get('slug') or block_id}"


def column_title(typed: str, column: tabular.Column) -> str:
    """An exported column's title: the editor's when the importer recognises it, else the standard one."""
    if typed and tabular.columns.header_key(typed) in column.header_keys:
        return typed
    return column.title
