"""Every report table as open data: CSV, XLSX and JSON files that say what they hold and import back.

Each file carries the table's metadata (report, table caption, period with its dates, source organisation,
canonical page URL) and the columns the caller gives: the rows as counted, the computed figures in columns
marked «(вычислено)», the figures typed as in the source document in columns of their own; then the rows, the
computed total row «Итого (вычислено)» and, when the source printed one, «Итого в исходном документе».
Percentages keep the decimals they have («4,20» stays «4,20»): a typed figure's precision is part of it.

- CSV: UTF-8 with BOM, ';' separator, decimal comma, CRLF line ends — what a Russian Excel opens directly.
  Metadata lines «Отчёт;…», «Таблица;…», «Период;… (дд.мм.гггг — дд.мм.гггг)», «Источник;…», «Адрес;…», an
  empty line, then the header, the rows and the total. Flags are «да»/«нет». Text starting with = + - @ is
  prefixed with an apostrophe so that spreadsheets do not run it as a formula (the importer removes it).
- XLSX: one sheet, the same metadata on top (labels bold), a bold frozen header row, numbers as numbers
  (Decimals as floats with a number format showing their decimals), sensible column widths, a bold total row,
  the workbook's title/subject/creator properties set.
- JSON: UTF-8, not ASCII-escaped: ``{"report", "table", "period": {"label", "start", "end"}, "source", "url",
  "columns": [{"key", "title", "kind"}], "rows": [{key: value}], "total": {key: value} | null,
  "typed_total": {key: value} | null}``. Whole numbers are JSON integers, percentages JSON numbers with the
  decimals they have, flags booleans, empty cells null; dates are ISO 8601. ``parse_json`` reads such a file
  back (``typed_total`` as the typed total; ``total`` is the computed one).

All three import back with ``reports.tabular.parse_upload`` into the same rows and typed total.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import quote

from home.spreadsheet_text import defuse_formula
from home.translit import LATIN
from reports.tabular import Column
from reports.tabular.jsonfile import parse_json

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written, not when the site starts
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["CONTENT_TYPES", "TableExport", "content_disposition", "parse_json", "to_csv", "to_json", "to_xlsx"]

TOTAL_LABEL = "Итого (вычислено)"
TYPED_TOTAL_LABEL = "Итого в исходном документе"
CONTENT_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


@dataclass(frozen=True)
class TableExport:
    """One table of a report with everything its open-data files state about it."""

    title: str
    report_title: str
    period: str
    period_start: date
    period_end: date
    source: str
    url: str
    columns: Sequence[Column]
    rows: Sequence[Mapping[str, object]]
    total: Mapping[str, object] | None = None
    typed_total: Mapping[str, object] | None = None

    def metadata(self) -> list[tuple[str, str]]:
        """The metadata lines written above the table, as (Russian label, value)."""
        dates = f"{self.period_start:%d.%m.%Y} — {self.period_end:%d.%m.%Y}"
        return [
            ("Отчёт", self.report_title),
            ("Таблица", self.title),
            ("Период", f"{self.period} ({dates})"),
            ("Источник", self.source),
            ("Адрес", self.url),
        ]

    def total_row(self) -> dict[str, object] | None:
        """The computed total as a row: «Итого (вычислено)» in the first text column, nothing in flags."""
        return self._as_row(self.total, TOTAL_LABEL)

    def typed_total_row(self) -> dict[str, object] | None:
        """The total as the source printed it: «Итого в исходном документе», or None when it printed none."""
        return self._as_row(self.typed_total, TYPED_TOTAL_LABEL)

    def all_rows(self) -> list[Mapping[str, object]]:
        """The rows, then the computed total row and the typed total row (when there are such)."""
        extra = [row for row in (self.total_row(), self.typed_total_row()) if row is not None]
        return [*self.rows, *extra]

    def _as_row(self, figures: Mapping[str, object] | None, label: str) -> dict[str, object] | None:
        if figures is None:
            return None
        row: dict[str, object] = {}
        label_written = False
        for column in self.columns:
            if column.kind == "text":
                row[column.key] = figures.get(column.key) if label_written else label
                label_written = True
            elif column.kind == "flag":
                row[column.key] = None
            else:
                row[column.key] = figures.get(column.key)
        return row


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return None


# -- CSV ------------------------------------------------------------------------------------------------------


def _plain(number: Decimal, column: Column | None) -> str:
    """A number as text with the decimals it has («4,20»); whole numbers in whole-number columns as such."""
    whole = number == number.to_integral_value()
    if whole and (column is not None and column.kind in ("integer", "signed") or number.as_tuple().exponent >= 0):
        return str(int(number))
    return format(number, "f").replace(".", ",")


def _csv_value(value: object, column: Column) -> str:
    if value is None:
        return ""
    if column.kind == "flag" or isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, int):
        return str(value)
    number = _decimal(value)
    if number is not None:
        return _plain(number, column)
    text = str(value)
    return defuse_formula(text)


def to_csv(table: TableExport) -> bytes:
    """The table as CSV for a Russian Excel: UTF-8 with BOM, ';', decimal comma, metadata lines first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for label, value in table.metadata():
        writer.writerow([label, _csv_value(value, Column("meta", label, "text"))])
    writer.writerow([])
    writer.writerow([column.title for column in table.columns])
    for row in table.all_rows():
        writer.writerow([_csv_value(row.get(column.key), column) for column in table.columns])
    return buffer.getvalue().encode("utf-8-sig")


# -- XLSX -----------------------------------------------------------------------------------------------------


def _sheet_title(title: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", title).strip() or "Таблица"
    return cleaned[:31].strip()


def _xlsx_text(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _put(sheet: Worksheet, row: int, column: int, value: object, kind: str) -> tuple[Cell, str]:
    """Write one value; return the cell and the text it shows (for column widths)."""
    cell = sheet.cell(row=row, column=column)
    if value is None:
        return cell, ""
    if kind == "flag" or isinstance(value, bool):
        cell.value = "да" if value else "нет"
    elif isinstance(value, int):
        cell.value = value
        cell.number_format = "#,##0"
        return cell, f"{value:,}"
    elif (number := _decimal(value)) is not None and kind in ("integer", "signed") and number % 1 == 0:
        cell.value = int(number)
        cell.number_format = "#,##0"
        return cell, f"{cell.value:,}"
    elif number is not None:
        exponent = number.as_tuple().exponent
        places = min(max(-exponent, 0), 6) if isinstance(exponent, int) else 1
        cell.value = float(number)
        cell.number_format = "#,##0." + "0" * places if places else "#,##0"
        return cell, _plain(number, None)
    else:
        cell.value = _xlsx_text(str(value))
        cell.data_type = "s"  # never a formula, even when the text starts with "="
    return cell, str(cell.value)


def to_xlsx(table: TableExport) -> bytes:
    """The table as a one-sheet workbook: metadata, bold frozen header, numbers as numbers, bold total."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(table.title)
    bold = Font(bold=True)
    metadata = table.metadata()
    for number, (label, value) in enumerate(metadata, start=1):
        sheet.cell(row=number, column=1, value=label).font = bold
        _put(sheet, number, 2, value, "text")
    header_row = len(metadata) + 2
    widths: list[int] = []
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=header_row, column=index, value=_xlsx_text(column.title))
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths.append(min(len(column.title), 30))
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    data_rows = len(table.rows)
    for offset, row in enumerate(table.all_rows(), start=1):
        is_total = offset > data_rows
        for index, column in enumerate(table.columns, start=1):
            cell, shown = _put(sheet, header_row + offset, index, row.get(column.key), column.kind)
            widths[index - 1] = max(widths[index - 1], len(shown))
            if is_total:
                cell.font = bold
            elif column.kind == "text":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(width + 2, 60))
    properties = workbook.properties
    properties.title = table.title
    properties.subject = table.report_title
    properties.creator = table.source
    properties.description = f"{table.period}; {table.url}"
    properties.identifier = table.url
    properties.language = "ru-RU"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- JSON -----------------------------------------------------------------------------------------------------


class _ExactNumber(str):
    """A Decimal to be written into JSON as a number with exactly its digits («4.20», not 4.2)."""


_EXACT_RE = re.compile(r'"\\u0000(-?[0-9]+(?:\.[0-9]+)?)\\u0000"')


def _json_value(value: object, column: Column) -> object:
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value
    number = _decimal(value)
    if number is None:
        return str(value)
    if column.kind in ("integer", "signed") and number == number.to_integral_value():
        return int(number)
    if not number.is_finite():
        return None
    return _ExactNumber(f"\u0000{format(number, 'f')}\u0000")


def _json_total(figures: Mapping[str, object] | None, columns: Sequence[Column]) -> dict | None:
    if figures is None:
        return None
    return {
        column.key: _json_value(figures.get(column.key), column)
        for column in columns
        if column.kind != "flag" and column.key in figures
    }


def to_json(table: TableExport) -> bytes:
    """The table as JSON (see the module docstring for the shape)."""
    total = _json_total(table.total, table.columns)
    document = {
        "report": table.report_title,
        "table": table.title,
        "period": {
            "label": table.period,
            "start": table.period_start.isoformat(),
            "end": table.period_end.isoformat(),
        },
        "source": table.source,
        "url": table.url,
        "columns": [{"key": column.key, "title": column.title, "kind": column.kind} for column in table.columns],
        "rows": [
            {column.key: _json_value(row.get(column.key), column) for column in table.columns} for row in table.rows
        ],
        "total": total,
        "typed_total": _json_total(table.typed_total, table.columns),
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _EXACT_RE.sub(r"\1", text).encode("utf-8")


# -- Content-Disposition --------------------------------------------------------------------------------------


def _ascii_name(text: str) -> str:
    letters = []
    for char in text:
        lower = char.lower()
        if lower in LATIN:
            latin = LATIN[lower]
            letters.append(latin.capitalize() if char != lower and latin else latin)
        else:
            letters.append(unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii"))
    name = re.sub(r"[^A-Za-z0-9.-]+", "_", "".join(letters))
    return name.strip("._-")[:100]


def content_disposition(filename_stem: str, ext: str) -> str:
    """A Content-Disposition value (RFC 6266) for a download: an ASCII ``filename`` and a UTF-8 ``filename*``.

    ``content_disposition("Обращения 2020", "csv")`` gives
    ``attachment; filename="Obrashcheniya_2020.csv"; filename*=UTF-8''%D0%9E…%202020.csv`` (RFC 5987 encoding).
    """
    extension = re.sub(r"[^a-z0-9]", "", ext.lower()) or "bin"
    stem = " ".join(re.sub(r"[\x00-\x1f\x7f/\\\"]", " ", filename_stem).split())[:150].strip(". ") or "table"
    fallback = _ascii_name(stem) or "table"
    encoded = quote(f"{stem}.{extension}", safe="")
    return f"attachment; filename=\"{fallback}.{extension}\"; filename*=UTF-8''{encoded}"
