"""Uploaded files: CSV / text, Excel (.xlsx) or JSON, chosen by extension and checked by content."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from .columns import MAX_FILE_BYTES, Column, ParsedTable, TableImportError
from .grid import build_table
from .jsonfile import parse_json
from .text import parse_csv_bytes, too_large_file
from .xlsx import read_xlsx

TEXT_EXTENSIONS = frozenset({".csv", ".tsv", ".txt"})
XLSX_EXTENSIONS = frozenset({".xlsx", ".xlsm"})
JSON_EXTENSIONS = frozenset({".json"})
ALLOWED = "CSV (.csv), Excel (.xlsx) или JSON (.json)"
ZIP_MAGIC = b"PK\x03\x04"


def parse_upload_with_total(
    data: bytes, *, filename: str, columns: Sequence[Column], compound: str = "refuse"
) -> ParsedTable:
    """Parse an uploaded file into rows and the typed total; raise TableImportError listing every problem.

    The extension chooses the format; a CSV-named file that is really a workbook is read as one.
    """
    extension = PurePath(filename.replace("\\", "/")).suffix.casefold()
    if extension == ".xls":
        message = "формат .xls (Excel 97–2003) не поддерживается; сохраните книгу как .xlsx или CSV"
        raise TableImportError.single(message)
    if extension not in TEXT_EXTENSIONS | XLSX_EXTENSIONS | JSON_EXTENSIONS:
        shown = f"«{extension}»" if extension else "без расширения"
        raise TableImportError.single(f"файлы {shown} не поддерживаются; загрузите {ALLOWED}")
    if len(data) > MAX_FILE_BYTES:
        raise too_large_file(len(data))
    if not data.strip():
        raise TableImportError.single("таблица пуста: файл не содержит данных")
    if extension in JSON_EXTENSIONS:
        return parse_json(data, columns=columns)
    if extension in XLSX_EXTENSIONS or data.startswith(ZIP_MAGIC):
        return build_table(read_xlsx(data), columns, compound=compound)
    return parse_csv_bytes(data, columns=columns, compound=compound)


def parse_upload(data: bytes, *, filename: str, columns: Sequence[Column]) -> list[dict[str, object]]:
    """Parse an uploaded CSV, XLSX or JSON table into typed rows (the total row is left out)."""
    return parse_upload_with_total(data, filename=filename, columns=columns).rows
