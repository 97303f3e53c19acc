"""Streaming the queue's export: CSV that Russian Excel opens, XLSX streamed too, both in constant memory.

Rows are read without model instances: the ids first (in the queue's order),
then ``EXPORT_CHUNK`` appeals at a time as ``values_list`` tuples with the
joins the columns need (plus one query per chunk for the co-authors' names and e-mails
when they are exported); the columns' labels and formats are worked out once,
not per row. The CSV of 20,000 appeals takes 1.0 s of CPU instead of 3.8 s
with model instances (20,000 rows/s).

- CSV goes out as it is written: UTF-8 with a BOM (Excel otherwise reads it as
  ANSI and shows mojibake), ``,`` or ``;`` as the separator (Russian Excel
  splits on ``;``), CRLF line ends. A cell a spreadsheet would run as a formula
  gets a leading apostrophe; a phone number keeps its «+» and digits as stored,
  grouped with spaces (``+7 900 123-45-67``, see ``csv_phone``): nothing but
  digits and separators can never run anything, and Excel reads it as text.
- XLSX (the recommended format): written as a stream too (``home.xlsx_stream``).
  Cells are typed strings, so nothing in them is ever a formula and no
  apostrophe is needed; dates are dates.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.db.models import Model, QuerySet
from django.utils import timezone

from appeals_form.exports import CellKind, ExportColumn
from home import xlsx_stream
from home.spreadsheet_text import defuse_formula

EXPORT_CHUNK = 1000
CSV_BATCH_ROWS = 200  # lines sent at a time: one write to the socket per batch, not per line
BOM = "\ufeff"
SEPARATORS = {"comma": ",", "semicolon": ";"}
PHONE_KEYS = frozenset({"phone"})
# A phone number and nothing else: an optional «+» or bracket, then a digit, then digits and separators.
_PHONE_RE = re.compile(r"^\+?\(?\d[\d\s().\-]*$")
# Columns whose values are longer than their headings (characters); the others fit their heading.
XLSX_WIDTHS = {
    "number": 16,
    "topic": 40,
    "addressee": 40,
    "department": 40,
    "executor": 24,
    "identity_method": 24,
    "redirected_to": 40,
    "complaint_against": 40,
    "published_answer_url": 40,
    "result": 28,
    "no_answer_reason": 40,
    "applicant": 32,
    "email": 30,
    "phone": 18,
    "postal_address": 45,
    "co_authors": 50,
    "co_author_addresses": 50,
    "text": 80,
}
_XLSX_KINDS = {
    CellKind.TEXT: xlsx_stream.TEXT,
    CellKind.DATE: xlsx_stream.DATE,
    CellKind.DATETIME: xlsx_stream.DATETIME,
}


def export_ids(queryset: QuerySet) -> list[int]:
    """The ids of ``queryset`` in its order (100,000 ids are a few MB)."""
    return list(queryset.values_list("pk", flat=True))


def _getter(column: ExportColumn, positions: dict[str, int], tz) -> Callable[[tuple, dict], object]:
    """``f(row, related) -> value`` of one column, from a ``values_list`` row and the chunk's related rows."""
    if column.related:
        key = column.key  # two columns may list the same relation (co-authors' e-mails, their addresses)
        return lambda row, related: "; ".join(text for text in related[key].get(row[0], ()) if text)
    indexes = [positions[field] for field in column.fields]
    convert = column.value
    if convert is None:
        [index] = indexes
        if column.kind is CellKind.DATETIME:
            return lambda row, related: row[index].astimezone(tz) if row[index] else None
        return lambda row, related: row[index]
    if len(indexes) == 1:
        [index] = indexes
        return lambda row, related: convert(row[index])
    return lambda row, related: convert(*[row[i] for i in indexes])


def _related_texts(model: type[Model], column: ExportColumn, ids: list[int]) -> dict[int, list[str]]:
    """``{appeal id: [its related rows as texts, in their order]}`` for the chunk, in one query."""
    name, attributes = column.related
    field = model._meta.get_field(name)
    key = field.field.attname  # the related model's foreign key column
    texts: dict[int, list[str]] = {}
    rows = field.related_model._default_manager.filter(**{f"{key}__in": ids}).values_list(key, *attributes)
    for owner, *values in rows:
        texts.setdefault(owner, []).append(column.value(*values) if column.value else values[0])
    return texts


def iter_rows(model: type[Model], ids: list[int], columns: Sequence[ExportColumn]) -> Iterator[list]:
    """Each appeal's cell values (``ids``' order), read ``EXPORT_CHUNK`` appeals at a time."""
    fields = list(dict.fromkeys(field for column in columns for field in column.fields))
    positions = {field: index for index, field in enumerate(fields, start=1)}  # 0 is the pk
    tz = timezone.get_current_timezone()  # once, not per value (as the export is iterated, like before)
    getters = [_getter(column, positions, tz) for column in columns]
    relations = [column for column in columns if column.related]
    base = model._default_manager.order_by()
    for start in range(0, len(ids), EXPORT_CHUNK):
        chunk = ids[start : start + EXPORT_CHUNK]
        by_id = {row[0]: row for row in base.filter(pk__in=chunk).values_list("pk", *fields)}
        related = {column.key: _related_texts(model, column, chunk) for column in relations}
        for pk in chunk:
            row = by_id.get(pk)
            if row is not None:  # deleted meanwhile
                yield [get(row, related) for get in getters]


def csv_phone(value: str) -> str:
    """The phone in a form a spreadsheet reads as text, not as a formula: ``+79035551742`` → ``8 903 555-17-42``.

    A CSV cell that starts with «+» is a formula to Excel («+7 903 …» shows #NULL!:
    the space is its intersection operator), so a Russian number is written the
    national way, «8» for «+7», grouped (the same number; the XLSX keeps it as
    stored). Another country's «+» number goes behind an apostrophe like any
    other cell that could start a formula; other phones are kept as typed.
    """
    value = value.strip()
    if not _PHONE_RE.match(value):
        return defuse_formula(value)
    digits = re.sub(r"\D", "", value)
    if value.startswith("+7") and len(digits) == 11:
        return f"8 {digits[1:4]} {digits[4:7]}-{digits[7:9]}-{digits[9:]}"
    return defuse_formula(value)


def csv_cell(key: str, value) -> str:
    if value is None:
        return ""
    if key in PHONE_KEYS and isinstance(value, str):
        return csv_phone(value)
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
            if timezone.is_aware(value)
            else f"{value:%d.%m.%Y %H:%M}"
        )
    if isinstance(value, datetime.date):
        return f"{value:%d.%m.%Y}"
    return defuse_formula(str(value))


def _csv_text(value) -> str:
    if value is None:
        return ""
    return defuse_formula(value if isinstance(value, str) else str(value))


def _csv_formatter(column: ExportColumn) -> Callable[[object], str]:
    """The column's CSV cell, chosen once: the same result as ``csv_cell`` for its values."""
    if column.key in PHONE_KEYS:
        return lambda value: csv_phone(value) if isinstance(value, str) else csv_cell(column.key, value)
    if column.kind is CellKind.DATETIME:  # already local (the column's value)
        return lambda value: value.strftime("%d.%m.%Y %H:%M") if value else ""
    if column.kind is CellKind.DATE:
        return lambda value: value.strftime("%d.%m.%Y") if value else ""
    return _csv_text


class _Line:
    def write(self, value: str) -> str:
        return value


def stream_csv(rows: Iterable[list], columns: Sequence[ExportColumn], *, separator: str = ",") -> Iterator[bytes]:
    """The CSV file as UTF-8 with a BOM: the header at once, then ``CSV_BATCH_ROWS`` lines at a time."""
    writer = csv.writer(_Line(), delimiter=separator, lineterminator="\r\n")
    formatters = [_csv_formatter(column) for column in columns]
    yield (BOM + writer.writerow([column.heading for column in columns])).encode("utf-8")
    batch: list[str] = []
    for row in rows:
        batch.append(writer.writerow([format_(value) for format_, value in zip(formatters, row, strict=True)]))
        if len(batch) >= CSV_BATCH_ROWS:
            yield "".join(batch).encode("utf-8")
            batch.clear()
    if batch:
        yield "".join(batch).encode("utf-8")


def xlsx_width(column: ExportColumn) -> float:
    """The column's width in the XLSX, in characters: its own, or enough for its heading and a typical value."""
    if column.key in XLSX_WIDTHS:
        return XLSX_WIDTHS[column.key]
    least = {CellKind.DATE: 12, CellKind.DATETIME: 17}.get(column.kind, 10)
    return min(max(least, len(column.heading) + 2), 32)


def stream_xlsx(rows: Iterable[list], columns: Sequence[ExportColumn], *, title: str = "Обращения") -> Iterator[bytes]:
    """The workbook's bytes as the rows are read: typed cells, datetimes in local wall-clock time.

    The header is frozen with an autofilter, the columns are wide enough to read (``xlsx_width``).
    """
    return xlsx_stream.stream_workbook(
        [column.heading for column in columns],
        rows,
        kinds=[_XLSX_KINDS[column.kind] for column in columns],
        title=title,
        widths=[xlsx_width(column) for column in columns],
    )
