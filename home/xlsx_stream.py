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

The sheet opens ready to work with: the header row frozen, an autofilter over
the header and every row (its range is known only after the last row, so the
workbook part that names it is written last), and the columns' widths given by
the caller. All of it is a few bytes of XML around the rows: the stream and
its memory are unchanged.

No Zip64: the sheet's XML must stay under 2 GiB (``zipfile`` raises past it;
100,000 appeals with their texts are some 100–200 MB), and some Excel
versions do not open Zip64 files written with data descriptors.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from xml.sax.saxutils import escape, quoteattr

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
# The header row stays on screen while the rows scroll (a frozen pane below row 1).
_FROZEN_HEADER = (
    '<sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    "</sheetView></sheetViews>"
)
MIN_WIDTH = 8
MAX_WIDTH = 80


def _sheet_start(widths: Sequence[float] | None) -> str:
    """The sheet's XML before its rows: the frozen header and the columns' widths (in characters)."""
    cols = ""
    if widths:
        cols = (
            "<cols>"
            + "".join(
                f'<col min="{index}" max="{index}" width="{min(max(width, MIN_WIDTH), MAX_WIDTH):g}" customWidth="1"/>'
                for index, width in enumerate(widths, start=1)
            )
            + "</cols>"
        )
    return _HEAD + f'<worksheet xmlns="{_MAIN}">{_FROZEN_HEADER}{cols}<sheetData>'


def _sheet_end(filter_ref: str) -> str:
    """After the rows: the autofilter over the header and every row written (known only at the end)."""
    return f'</sheetData><autoFilter ref="{filter_ref}"/></worksheet>'


def _workbook(title: str, filter_ref: str = "") -> str:
    """The workbook part; with ``filter_ref``, the hidden name Excel keeps an autofilter's range in."""
    title = title[:31]
    names = ""
    if filter_ref:
        absolute = ":".join("$" + re.sub(r"(\d+)", r"$\1", cell) for cell in filter_ref.split(":"))
        sheet = "'" + title.replace("'", "''") + "'"
        names = (
            '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
            f"{escape(sheet)}!{absolute}</definedName></definedNames>"
        )
    return (
        _HEAD + f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
        f'<sheets><sheet name={quoteattr(title)} sheetId="1" r:id="rId1"/></sheets>{names}</workbook>'
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
    header: Sequence[str],
    rows: Iterable[Sequence],
    *,
    kinds: Sequence[str],
    title: str = "Лист1",
    widths: Sequence[float] | None = None,
) -> Iterator[bytes]:
    """The .xlsx file's bytes, a batch of rows at a time: a header row, then ``rows`` typed by ``kinds``.

    The header row is frozen and carries an autofilter over every row; ``widths``
    are the columns' widths in characters (Excel's default without them).
    """
    # Imported here, not with the module: openpyxl is 18 MB in every web worker (the queue imports this module).
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.datetime import to_excel

    letters = [get_column_letter(index) for index in range(1, len(header) + 1)]
    writers = [_cell_writer(letter, kind, to_excel) for letter, kind in zip(letters, kinds, strict=True)]
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION_LEVEL) as archive:
        # xl/workbook.xml goes last: it names the autofilter's range, known after the last row.
        for name, content in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _ROOT_RELS),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            ("xl/styles.xml", _STYLES),
        ):
            archive.writestr(name, content)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            head = "".join(_cell_writer(letter, TEXT)(value, 1) for letter, value in zip(letters, header, strict=True))
            sheet.write(f'{_sheet_start(widths)}<row r="1">{head}</row>'.encode())
            yield sink.take()  # the workbook's other parts and the sheet's start: before any row is read
            batch: list[str] = []
            number = 1
            for number, row in enumerate(rows, start=2):
                cells = "".join([write(value, number) for write, value in zip(writers, row, strict=True)])
                batch.append(f'<row r="{number}">{cells}</row>')
                if len(batch) >= BATCH_ROWS:
                    sheet.write("".join(batch).encode())
                    batch.clear()
                    if data := sink.take():  # deflate keeps small batches until it has a block
                        yield data
            filter_ref = f"A1:{letters[-1]}{number}"
            sheet.write(("".join(batch) + _sheet_end(filter_ref)).encode())
        archive.writestr("xl/workbook.xml", _workbook(title, filter_ref))
    yield sink.take()
