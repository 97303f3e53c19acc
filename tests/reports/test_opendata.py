"""Open data files of a report table: what each format holds, and that every file imports back unchanged."""

import csv
import dataclasses
import io
import json
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from reports.opendata import TableExport, content_disposition, parse_json, to_csv, to_json, to_xlsx
from reports.tabular import (
    CATEGORY_COLUMNS,
    COMPARISON_COLUMNS,
    TableImportError,
    parse_upload_with_total,
)
from reports.tabular.columns import CHANGE_COMPUTED_COLUMN

REPORT = "Отчёт о работе с обращениями граждан за 1 полугодие 2020 года"
SOURCE = "Администрация Ленинского городского округа"
URL = "https://portal.example.ru/otchety/2020-1/"

CATEGORY_ROWS = [
    {"label": "Дворы и территории общего пользования", "count": 3124, "is_part": False, "share": Decimal("38.1")},
    {"label": "Многоквартирные дома", "count": 2370, "is_part": False, "share": Decimal("28.9")},
    {"label": "Управляющие компании", "count": 46, "is_part": True, "share": Decimal("0.6")},
    {"label": "Автомобильные дороги", "count": 1175, "is_part": False, "share": None},
    {"label": "=Торговля", "count": 0, "is_part": False, "share": Decimal("0")},
]
COMPARISON_ROWS = [
    {
        "label": "Государственной Думы РФ",
        "current": 12,
        "previous": 20,
        "difference": -7,
        "is_part": False,
        "typed_change": None,
    },
    {
        "label": "Другие организации",
        "current": 309,
        "previous": 300,
        "difference": None,
        "is_part": False,
        "typed_change": None,
    },
    {
        "label": "Социальная сфера",
        "current": 885,
        "previous": 322,
        "difference": 563,
        "is_part": False,
        "typed_change": None,
    },
    {
        "label": "продуктовые наборы",
        "current": 400,
        "previous": 0,
        "difference": 400,
        "is_part": True,
        "typed_change": None,
    },
    {
        "label": "Прочие вопросы",
        "current": 759,
        "previous": 2787,
        "difference": -2228,
        "is_part": False,
        "typed_change": None,
    },
]


def export(columns, rows, total, **changes):
    values = {
        "title": "Сообщения на портале «Добродел» по категориям",
        "report_title": REPORT,
        "period": "1 полугодие 2020 года",
        "period_start": date(2020, 1, 1),
        "period_end": date(2020, 6, 30),
        "source": SOURCE,
        "url": URL,
        "columns": columns,
        "rows": rows,
        "total": total,
    }
    return TableExport(**{**values, **changes})


CATEGORY_TABLE = export(CATEGORY_COLUMNS, CATEGORY_ROWS, {"count": 6715, "share": Decimal("100.0")})
COMPARISON_TABLE = export(
    COMPARISON_COLUMNS[:5],
    COMPARISON_ROWS,
    {"current": 2365, "previous": 3429, "difference": -1064},
    title="Обращения по источникам",
)
WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "json": to_json}


@pytest.mark.parametrize("ext", ["csv", "xlsx", "json"])
@pytest.mark.parametrize(
    ("table", "columns"), [(CATEGORY_TABLE, CATEGORY_COLUMNS), (COMPARISON_TABLE, COMPARISON_COLUMNS)]
)
def test_every_format_imports_back_into_the_same_rows_and_typed_total(ext, table, columns):
    typed = dict(table.total)
    table = dataclasses.replace(table, typed_total=typed)
    data = WRITERS[ext](table)

    parsed = parse_upload_with_total(data, filename=f"Таблица.{ext}", columns=columns)

    assert parsed.rows == table.rows
    assert parsed.typed_total == typed  # «Итого в исходном документе»; «Итого (вычислено)» is skipped


@pytest.mark.parametrize("ext", ["csv", "xlsx", "json"])
def test_a_table_without_total_imports_back_without_one(ext):
    table = dataclasses.replace(CATEGORY_TABLE, total=None)

    parsed = parse_upload_with_total(WRITERS[ext](table), filename=f"t.{ext}", columns=CATEGORY_COLUMNS)

    assert parsed.rows == table.rows
    assert parsed.typed_total is None


@pytest.mark.parametrize("ext", ["csv", "xlsx", "json"])
def test_computed_columns_and_period_titles_written_by_the_portal_import_back(ext):
    columns = (
        COMPARISON_COLUMNS[0],
        dataclasses.replace(COMPARISON_COLUMNS[1], title="1 полугодие 2020 года"),
        dataclasses.replace(COMPARISON_COLUMNS[2], title="1 полугодие 2019 года"),
        COMPARISON_COLUMNS[3],
        CHANGE_COMPUTED_COLUMN,
        COMPARISON_COLUMNS[4],
    )
    rows = [
        {**row, "change_percent_computed": Decimal(row["current"] - row["previous"]) * 100 / row["previous"]}
        for row in COMPARISON_ROWS
        if row["previous"]
    ]
    table = dataclasses.replace(COMPARISON_TABLE, columns=columns, rows=rows)

    parsed = parse_upload_with_total(WRITERS[ext](table), filename=f"t.{ext}", columns=COMPARISON_COLUMNS)

    assert parsed.rows == [row for row in COMPARISON_ROWS if row["previous"]]
    assert parsed.typed_total is None  # the computed total is not a figure typed in a source
    if ext != "json":
        assert parsed.source_titles["current"] == "1 полугодие 2020 года"


def test_csv_is_what_a_russian_excel_opens_metadata_first():
    data = to_csv(CATEGORY_TABLE)

    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert lines[:6] == [
        ["Отчёт", REPORT],
        ["Таблица", "Сообщения на портале «Добродел» по категориям"],
        ["Период", "1 полугодие 2020 года (01.01.2020 — 30.06.2020)"],
        ["Источник", SOURCE],
        ["Адрес", URL],
        [],
    ]
    assert lines[6] == ["Категория", "Количество", "В том числе", "Доля, %"]
    assert lines[7] == ["Дворы и территории общего пользования", "3124", "нет", "38,1"]
    assert lines[9] == ["Управляющие компании", "46", "да", "0,6"]
    assert lines[11] == ["'=Торговля", "0", "нет", "0"]  # never run as a formula by a spreadsheet
    assert lines[-1] == ["Итого (вычислено)", "6715", "", "100,0"]


def test_xlsx_has_bold_metadata_a_frozen_bold_header_numbers_as_numbers_and_a_bold_total():
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(CATEGORY_TABLE)))
    sheet = workbook.worksheets[0]

    assert [(sheet.cell(row, 1).value, sheet.cell(row, 2).value) for row in range(1, 6)] == [
        ("Отчёт", REPORT),
        ("Таблица", "Сообщения на портале «Добродел» по категориям"),
        ("Период", "1 полугодие 2020 года (01.01.2020 — 30.06.2020)"),
        ("Источник", SOURCE),
        ("Адрес", URL),
    ]
    assert all(sheet.cell(row, 1).font.b for row in range(1, 6))
    assert [cell.value for cell in sheet[7]] == ["Категория", "Количество", "В том числе", "Доля, %"]
    assert all(cell.font.b for cell in sheet[7])
    assert sheet.freeze_panes == "A8"
    assert [cell.value for cell in sheet[8]] == ["Дворы и территории общего пользования", 3124, "нет", 38.1]
    assert sheet["B8"].number_format == "#,##0"
    assert sheet["D8"].number_format == "#,##0.0"
    assert sheet["A12"].value == "=Торговля"
    assert sheet["A12"].data_type == "s"  # text, not a formula
    assert [cell.value for cell in sheet[13]] == ["Итого (вычислено)", 6715, None, 100]
    assert all(cell.font.b for cell in sheet[13])
    assert not sheet["A12"].font.b
    assert 30 <= sheet.column_dimensions["A"].width <= 60
    assert 10 <= sheet.column_dimensions["B"].width <= 20
    assert workbook.properties.title == "Сообщения на портале «Добродел» по категориям"
    assert workbook.properties.subject == REPORT
    assert workbook.properties.creator == SOURCE


def test_json_shape_with_integers_percentages_with_their_own_decimals_and_booleans():
    rows = [{**CATEGORY_ROWS[0], "share": Decimal("38.06")}, {**CATEGORY_ROWS[2], "share": Decimal("0.55")}]
    data = to_json(dataclasses.replace(CATEGORY_TABLE, rows=rows))

    assert "Добродел".encode() in data  # not \u-escaped
    document = json.loads(data)
    assert document["report"] == REPORT
    assert document["table"] == "Сообщения на портале «Добродел» по категориям"
    assert document["period"] == {"label": "1 полугодие 2020 года", "start": "2020-01-01", "end": "2020-06-30"}
    assert document["source"] == SOURCE
    assert document["url"] == URL
    assert document["columns"][1] == {"key": "count", "title": "Количество", "kind": "integer"}
    assert document["rows"] == [
        {"label": "Дворы и территории общего пользования", "count": 3124, "is_part": False, "share": 38.06},
        {"label": "Управляющие компании", "count": 46, "is_part": True, "share": 0.55},
    ]
    assert b'"share": 100.0\n' in data  # the decimals a figure has are written as they are
    assert document["total"] == {"count": 6715, "share": 100.0}
    assert isinstance(document["rows"][0]["count"], int)
    assert json.loads(to_json(dataclasses.replace(CATEGORY_TABLE, total=None)))["total"] is None


def test_parse_json_is_available_from_opendata_and_refuses_a_bad_total():
    parsed = parse_json(to_json(COMPARISON_TABLE), columns=COMPARISON_COLUMNS)
    assert parsed.rows == COMPARISON_ROWS

    document = json.loads(to_json(dataclasses.replace(COMPARISON_TABLE, typed_total=COMPARISON_TABLE.total)))
    document["typed_total"]["previous"] = "много"
    with pytest.raises(TableImportError) as caught:
        parse_json(json.dumps(document).encode(), columns=COMPARISON_COLUMNS)
    assert [(error.row, error.column) for error in caught.value.errors] == [(0, "Предыдущий период")]
    assert "в строке итога: «много» — в числе есть буквы" in caught.value.errors[0].message


def test_content_disposition_has_an_ascii_fallback_and_a_utf8_filename():
    value = content_disposition("Обращения за 1 полугодие 2020", "xlsx")

    assert value == (
        'attachment; filename="Obrashcheniya_za_1_polugodie_2020.xlsx"; '
        "filename*=UTF-8''%D0%9E%D0%B1%D1%80%D0%B0%D1%89%D0%B5%D0%BD%D0%B8%D1%8F%20%D0%B7%D0%B0%20"
        "1%20%D0%BF%D0%BE%D0%BB%D1%83%D0%B3%D0%BE%D0%B4%D0%B8%D0%B5%202020.xlsx"
    )
    value.encode("ascii")  # a header value must be ASCII


@pytest.mark.parametrize(
    ("stem", "ext", "fallback"),
    [
        ('Отчёт "2020"\r\nSet-Cookie: x=1', ".CSV", 'filename="Otchet_2020_Set-Cookie_x_1.csv"'),
        ("../../etc/passwd", "json", 'filename="etc_passwd.json"'),
        ("«»", "x/l;sx", 'filename="table.xlsx"'),
    ],
)
def test_content_disposition_cannot_be_used_to_inject_headers_or_paths(stem, ext, fallback):
    value = content_disposition(stem, ext)

    assert fallback in value
    assert "\r" not in value and "\n" not in value
    assert value.count('"') == 2
    value.encode("ascii")


def test_whole_number_columns_given_decimals_are_written_as_whole_numbers():
    rows = [{**COMPARISON_ROWS[0], "current": Decimal("12"), "difference": Decimal("-7.0")}]
    table = dataclasses.replace(COMPARISON_TABLE, rows=rows, total=None)

    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(table))).worksheets[0]

    assert [cell.value for cell in sheet[8]][:4] == ["Государственной Думы РФ", 12, 20, -7]
    assert isinstance(sheet["B8"].value, int)
    assert sheet["D8"].number_format == "#,##0"
    assert json.loads(to_json(table))["rows"][0]["difference"] == -7
    assert to_csv(table).decode("utf-8-sig").splitlines()[-1] == "Государственной Думы РФ;12;20;-7;нет"
