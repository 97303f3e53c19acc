"""An XLSX workbook of one sheet, written as a stream: bytes go out while the rows are produced.

openpyxl's write-only workbook needs a seekable file and sends nothing until
the last row is written (a 100,000-row export waited 45 s for its first byte
and held a temporary file). Here the zip container is written by
:mod:`zipfile` to an unseekable sink (each member followed by a data
descriptor, as zip allows), and the sheet's XML is produced a batch of rows at
a time, so memory stays flat and the first bytes leave at once.

The cells are what openpyxl wrote before: text as inline strings (``t="inlineStr"``,
so text starting with ``=`` is never a formula), dates and datetimes as Excel
serial numbers with a ``DD.MM.YYYY`` / ``DD.MM.YYYY HH:MM`` number format
(openpyxl's ``to_excel``), empty values as no cell. Characters XML cannot
carry (control characters) are dropped, and text longer than Excel's cell
limit (32,767 characters) is cut there: Excel refuses such a file.

No Zip64: the sheet's XML must stay under 2 GiB (``zipfile`` raises past it;
100,000 appeals with their texts are some 100–200 MB), and some Excel
versions do not open Zip64 files written with data descriptors.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from xml.sax.saxutils import quoteattr

TEXT = "text"
DATE = "date"
DATETIME = "datetime"
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
BATCH_ROWS = 200  # rows of XML written to the zip (and sent) at a time
# zlib's default, as openpyxl: at 20,000 appeals with personal columns the writer takes 1.3 s CPU for 3.8 MB;
# level 1 or 3 take 0.9 s for 5.9 or 5.0 MB.
COMPRESSION_LEVEL = 6
EXCEL_CELL_LIMIT = 32_767
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
_STYLE = {DATE: 1, DATETIME: 2}  # cellXfs below

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTENT_TYPES = (
    _HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    _HEAD + f'<Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    _HEAD + f'<Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_XF = '<xf numFmtId="{}" fontId="0" fillId="0" borderId="0" xfId="0"{}/>'
_STYLES = (
    _HEAD + f'<styleSheet xmlns="{_MAIN}">'
    f'<numFmts count="2"><numFmt numFmtId="164" formatCode="{DATE_FORMAT}"/>'
    f'<numFmt numFmtId="165" formatCode="{DATETIME_FORMAT}"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3">'
    + _XF.format(0, "")
    + _XF.format(164, ' applyNumberFormat="1"')
    + _XF.format(165, ' applyNumberFormat="1"')
    + "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_SHEET_START = _HEAD + f'<worksheet xmlns="{_MAIN}"><sheetData>'
_SHEET_END = "</sheetData></worksheet>"


def _workbook(title: str) -> str:
    return (
        _HEAD + f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
        f'<sheets><sheet name={quoteattr(title[:31])} sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def _text(value: str) -> str:
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[:EXCEL_CELL_LIMIT]
    value = _ILLEGAL.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    return f"<is><t{space}>{value}</t></is>"


def _number(value: datetime.date, to_excel) -> str:
    if isinstance(value, datetime.datetime):
        value = value.replace(tzinfo=None)  # the wall-clock time as given
    return f"{to_excel(value):.16g}"


def _cell_writer(letter: str, kind: str, to_excel=None):
    """``f(value, row_number) -> XML`` of one column's cell (``to_excel``: openpyxl's date serial)."""
    if kind in _STYLE:
        style = _STYLE[kind]
        return lambda value, row: (
            f'<c r="{letter}{row}" s="{style}"><v>{_number(value, to_excel)}</v></c>' if value else ""
        )

    def text(value, row):
        if value is None or value == "":
            return ""
        if not isinstance(value, str):
            value = str(value)
        return f'<c r="{letter}{row}" t="inlineStr">{_text(value)}</c>'

    return text


class _Sink:
    """An unseekable file that keeps what is written until it is taken."""

    def __init__(self):
        self.parts: list[bytes] = []

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def stream_workbook(
    header: Sequence[str], rows: Iterable[Sequence], *, kinds: Sequence[str], title: str = "Лист1"
) -> Iterator[bytes]:
    """The .xlsx file's bytes, a batch of rows at a time: a header row, then ``rows`` typed by ``kinds``."""
    # Imported here, not with the module: openpyxl is 18 MB in every web worker (the queue imports this module).
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.datetime import to_excel

    letters = [get_column_letter(index) for index in range(1, len(header) + 1)]
    writers = [_cell_writer(letter, kind, to_excel) for letter, kind in zip(letters, kinds, strict=True)]
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION_LEVEL) as archive:
        for name, content in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _ROOT_RELS),
            ("xl/workbook.xml", _workbook(title)),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            ("xl/styles.xml", _STYLES),
        ):
            archive.writestr(name, content)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            head = "".join(_cell_writer(letter, TEXT)(value, 1) for letter, value in zip(letters, header, strict=True))
            sheet.write(f'{_SHEET_START}<row r="1">{head}</row>'.encode())
            yield sink.take()  # the workbook's other parts and the sheet's start: before any row is read
            batch: list[str] = []
            for number, row in enumerate(rows, start=2):
                cells = "".join([write(value, number) for write, value in zip(writers, row, strict=True)])
                batch.append(f'<row r="{number}">{cells}</row>')
                if len(batch) >= BATCH_ROWS:
                    sheet.write("".join(batch).encode())
                    batch.clear()
                    if data := sink.take():  # deflate keeps small batches until it has a block
                        yield data
            sheet.write(("".join(batch) + _SHEET_END).encode())
    yield sink.take()
