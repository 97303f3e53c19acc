"""The streamed XLSX writer: the file Excel and openpyxl open, with the cells openpyxl's own writer made.

The queue's export used openpyxl's write-only workbook (saved to a temporary
file, sent at the end); the streamed writer must give the same cells (values,
types, number formats) and send bytes while rows are still being produced.
"""

import datetime
import io
import random
import string
import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from home import xlsx_stream
from home.xlsx_stream import DATE, DATETIME, TEXT

HEADER = ["Номер", "Поступило", "Срок", "Текст", "Пусто", "Число"]
KINDS = [TEXT, DATETIME, DATE, TEXT, TEXT, TEXT]
ROWS = [
    ["ОГ-2026-000001", datetime.datetime(2026, 3, 1, 9, 30, 15), datetime.date(2026, 3, 31), "Батареи не греют", "", 7],
    [
        '=HYPERLINK("http://evil")',
        datetime.datetime(2026, 12, 31, 23, 59),
        None,
        "  пробелы по краям и <теги> & амперсанд  ",
        None,
        "+7 900 123-45-67",
    ],
    ["@SUM(1)", None, datetime.date(2020, 2, 29), "строка 1\nстрока 2", "-1+1", "ё"],
]


def _openpyxl_workbook(header, rows) -> bytes:
    """What the export wrote before (appeals_form.spreadsheets.write_xlsx): openpyxl's write-only workbook."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Обращения")
    sheet.append(header)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value)
            if cell.data_type == "f":  # text starting with "=": a string, never a formula
                cell.data_type = "s"
            if isinstance(value, datetime.datetime):
                cell.number_format = xlsx_stream.DATETIME_FORMAT
            elif isinstance(value, datetime.date):
                cell.number_format = xlsx_stream.DATE_FORMAT
            cells.append(cell)
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _cells(content: bytes) -> list[list[tuple]]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [
        [(cell.value, cell.data_type if cell.value is not None else None, cell.number_format) for cell in row]
        for row in sheet.iter_rows()
    ]


def _streamed(header, rows, kinds, **kwargs) -> bytes:
    return b"".join(xlsx_stream.stream_workbook(header, rows, kinds=kinds, **kwargs))


def test_the_streamed_workbook_has_the_cells_openpyxl_wrote():
    # openpyxl's writer keeps the number 7 a number; the export's values are text, so the streamed one writes "7".
    rows = [[str(value) if isinstance(value, int) else value for value in row] for row in ROWS]
    streamed = _cells(_streamed(HEADER, rows, KINDS, title="Обращения"))
    assert streamed == _cells(_openpyxl_workbook(HEADER, rows))
    assert streamed[2][0] == ('=HYPERLINK("http://evil")', "s", "General")  # text, never a formula
    assert streamed[1][1] == (datetime.datetime(2026, 3, 1, 9, 30, 15), "d", "DD.MM.YYYY HH:MM")
    assert streamed[1][2] == (datetime.datetime(2026, 3, 31), "d", "DD.MM.YYYY")
    assert streamed[2][3][0] == "  пробелы по краям и <теги> & амперсанд  "


def test_the_sheet_has_its_title_and_a_valid_zip():
    content = _streamed(["A"], [["x"]], [TEXT], title='Отчёт "2026" & <итоги>')
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        assert "xl/worksheets/sheet1.xml" in archive.namelist()
    assert load_workbook(io.BytesIO(content)).sheetnames == ['Отчёт "2026" & <итоги>']


def test_characters_xml_cannot_carry_are_dropped_and_long_text_is_cut_at_excels_limit():
    # openpyxl refused such text (IllegalCharacterError: the export failed); Excel refuses cells over 32,767.
    long_text = "я" * (xlsx_stream.EXCEL_CELL_LIMIT + 10)
    content = _streamed(["A", "B"], [["до\x00\x07\x1bпосле", long_text]], [TEXT, TEXT])
    row = next(load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2, values_only=True))
    assert row == ("допосле", "я" * xlsx_stream.EXCEL_CELL_LIMIT)


def test_bytes_go_out_before_the_last_row_is_produced(monkeypatch):
    monkeypatch.setattr(xlsx_stream, "BATCH_ROWS", 10)
    produced = []
    text = random.Random(19)

    def rows():
        for number in range(200):
            produced.append(number)
            # Text that deflate cannot squeeze into nothing, so the zip has bytes to send.
            yield [str(number), "".join(text.choices(string.ascii_letters, k=2000))]

    stream = xlsx_stream.stream_workbook(["N", "Текст"], rows(), kinds=[TEXT, TEXT])
    first = next(stream)
    assert first.startswith(b"PK") and produced == []  # the workbook's start before any row is read
    second = next(stream)
    assert second and len(produced) < 200  # rows still to come: sent as they are written
    rest = b"".join(stream)
    sheet = load_workbook(io.BytesIO(first + second + rest), read_only=True).active
    assert sum(1 for _ in sheet.iter_rows()) == 201
