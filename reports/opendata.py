"""Every report table as open data: CSV, XLSX and JSON files that say what they hold and import back.

Each file carries the table's metadata (report, table caption, period with its dates, source organisation,
canonical page URL) and the columns as the page shows them, including the ones the caller computes (share,
difference, change in percent), then the rows and the computed «Итого» row.

- CSV: UTF-8 with BOM, ';' separator, decimal comma, CRLF line ends — what a Russian Excel opens directly.
  Metadata lines «Отчёт;…», «Таблица;…», «Период;… (дд.мм.гггг — дд.мм.гггг)», «Источник;…», «Адрес;…», an
  empty line, then the header, the rows and the total. Flags are «да»/«нет». Text starting with = + - @ is
  prefixed with an apostrophe so that spreadsheets do not run it as a formula (the importer removes it).
- XLSX: one sheet, the same metadata on top (labels bold), a bold frozen header row, numbers as numbers
  (Decimals as floats with a number format showing their decimals), sensible column widths, a bold total row,
  the workbook's title/subject/creator properties set.
- JSON: UTF-8, not ASCII-escaped: ``{"report", "table", "period": {"label", "start", "end"}, "source", "url",
  "columns": [{"key", "title", "kind"}], "rows": [{key: value}], "total": {key: value} | null}``. Whole
  numbers are JSON integers, percentages JSON numbers rounded to one decimal (half up), flags booleans,
  empty cells null; dates are ISO 8601. ``parse_json`` reads such a file back.

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
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING
from urllib.parse import quote

from reports.tabular import Column
from reports.tabular.jsonfile import parse_json
from reports.tabular.numbers import format_plain

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written, not when the site starts
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["CONTENT_TYPES", "TableExport", "content_disposition", "parse_json", "to_csv", "to_json", "to_xlsx"]

TOTAL_LABEL = "Итого"
CONTENT_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ONE_DECIMAL = Decimal("0.1")


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
        """The total as a row: «Итого» in the first text column, the caller's numbers, nothing in flags."""
        if self.total is None:
            return None
        row: dict[str, object] = {}
        label_written = False
        for column in self.columns:
            if column.kind == "text":
                row[column.key] = None if label_written else TOTAL_LABEL
                label_written = True
            elif column.kind == "flag":
                row[column.key] = None
            else:
                row[column.key] = self.total.get(column.key)
        return row


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return None


# -- CSV ------------------------------------------------------------------------------------------------------


def _csv_value(value: object, column: Column) -> str:
    if value is None:
        return ""
    if column.kind == "flag" or isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, int):
        return str(value)
    number = _decimal(value)
    if number is not None:
        return format_plain(number)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(table: TableExport) -> bytes:
    """The table as CSV for a Russian Excel: UTF-8 with BOM, ';', decimal comma, metadata lines first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for label, value in table.metadata():
        writer.writerow([label, _csv_value(value, Column("meta", label, "text"))])
    writer.writerow([])
    writer.writerow([column.title for column in table.columns])
    rows = list(table.rows)
    total = table.total_row()
    for row in [*rows, total] if total is not None else rows:
        is_total = row is total
        writer.writerow(
            [
                "" if is_total and column.kind == "flag" else _csv_value(row.get(column.key), column)
                for column in table.columns
            ]
        )
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
        places = min(max(-exponent, 1), 6) if isinstance(exponent, int) else 1
        cell.value = float(number)
        cell.number_format = "#,##0." + "0" * places
        return cell, format_plain(number)
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
    total = table.total_row()
    rows = [*table.rows, total] if total is not None else list(table.rows)
    for offset, row in enumerate(rows, start=1):
        for index, column in enumerate(table.columns, start=1):
            value = None if row is total and column.kind == "flag" else row.get(column.key)
            cell, shown = _put(sheet, header_row + offset, index, value, column.kind)
            widths[index - 1] = max(widths[index - 1], len(shown))
            if row is total:
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
    return float(number.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP))


def to_json(table: TableExport) -> bytes:
    """The table as JSON (see the module docstring for the shape)."""
    total = None
    if table.total is not None:
        total = {
            column.key: _json_value(table.total.get(column.key), column)
            for column in table.columns
            if column.kind not in ("text", "flag") and column.key in table.total
        }
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
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


# -- Content-Disposition --------------------------------------------------------------------------------------

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),  # noqa: SIM905
        strict=True,
    )
)


def _ascii_name(text: str) -> str:
    letters = []
    for char in text:
        lower = char.lower()
        if lower in _TRANSLIT:
            latin = _TRANSLIT[lower].strip("-")
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
