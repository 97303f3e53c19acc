"""The files of the open data by the methodology: list.csv, meta.csv, structure-*.csv and data-*.csv.

CSV as RFC 4180 (comma, double quotes, CRLF), UTF-8 without BOM, the first line naming the columns. Values by
the field's format: integers as digits, floats with a decimal point, dates ``YYYY-MM-DD``, times ``HH:MM``,
booleans ``true``/``false``, an empty field for no value. ``parse_value`` reads them back (the tests check each
data set against its structure with it).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, time
from decimal import Decimal, InvalidOperation

from home.spreadsheet_text import defuse_formula

STANDARD_VERSION = "http://opendata.gosmonitor.ru/standard/3.0"
CONTENT_TYPE = "text/csv; charset=utf-8"
_INTEGER_RE = re.compile(r"-?[0-9]+")
_FLOAT_RE = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def stamp(day: date) -> str:
    return f"{day:%Y%m%d}"


def data_name(version: date, structure: date) -> str:
    return f"data-{stamp(version)}-structure-{stamp(structure)}"


def structure_name(structure: date) -> str:
    return f"structure-{stamp(structure)}"


def write_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def read_csv(content: bytes) -> list[dict[str, str]]:
    """Parse a file of ours back (for tests and the version snapshots); no BOM is tolerated."""
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))


def format_value(value: object, fmt: str) -> str:
    if value is None or value == "":
        return ""
    if fmt == "boolean":
        return "true" if value else "false"
    if fmt == "integer":
        return str(int(value))
    if fmt == "float":
        number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
        return format(number, "f")
    if fmt == "date":
        return value.isoformat()
    if fmt == "time":
        return f"{value:%H:%M}"
    text = " ".join(str(value).split())
    return defuse_formula(text)


def parse_value(text: str, fmt: str) -> object:
    """The value a data file's field holds by its declared format; ValueError when it does not parse."""
    if fmt == "string":
        return text
    if fmt == "integer":
        if not _INTEGER_RE.fullmatch(text):
            raise ValueError(f"not an integer: {text!r}")
        return int(text)
    if fmt == "float":
        if not _FLOAT_RE.fullmatch(text):
            raise ValueError(f"not a float: {text!r}")
        try:
            return Decimal(text)
        except InvalidOperation as error:  # pragma: no cover - the pattern already refuses it
            raise ValueError(text) from error
    if fmt == "date":
        return date.fromisoformat(text)
    if fmt == "time":
        if not re.fullmatch(r"[0-9]{2}:[0-9]{2}", text):
            raise ValueError(f"not a time: {text!r}")
        return time.fromisoformat(text)
    if fmt == "boolean":
        if text not in ("true", "false"):
            raise ValueError(f"not a boolean: {text!r}")
        return text == "true"
    raise ValueError(f"unknown format {fmt!r}")


def data_csv(dataset, rows: Iterable[Mapping[str, object]]) -> bytes:
    fields = dataset.fields
    return write_csv(
        dataset.field_names,
        ([format_value(row.get(field.name), field.format) for field in fields] for row in rows),
    )


def structure_csv(dataset) -> bytes:
    return write_csv(
        ("field name", "english description", "russian description", "format"),
        ((f.name, f.english, f.russian, f.format) for f in dataset.fields),
    )


def meta_csv(properties: Iterable[tuple[str, str]]) -> bytes:
    return write_csv(("property", "value"), properties)


def list_csv(entries: Iterable[tuple[str, str, str, str]]) -> bytes:
    rows = [("standardversion", "Версия методических рекомендаций", STANDARD_VERSION, ""), *entries]
    return write_csv(("property", "title", "value", "format"), rows)


def validate(dataset, content: bytes) -> list[str]:
    """Problems of a data file against the data set's structure (empty: valid)."""
    problems: list[str] = []
    text = content.decode("utf-8")
    if text.startswith("\ufeff"):
        problems.append("BOM at the start")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header != list(dataset.field_names):
        return [*problems, f"header {header} differs from the structure {list(dataset.field_names)}"]
    for line, values in enumerate(reader, start=2):
        if len(values) != len(dataset.fields):
            problems.append(f"line {line}: {len(values)} fields, {len(dataset.fields)} expected")
            continue
        for field, value in zip(dataset.fields, values, strict=True):
            if value == "":
                if field.required:
                    problems.append(f"line {line}: {field.name} is empty")
                continue
            try:
                parse_value(value, field.format)
            except ValueError as error:
                problems.append(f"line {line}: {field.name}: {error}")
    return problems
