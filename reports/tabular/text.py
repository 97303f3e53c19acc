"""Text tables: what Word and Excel put on the clipboard (tab-separated) and CSV files (';' or ',').

The separator is detected: a tab anywhere in the first rows means tab-separated text; otherwise ';' when the
first row splits on it, otherwise ',' — unless the commas are decimal commas of columns separated by spaces (text
copied from a PDF): such text, like any text without separators, is refused with a message saying the columns
are not tab-separated. CSV fields may be quoted ("…", with "" for a quote) and span lines.
Tab-separated cells are split on tabs only; a cell Excel quoted (one holding a line break, a tab or a doubled
quote) is unquoted and may span lines (``reports.tabular.tsv``). Row numbers are the source line numbers, starting at 1.

Files are decoded as UTF-8 (with or without BOM), UTF-16 with BOM (Excel's «Текст Юникод») or Windows-1251
(Excel's «CSV (разделители — точки с запятой)» on a Russian Windows).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence

from .columns import MAX_FILE_BYTES, MAX_TEXT_BYTES, CellError, Column, ParsedTable, TableImportError
from .grid import SourceRow, build_table
from .tsv import split_tabbed

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_FORBIDDEN_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SOFT_BREAK_RE = re.compile(r"[\x0b\x0c]")  # Word's manual line break and page break: a space
_COMMENT_RE = re.compile(r"^\s*#\s[^\t]*$")
#: Words, then numbers separated by spaces, the last one with a decimal comma: «Электронная почта 133 34,64 %».
#: A comma that is not a decimal comma (not between two digits).
_SEPARATING_COMMA_RE = re.compile(r"(?<!\d),|,(?!\d)")
_SPACED_DECIMAL_RE = re.compile(r"^[^\t,;]*[^\W\d_][^\t,;]*\s\d[\d\s\u00a0\u202f]*,\d+\s*%?\s*$")


def size_label(size: int) -> str:
    """A byte count for people: «250 КБ», «5,0 МБ», «5,5 МБ» (megabytes always with one decimal)."""
    if size < 1024 * 1024:
        return f"{(size + 1023) // 1024} КБ"
    return f"{size / (1024 * 1024):.1f} МБ".replace(".", ",")


def parse_text(
    text: str, *, columns: Sequence[Column], max_bytes: int = MAX_TEXT_BYTES, compound: str = "refuse"
) -> ParsedTable:
    """Parse a pasted or decoded text table; raise TableImportError listing every problem."""
    if not isinstance(text, str):
        raise TypeError("text must be str")
    size = len(text.encode("utf-8", errors="replace"))
    if size > max_bytes:
        hint = "вставьте таблицу частями или загрузите файл" if max_bytes == MAX_TEXT_BYTES else "разделите файл"
        message = f"текст таблицы больше {size_label(max_bytes)} (получено {size_label(size)}): {hint}"
        raise TableImportError.single(message)
    rows, errors = split_text(text.removeprefix("\ufeff"))
    if any(error.row == 0 for error in errors):
        raise TableImportError(errors)
    try:
        table = build_table(rows, columns, compound=compound)
    except TableImportError as exc:
        raise TableImportError([*errors, *exc.errors]) from None
    if errors:
        raise TableImportError(errors)
    return table


def split_text(text: str) -> tuple[list[SourceRow], list[CellError]]:
    """Split text into numbered rows of cells; control characters are reported (per line) and removed."""
    errors: list[CellError] = []
    lines = _LINE_BREAK_RE.split(text)
    comments = 0
    while comments < len(lines) and _COMMENT_RE.match(lines[comments]):
        comments += 1  # «# …» lines above a table (a source note) are not part of it
    if comments:
        text = "\n" * comments + "\n".join(lines[comments:])
        lines = [""] * comments + lines[comments:]
    for number, line in enumerate(lines, start=1):
        match = _FORBIDDEN_RE.search(line)
        if match:
            code = f"U+{ord(match.group()):04X}"
            message = (
                f"в строке недопустимый управляющий символ ({code}); скопируйте таблицу заново "
                "или сохраните файл как CSV"
            )
            errors.append(CellError(number, "", message))
    text = _SOFT_BREAK_RE.sub(" ", _FORBIDDEN_RE.sub("", text))
    delimiter = detect_delimiter(text)
    if delimiter is None:
        if text.strip():
            message = (
                "столбцы не разделены табуляцией: скопируйте таблицу из Word, Excel или с веб-страницы (тогда "
                "между ячейками будет табуляция) или вставьте CSV с «;»; текст из PDF вставьте сначала в Excel "
                "и разбейте на столбцы («Данные → Текст по столбцам»); если в источнике не таблица, а перечень "
                "в тексте («экономика – 194 обращения (43,4 %)»), заполните строки блока вручную"
            )
            errors.append(CellError(0, "", message))
        return [(number, [line]) for number, line in enumerate(_LINE_BREAK_RE.split(text), start=1)], errors
    if delimiter == "\t":
        return split_tabbed(_LINE_BREAK_RE.split(text)), errors
    return _split_csv(text, delimiter), errors


def detect_delimiter(text: str) -> str | None:
    """Tab, ';' or ',' — the separator of the text's first rows; None for a single column.

    A comma is never taken for a separator when it is a decimal comma: a line whose words are followed by
    numbers separated by spaces and ending in a fraction («Электронная почта 133 34,64 %», copied from a PDF).
    ';' or ',' is the separator only when it splits at least half of the first rows.
    """
    sample = [line for line in _LINE_BREAK_RE.split(text[:20_000]) if line.strip()][:20]
    if any("\t" in line for line in sample):
        return "\t"
    candidates = (";",) if any(_SPACED_DECIMAL_RE.match(line) for line in sample) else (";", ",")
    for delimiter in candidates:
        # A CSV file or Excel's export has the separator on (nearly) every row; a comma or ';' inside the labels of
        # text copied from a PDF («Поступило обращений, всего 44» above «-письменных 19») is no separator.
        split = sum(1 for line in sample if _splits(line, delimiter))
        if split and split * 2 >= len(sample):
            return delimiter
    return None


def _splits(line: str, delimiter: str) -> bool:
    """Whether ``delimiter`` separates fields of ``line``; a comma between two digits is a decimal comma.

    «- до 15 дней   23   (65,7 %)» or «1) экономика – 194 обращения (43,4%)» (text copied from a web page that
    is no table) is not split by its decimal commas into «… (65» and «7 %)», nor a list item by the «;» or «,»
    that ends it («в письменной форме - 7 обращений;»).
    """
    line = line.rstrip().rstrip(delimiter)
    fields = next(csv.reader([line], delimiter=delimiter), [])
    if len(fields) < 2:
        return False
    return delimiter != "," or bool(_SEPARATING_COMMA_RE.search(line))


def _split_csv(text: str, delimiter: str) -> list[SourceRow]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True)
    rows: list[SourceRow] = []
    line = 0
    for cells in reader:
        rows.append((line + 1, list(cells)))
        line = reader.line_num
    return rows


def decode_csv(data: bytes) -> str:
    """Decode CSV bytes: UTF-8 (BOM or not), UTF-16 with BOM, or Windows-1251; a clear error otherwise."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8) :], "utf-8", "UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", "UTF-16")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        message = (
            "в файле есть нулевые байты — это не текстовый CSV; если это книга Excel, "
            "загрузите её как .xlsx или сохраните как «CSV (разделители — точки с запятой)»"
        )
        raise TableImportError.single(message, row=line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _decode(data, "cp1251", "Windows-1251")


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex().upper()
        if name == "Windows-1251":
            message = (
                f"файл не удалось прочитать ни как UTF-8, ни как Windows-1251: непонятный байт 0x{byte}; "
                "сохраните таблицу в Excel как «CSV UTF-8» или «CSV (разделители — точки с запятой)»"
            )
        else:
            message = f"файл объявлен как {name}, но содержит неверный байт 0x{byte}; сохраните его заново"
        raise TableImportError.single(message, row=line) from None


def parse_csv_bytes(data: bytes, *, columns: Sequence[Column], compound: str = "refuse") -> ParsedTable:
    """Parse a CSV (or tab-separated text) file."""
    return parse_text(decode_csv(data), columns=columns, max_bytes=MAX_FILE_BYTES * 2, compound=compound)


def too_large_file(size: int) -> TableImportError:
    message = f"файл больше {size_label(MAX_FILE_BYTES)} (получено {size_label(size)}); разделите таблицу"
    return TableImportError.single(message)
