"""Tables of the half-year reports: import from pasted text, CSV, XLSX and JSON, typed and checked.

Editors paste a table from Word or Excel (tab-separated text) or CSV into a report's table block, or upload a
.csv / .xlsx / .json file. ``parse_pasted`` and ``parse_upload`` return typed rows (dicts keyed by
``Column.key``) or raise ``TableImportError`` listing every problem, each with the source row number, the
column's Russian title and a Russian message quoting the bad value. Nothing is ever imported partially.

Values (``parse_number``):

- text: the cell with spaces collapsed; a required text cell must not be empty;
- integer: a whole number ≥ 0; signed: a whole number, «+14», «−31», «–7», «-7»; percent: Decimal, «12,5 %»,
  «12.5%», «12,5»; flag: «да»/«1»/«в т.ч.» → True, «нет»/«0»/empty → False;
- digit groups may be separated by spaces, U+00A0 or U+202F («2 517»); a decimal comma or point; a lone dash
  «—» is an empty cell (in a required count the builder reads it as 0: «none», as statistical forms print it);
  a percentage in brackets, «(65,7 %)», is that percentage. Refused with a clear message: letters, two numbers
  in a cell, negatives where only ≥ 0 is allowed, fractions in whole-number columns, values above 10^9,
  formulas («=A1+B1») and Excel error values, dates;
- an absent optional column or an empty optional cell gives None (False for flags).

Table layout (header, positional columns, total row, «в т.ч.» rows): see ``reports.tabular.grid``.
Text separators and encodings: see ``reports.tabular.text``; workbooks: ``reports.tabular.xlsx``;
JSON: ``reports.tabular.jsonfile``. Limits: 500 data rows, 200 KB of pasted text, 5 MB per file.
"""

from __future__ import annotations

from collections.abc import Sequence

from .columns import (
    CATEGORY_COLUMNS,
    CHANGE_PERCENT_COLUMN,
    COMPARISON_COLUMNS,
    DERIVED_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_TEXT_BYTES,
    METADATA_LABELS,
    CellError,
    Column,
    Kind,
    ParsedTable,
    TableImportError,
)
from .jsonfile import parse_json
from .numbers import parse_number, parse_value
from .text import parse_text
from .upload import parse_upload, parse_upload_with_total


def parse_pasted_with_total(text: str, *, columns: Sequence[Column], compound: str = "refuse") -> ParsedTable:
    """Parse a pasted table into rows and the total row typed in it («Итого»/«Всего», or None).

    Pasted JSON (text starting with «{» or «[», e.g. a downloaded .json opened in a text editor) is read as JSON.
    """
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in ("{", "["):
        return parse_json(stripped.encode("utf-8"), columns=columns)
    return parse_text(text, columns=columns, compound=compound)


def parse_pasted(text: str, *, columns: Sequence[Column]) -> list[dict[str, object]]:
    """Parse a pasted table (tab-separated from Word/Excel, or CSV with ';' or ',') into typed rows."""
    return parse_pasted_with_total(text, columns=columns).rows


__all__ = [
    "CATEGORY_COLUMNS",
    "CHANGE_PERCENT_COLUMN",
    "COMPARISON_COLUMNS",
    "DERIVED_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MAX_TEXT_BYTES",
    "METADATA_LABELS",
    "CellError",
    "Column",
    "Kind",
    "ParsedTable",
    "TableImportError",
    "parse_json",
    "parse_number",
    "parse_pasted",
    "parse_pasted_with_total",
    "parse_upload",
    "parse_upload_with_total",
    "parse_value",
]
