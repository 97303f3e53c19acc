"""Streaming the queue's export: CSV that Russian Excel opens, XLSX in constant memory.

Rows are read in chunks (ids first, then ``EXPORT_CHUNK`` appeals at a time
with what the columns need), so 100,000 appeals never sit in memory at once.

- CSV goes out as it is written: UTF-8 with a BOM (Excel otherwise reads it as
  ANSI and shows mojibake), ``,`` or ``;`` as the separator (Russian Excel
  splits on ``;``), CRLF line ends. A cell a spreadsheet would run as a formula
  gets a leading apostrophe; a phone number is written in the national form
  (``+7 900 …`` → ``8 900 …``), which starts with a digit, so it reads normally
  and cannot be a formula.
- XLSX (the recommended format): openpyxl's write-only workbook saved to a
  temporary file, then streamed from it. Cells are typed strings, so nothing in
  them is ever a formula and no apostrophe is needed.
"""

from __future__ import annotations

import csv
import datetime
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence

from django.db.models import QuerySet
from django.utils import timezone

from appeals_form.exports import ExportColumn, defuse_formula

EXPORT_CHUNK = 1000
BOM = "\ufeff"
SEPARATORS = {"comma": ",", "semicolon": ";"}
PHONE_KEYS = frozenset({"phone"})
_PHONE_RE = re.compile(r"^\+?[\d\s().\-]+$")
_XLSX_DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
_XLSX_DATE_FORMAT = "DD.MM.YYYY"


def iter_appeals(queryset: QuerySet, *, prefetch: Sequence[str] = ()) -> Iterator:
    """The appeals of ``queryset`` in its order, fetched ``EXPORT_CHUNK`` at a time."""
    ids = list(queryset.values_list("pk", flat=True))
    related = queryset.query.select_related
    base = queryset.model._default_manager.all()
    for start in range(0, len(ids), EXPORT_CHUNK):
        chunk = ids[start : start + EXPORT_CHUNK]
        rows = base.filter(pk__in=chunk).prefetch_related(*prefetch)
        rows.query.select_related = related
        by_id = {row.pk: row for row in rows}
        for pk in chunk:
            if pk in by_id:  # deleted meanwhile
                yield by_id[pk]


def readable_phone(value: str) -> str:
    """A phone number that starts with a digit: ``+7 900 123-45-67`` → ``8 900 123-45-67``."""
    value = value.strip()
    if not value or not _PHONE_RE.match(value):
        return defuse_formula(value)
    if value.startswith("+7"):
        return "8" + value[2:]
    return defuse_formula(value)  # another country's "+": behind an apostrophe


def csv_cell(key: str, value) -> str:
    if value is None:
        return ""
    if key in PHONE_KEYS and isinstance(value, str):
        return readable_phone(value)
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
            if timezone.is_aware(value)
            else f"{value:%d.%m.%Y %H:%M}"
        )
    if isinstance(value, datetime.date):
        return f"{value:%d.%m.%Y}"
    return defuse_formula(str(value))


class _Line:
    def write(self, value: str) -> str:
        return value


def stream_csv(rows: Iterable, columns: Sequence[ExportColumn], *, separator: str = ",") -> Iterator[bytes]:
    """The CSV file, a line at a time, as UTF-8 with a BOM."""
    writer = csv.writer(_Line(), delimiter=separator, lineterminator="\r\n")
    yield (BOM + writer.writerow([column.heading for column in columns])).encode("utf-8")
    for row in rows:
        yield writer.writerow([csv_cell(column.key, column.value(row)) for column in columns]).encode("utf-8")


def xlsx_cell(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(timezone.localtime(value))
    return value


def write_xlsx(rows: Iterable, columns: Sequence[ExportColumn], *, title: str = "Обращения"):
    """The workbook in a temporary file (deleted on close), positioned at its start."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title)
    sheet.append([column.heading for column in columns])
    for row in rows:
        cells = []
        for column in columns:
            value = xlsx_cell(column.value(row))
            cell = WriteOnlyCell(sheet, value)
            if cell.data_type == "f":  # text starting with "=": a string, never a formula
                cell.data_type = "s"
            if isinstance(value, datetime.datetime):
                cell.number_format = _XLSX_DATETIME_FORMAT
            elif isinstance(value, datetime.date):
                cell.number_format = _XLSX_DATE_FORMAT
            cells.append(cell)
        sheet.append(cells)
    output = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (the response closes it)
    workbook.save(output)
    output.seek(0)
    return output
