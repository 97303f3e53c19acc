"""Excel workbooks (.xlsx): the first sheet as a grid of native cell values.

Read with openpyxl in read-only, values-only (``data_only``) mode: formulas give their cached values. A cell with
a percent number format (0.125 shown as «12,5 %») is read as 12.5. Row numbers are the sheet's row numbers.
At most MAX_COLUMNS columns are read; a file that is not a workbook gives a clear error, never a traceback.
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal

from .columns import MAX_COLUMNS, MAX_ROWS, TableImportError
from .grid import SourceRow, filled

#: Rows of the sheet looked at (blank and formatted-only rows included) before giving up.
MAX_SHEET_ROWS = 20_000
#: The largest total size of the workbook's parts once unzipped.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024

_PLACES_RE = re.compile(r"[0#](?:\.([0#]+))?%?(?:[^0#.]*)$")

NOT_A_WORKBOOK = (
    "файл не является книгой Excel (.xlsx){detail}; откройте его в Excel и сохраните как «Книга Excel (*.xlsx)» "
    "или как CSV"
)


def _not_a_workbook(detail: str = "") -> TableImportError:
    return TableImportError.single(NOT_A_WORKBOOK.format(detail=detail))


def check_workbook_bytes(data: bytes) -> None:
    """Refuse bytes that are not an .xlsx package before openpyxl sees them."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _not_a_workbook(": это книга старого формата Excel 97–2003 (.xls)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unzipped = sum(info.file_size for info in archive.infolist())
    except Exception:  # BadZipFile, NotImplementedError (unknown zip features), OSError, ...
        raise _not_a_workbook(": файл повреждён или это не архив Office Open XML") from None
    if "xl/workbook.xml" not in names:
        detail = ": это документ Word" if "word/document.xml" in names else ""
        raise _not_a_workbook(detail)
    if unzipped > MAX_UNZIPPED_BYTES:
        raise TableImportError.single("книга Excel слишком велика после распаковки; сохраните в ней только таблицу")


def read_xlsx(data: bytes) -> list[SourceRow]:
    """The rows of the first sheet, as ``(sheet row number, [cell values])``."""
    check_workbook_bytes(data)
    try:
        from openpyxl import load_workbook  # on use: keeps it out of every worker's memory

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on malformed packages
        raise _not_a_workbook(": книгу не удалось открыть") from None
    try:
        if not workbook.worksheets:
            raise TableImportError.single("в книге Excel нет ни одного листа с таблицей")
        sheet = workbook.worksheets[0]
        rows: list[SourceRow] = []
        non_blank = 0
        for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
            if number > MAX_SHEET_ROWS:
                raise TableImportError.single(f"на первом листе больше {MAX_SHEET_ROWS} строк; оставьте только таблицу")
            cells = [_value(cell) for cell in row]
            if filled(cells):
                non_blank += 1
                if non_blank > MAX_ROWS + 20:
                    message = f"на первом листе больше {MAX_ROWS} строк с данными; можно не больше {MAX_ROWS}"
                    raise TableImportError.single(message)
            rows.append((number, cells))
        return rows
    except TableImportError:
        raise
    except Exception:  # a malformed sheet inside a valid package
        raise _not_a_workbook(": лист книги не удалось прочитать") from None
    finally:
        workbook.close()


def _value(cell: object) -> object:
    """The cell's value; a number shown with decimals («0,50», «12,0 %») keeps the decimals it is shown with."""
    value = getattr(cell, "value", None)
    number_format = getattr(cell, "number_format", None) or ""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return value
    number = Decimal(repr(value))
    if "%" in number_format:
        number *= 100
    places = _shown_places(number_format)
    if places is not None and number == number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):
        return number.quantize(Decimal(1).scaleb(-places))
    return number if "%" in number_format or isinstance(value, float) else value


def _shown_places(number_format: str) -> int | None:
    """The decimals a number format shows («0.00» → 2, «#,##0» → 0), None for «General» and the like."""
    match = _PLACES_RE.search(number_format.split(";")[0])
    if match is None:
        return None
    return len(match.group(1) or "")
