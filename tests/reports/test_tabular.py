"""Importing report tables: values as typed, Word/Excel pastes, CSV/XLSX/JSON files, and every way to get it wrong."""

import io
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from reports.tabular import (
    CATEGORY_COLUMNS,
    COMPARISON_COLUMNS,
    MAX_ROWS,
    TableImportError,
    parse_number,
    parse_pasted,
    parse_pasted_with_total,
    parse_upload,
    parse_upload_with_total,
)

DATA = Path(__file__).parent / "data"
NBSP, NNBSP, MINUS, EN_DASH = "\u00a0", "\u202f", "\u2212", "\u2013"


def category(label, count, *, is_part=False, share=None):
    return {"label": label, "count": count, "is_part": is_part, "share": share}


def comparison(label, current, previous, difference=None, *, is_part=False):
    return {
        "label": label,
        "current": current,
        "previous": previous,
        "difference": difference,
        "is_part": is_part,
        "typed_change": None,
    }


def xlsx_bytes(rows, *, percent_cells=()):
    """A workbook whose first sheet holds ``rows`` from A1 (None leaves a cell empty)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for coordinate in percent_cells:
        sheet[coordinate].number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- parse_number ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("2517", "integer", 2517),
        ("2 517", "integer", 2517),
        (f"2{NBSP}517", "integer", 2517),
        (f"2{NNBSP}517", "integer", 2517),
        (f"1 000{NBSP}000", "integer", 1_000_000),
        ("  48 ", "integer", 48),
        ("0", "integer", 0),
        ("12,0", "integer", 12),
        ("+14", "signed", 14),
        (f"{MINUS}31", "signed", -31),
        (f"{EN_DASH}7", "signed", -7),
        ("-7", "signed", -7),
        (f"{MINUS} 2 228", "signed", -2228),
        ("12,5 %", "percent", Decimal("12.5")),
        ("12.5%", "percent", Decimal("12.5")),
        ("12,5", "percent", Decimal("12.5")),
        ("-3,2 %", "percent", Decimal("-3.2")),
        ("100", "percent", Decimal("100")),
        ("да", "flag", True),
        ("Нет", "flag", False),
        ("1", "flag", True),
        ("0", "flag", False),
        ("в т.ч.", "flag", True),
        ("", "flag", False),
        ("  Дворы  и  территории ", "text", "Дворы и территории"),
        ("", "integer", None),
        ("   ", "percent", None),
        ("—", "integer", None),
        ("", "text", None),
    ],
)
def test_parse_number_reads_values_as_people_type_them(text, kind, expected):
    value = parse_number(text, kind=kind)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("text", "kind", "phrase"),
    [
        ("12а", "integer", "в числе есть буквы"),
        ("12 шт.", "integer", "в числе есть буквы"),
        ("12,5", "integer", "дробное число"),
        ("2.517", "integer", "отделяйте разряды пробелом"),
        ("-3", "integer", "отрицательное число"),
        ("+1,5", "signed", "дробное число"),
        ("12 15", "integer", "несколько чисел"),
        ("12; 15", "signed", "несколько чисел"),
        ("1 000 000 001", "integer", "слишком большое число"),
        ("99999999999999999999999999", "percent", "слишком большое число"),
        ("=A1+B1", "integer", "формула Excel"),
        ("=СУММ(B2:B5)", "percent", "формула Excel"),
        ("#ДЕЛ/0!", "integer", "ошибка вычисления Excel"),
        ("31.06.2020", "integer", "похоже на дату"),
        ("2020-06-30", "signed", "похоже на дату"),
        ("12.май", "integer", "похоже на дату"),
        ("12 мая", "percent", "похоже на дату"),
        ("12%", "integer", "знак % допустим только в столбце процентов"),
        ("%", "percent", "не число"),
        ("может быть", "flag", "непонятная отметка"),
        ("12\x00", "integer", "управляющий символ"),
    ],
)
def test_parse_number_refuses_with_a_russian_message_quoting_the_value(text, kind, phrase):
    with pytest.raises(ValueError, match="«") as caught:
        parse_number(text, kind=kind)
    assert phrase in str(caught.value)
    assert str(caught.value).startswith("«" + text.strip()[:10].replace("\x00", "\\x00"))


# -- good inputs: the seed tables -----------------------------------------------------------------------------


def test_dobrodel_table_pasted_from_word_with_numbering_column_grouped_numbers_and_total():
    text = (DATA / "dobrodel_2020_h1_word.txt").read_text(encoding="utf-8")

    table = parse_pasted_with_total(text, columns=CATEGORY_COLUMNS)

    assert len(table.rows) == 42
    assert table.rows[0] == category("Дворы и территории общего пользования", 3124)
    assert table.rows[1] == category("Многоквартирные дома", 2370)  # «2 370» with U+202F
    assert table.rows[9] == category("Безопасность", 48)  # the trailing space of the Word cell is gone
    assert table.rows[38] == category('МФЦ "Мои документы"', 1)
    assert table.rows[-1] == category("Экономика и бизнес", 1)
    assert table.typed_total == {"count": 8208}
    assert sum(row["count"] for row in table.rows) == table.typed_total["count"]
    assert table.source_titles == {"label": "Категория", "count": "Кол-во"}
    assert parse_pasted(text, columns=CATEGORY_COLUMNS) == table.rows


def test_comparison_table_pasted_from_word_maps_period_headers_and_typed_signs():
    text = (DATA / "sources_2020_h1_word.txt").read_text(encoding="utf-8")

    table = parse_pasted_with_total(text, columns=COMPARISON_COLUMNS)

    assert table.rows == [
        comparison("Государственной Думы РФ", 12, 20, -7),
        comparison("Правительства Московской области", 231, 493, -284),
        comparison("Другие организации", 309, 300, None),
        comparison("Личные обращения граждан", 115, 692, -577),
    ]
    assert table.typed_total is None
    assert table.source_titles == {  # the empty first header cell names no title
        "current": "1 полугодие 2020 года",
        "previous": "1 полугодие 2019 года",
        "difference": "+/-",
    }


def test_comparison_table_whose_empty_first_header_cell_was_stripped_away_still_maps_the_labels():
    text = (DATA / "sources_2020_h1_word.txt").read_text(encoding="utf-8").strip()

    rows = parse_pasted(text, columns=COMPARISON_COLUMNS)

    assert rows[0] == comparison("Государственной Думы РФ", 12, 20, -7)
    assert rows[-1] == comparison("Личные обращения граждан", 115, 692, -577)


def test_topics_table_saved_by_russian_excel_as_cp1251_csv():
    data = (DATA / "topics_2020_h1_excel_cp1251.csv").read_bytes()

    table = parse_upload_with_total(data, filename="Обращения 2020.csv", columns=COMPARISON_COLUMNS)

    assert len(table.rows) == 9
    assert table.rows[0] == comparison("Экология и землепользование", 200, 421, -221)
    assert table.rows[4] == comparison("Социальная сфера", 885, 322, 563)
    assert table.rows[-1] == comparison("Прочие вопросы", 759, 2787, -2228)
    # The typed total and the slips of the +/- column come back exactly as published; checking is done later.
    assert table.typed_total == {"current": 3456, "previous": 6067, "difference": -2611}
    assert table.rows[6]["difference"] == -441


def test_the_same_csv_in_utf8_with_bom_and_in_utf8_gives_the_same_rows():
    text = (DATA / "topics_2020_h1_excel_cp1251.csv").read_bytes().decode("cp1251")
    expected = parse_upload(text.encode("cp1251"), filename="t.csv", columns=COMPARISON_COLUMNS)

    assert (
        parse_upload(b"\xef\xbb\xbf" + text.encode("utf-8"), filename="t.csv", columns=COMPARISON_COLUMNS) == expected
    )
    assert parse_upload(text.encode("utf-8"), filename="T.CSV", columns=COMPARISON_COLUMNS) == expected
    assert parse_upload(text.encode("utf-16"), filename="t.txt", columns=COMPARISON_COLUMNS) == expected


def test_whole_seed_comparison_table_with_a_section_heading_row_names_that_row():
    text = (DATA / "sources_2020_h1_word.txt").read_text(encoding="utf-8")
    first, second, rest = text.split("\n", 2)
    text = f"{first}\n{second}\nПоступило от:\t\t\t\n{rest}"

    with pytest.raises(TableImportError) as caught:
        parse_pasted(text, columns=COMPARISON_COLUMNS)

    assert [(error.row, error.column) for error in caught.value.errors] == [(3, "")]
    assert "«Поступило от:» нет ни одного числа" in caught.value.errors[0].message
    assert "заголовок раздела" in caught.value.errors[0].message


# -- good inputs: layouts --------------------------------------------------------------------------------------


def test_header_in_another_order_with_aliases_and_shares():
    text = "Доля %\tКол-во\tНаименование\n38,1 %\t3 124\tДворы\n28,9%\t2 370\tМногоквартирные дома\n"

    rows = parse_pasted(text, columns=CATEGORY_COLUMNS)

    assert rows == [
        category("Дворы", 3124, share=Decimal("38.1")),
        category("Многоквартирные дома", 2370, share=Decimal("28.9")),
    ]


def test_comparison_header_with_bare_years_takes_the_later_year_as_current():
    rows = parse_pasted("Тема;2019;2020\nДороги;446;376\n", columns=COMPARISON_COLUMNS)

    assert rows == [comparison("Дороги", 376, 446)]


def test_without_header_columns_are_positional_and_trailing_optional_cells_may_be_left_out():
    comparison_text = f"Образование\t125\t150\t{EN_DASH}25\nЖилищные вопросы\t107\t156\n"
    categories_text = "Торговля;139;1,7\nВетеринария;110\n"

    assert parse_pasted(comparison_text, columns=COMPARISON_COLUMNS) == [
        comparison("Образование", 125, 150, -25),
        comparison("Жилищные вопросы", 107, 156),
    ]
    assert parse_pasted(categories_text, columns=CATEGORY_COLUMNS) == [
        category("Торговля", 139, share=Decimal("1.7")),
        category("Ветеринария", 110),
    ]


@pytest.mark.parametrize(
    "prefix",
    ["в т.ч. ", "В т. ч. ", "в том числе: ", "В ТОМ ЧИСЛЕ ", "из них ", "Из них: ", "- ", f"{EN_DASH} ", "— "],
)
def test_part_rows_are_recognised_by_their_label_prefix_which_is_removed(prefix):
    text = f"Строительство\t149\n{prefix}тротуары\t12\nОбразование\t125\n"

    rows = parse_pasted(text, columns=CATEGORY_COLUMNS)

    assert rows == [
        category("Строительство", 149),
        category("тротуары", 12, is_part=True),
        category("Образование", 125),
    ]


def test_part_rows_marked_in_the_flag_column():
    text = "Категория;Количество;В том числе\nСтроительство;149;нет\nтротуары;12;да\nдороги;20;в т.ч.\n"

    rows = parse_pasted(text, columns=CATEGORY_COLUMNS)

    assert [row["is_part"] for row in rows] == [False, True, True]
    assert [row["label"] for row in rows] == ["Строительство", "тротуары", "дороги"]


@pytest.mark.parametrize("label", ["Итого", "ИТОГО:", "всего", "Всего обращений", "Итого."])
def test_total_row_is_returned_separately_and_is_not_a_data_row(label):
    text = f"Категория\tКоличество\nДворы\t3 124\nДома\t2 370\n{label}\t5 494\n\n"

    table = parse_pasted_with_total(text, columns=CATEGORY_COLUMNS)

    assert table.rows == [category("Дворы", 3124), category("Дома", 2370)]
    assert table.typed_total == {"count": 5494}


def test_csv_with_commas_quoted_fields_and_a_field_spanning_lines_keeps_source_line_numbers():
    text = 'Категория,Количество\n"Благоустройство, детские площадки",397\n"Водоснабжение\nв МКД",113\n\nОхрана,3а\n'

    with pytest.raises(TableImportError) as caught:
        parse_pasted(text, columns=CATEGORY_COLUMNS)
    assert [(error.row, error.column) for error in caught.value.errors] == [(6, "Количество")]

    rows = parse_pasted(text.replace("3а", "3"), columns=CATEGORY_COLUMNS)
    assert [row["label"] for row in rows] == ["Благоустройство, детские площадки", "Водоснабжение в МКД", "Охрана"]


def test_excel_clipboard_quoting_of_a_cell_with_quotes_is_undone_and_word_quotes_are_kept():
    text = '"МФЦ ""Мои документы"""\t1\n"Добродел"\t8 208\n'

    rows = parse_pasted(text, columns=CATEGORY_COLUMNS)

    assert [row["label"] for row in rows] == ['МФЦ "Мои документы"', '"Добродел"']


def test_blank_lines_are_ignored_but_counted_in_row_numbers():
    text = "\n\nКатегория\tКоличество\n\nДворы\t3 124\n\n\nДома\tмного\n"

    with pytest.raises(TableImportError) as caught:
        parse_pasted(text, columns=CATEGORY_COLUMNS)

    assert [(error.row, error.column) for error in caught.value.errors] == [(8, "Количество")]


def test_xlsx_with_caption_native_numbers_and_percent_formatted_cells():
    data = xlsx_bytes(
        [
            ["Сведения о работе с обращениями, поступившими через портал «Добродел»"],
            [],
            ["№ п/п", "Категория", "Кол-во", "Доля, %"],
            [1, "Дворы и территории общего пользования", 3124, 0.381],
            [2, "Многоквартирные дома", 2370.0, 0.289],
            [None, "в т.ч. управляющие компании", "46", None],
            [None, "Итого", 5540, 1],
        ],
        percent_cells=["D4", "D5", "D7"],
    )

    table = parse_upload_with_total(data, filename="dobrodel.xlsx", columns=CATEGORY_COLUMNS)

    assert table.rows == [
        category("Дворы и территории общего пользования", 3124, share=Decimal("38.1")),
        category("Многоквартирные дома", 2370, share=Decimal("28.9")),
        category("управляющие компании", 46, is_part=True),
    ]
    assert table.typed_total == {"count": 5540, "share": Decimal("100")}


def test_a_csv_named_file_that_is_really_a_workbook_is_read_as_one():
    data = xlsx_bytes([["Категория", "Количество"], ["Дворы", 3124]])

    assert parse_upload(data, filename="table.csv", columns=CATEGORY_COLUMNS) == [category("Дворы", 3124)]


def test_exactly_the_row_limit_is_accepted():
    text = "\n".join(f"Категория {number}\t{number}" for number in range(MAX_ROWS)) + "\nИтого\t1\n"

    table = parse_pasted_with_total(text, columns=CATEGORY_COLUMNS)

    assert len(table.rows) == MAX_ROWS
    assert table.typed_total == {"count": 1}


# -- all or nothing --------------------------------------------------------------------------------------------


def test_one_bad_row_among_good_rows_imports_nothing():
    good = (DATA / "dobrodel_2020_h1_word.txt").read_text(encoding="utf-8")
    bad = good.replace("Торговля\t139", "Торговля\t13,9")

    result = None
    with pytest.raises(TableImportError) as caught:
        result = parse_pasted(bad, columns=CATEGORY_COLUMNS)

    assert result is None
    [error] = caught.value.errors
    assert (error.row, error.column) == (6, "Количество")  # the column's title, though the header said «Кол-во»
    assert "«13,9» — дробное число" in error.message


def test_every_error_of_the_input_is_reported_in_source_order_with_row_and_column():
    text = "Показатель\tТекущий период\tПредыдущий период\t+/-\nДороги\t12а\t20\t+1,5\nДома\t-3\t\t\nВода\t5\t6\t1\n"

    with pytest.raises(TableImportError) as caught:
        parse_pasted(text, columns=COMPARISON_COLUMNS)

    assert [(error.row, error.column) for error in caught.value.errors] == [
        (2, "Текущий период"),
        (2, "+/-"),
        (3, "Текущий период"),
        (3, "Предыдущий период"),
    ]
    lines = str(caught.value).splitlines()
    assert lines[0] == (
        "Строка 2, «Текущий период»: «12а» — в числе есть буквы; нужно целое число не меньше нуля, например 2 517"
    )
    assert lines[3].startswith("Строка 3, «Предыдущий период»: пустая ячейка;")
    assert isinstance(caught.value, ValueError)


# -- the catalogue of bad inputs -------------------------------------------------------------------------------

CAT = CATEGORY_COLUMNS
CMP = COMPARISON_COLUMNS
HEAD = "Категория\tКоличество\n"
CHEAD = "Показатель\tТекущий период\tПредыдущий период\t+/-\n"


def pasted(text, columns=CAT):
    return lambda: parse_pasted(text, columns=columns)


def upload(data, filename, columns=CAT):
    return lambda: parse_upload(data, filename=filename, columns=columns)


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


BAD_INPUTS = [
    # (id, call, row, column, phrase)
    ("letters", pasted(HEAD + "Дворы\t3 124\nДома\t12а\n"), 3, "Количество", "«12а» — в числе есть буквы"),
    ("fraction", pasted(HEAD + "Дворы\t12,5\n"), 2, "Количество", "«12,5» — дробное число"),
    ("negative", pasted(HEAD + f"Дворы\t{MINUS}3\n"), 2, "Количество", "отрицательное число"),
    ("two numbers", pasted(HEAD + "Дворы\t31 24\n"), 2, "Количество", "несколько чисел"),
    ("absurd", pasted(HEAD + "Дворы\t3 124 000 000\n"), 2, "Количество", "слишком большое число"),
    ("formula", pasted(HEAD + "Дворы\t=B2+B3\n"), 2, "Количество", "формула Excel"),
    ("excel error", pasted(HEAD + "Дворы\t#ЗНАЧ!\n"), 2, "Количество", "ошибка вычисления Excel"),
    ("date", pasted(HEAD + "Дворы\t31.06.2020\n"), 2, "Количество", "похоже на дату"),
    ("excel date", pasted(HEAD + "Дворы\t12.май\n"), 2, "Количество", "похоже на дату"),
    ("percent in count", pasted(HEAD + "Дворы\t38%\n"), 2, "Количество", "знак % допустим только"),
    ("bad share", pasted("Категория\tКоличество\tДоля, %\nДворы\t3\tмного\n"), 2, "Доля, %", "в числе есть буквы"),
    ("bad flag", pasted("Категория;Количество;В том числе\nДворы;3;может\n"), 2, "В том числе", "непонятная отметка"),
    ("signed fraction", pasted(CHEAD + "Дороги\t1\t2\t+1,5\n", CMP), 2, "+/-", "дробное число"),
    ("empty count", pasted("Категория\tКоличество\tДоля, %\nДворы\t\t12,5\n"), 2, "Количество", "пустая ячейка"),
    ("empty label", pasted(HEAD + "Дворы\t1\n\t12\n"), 3, "Категория", "нужно название строки"),
    ("part without label", pasted(HEAD + "Дворы\t5\nв т.ч.\t3\n"), 3, "Категория", "нет названия строки"),
    ("part row first", pasted(HEAD + "в т.ч. тротуары\t5\nДворы\t7\n"), 2, "Категория", "стоит первой"),
    ("section heading", pasted(CHEAD + "Поступило от:\t\t\t\n", CMP), 2, "", "нет ни одного числа"),
    ("unknown header", pasted("Категория\tКоличество\tЦвет\nДворы\t5\tсиний\n"), 1, "", "неизвестный столбец «Цвет»"),
    ("missing column", pasted("Категория\tДоля, %\nДворы\t5\n"), 1, "Количество", "нет обязательного столбца"),
    ("duplicate column", pasted("Категория\tКол-во\tКоличество\nДворы\t5\t5\n"), 1, "Количество", "дважды"),
    (
        "no header for values",
        pasted(" \tКатегория\tКоличество\n7\tДворы\t5\n"),
        2,
        "",
        "«7» в столбце 1, у которого нет заголовка",
    ),
    ("short row", pasted(CHEAD + "Дороги\t1\t2\nДома\t12\n", CMP), 3, "", "нет значений для «Предыдущий период»"),
    ("long row", pasted(HEAD + "Дворы\t12\t5\t7\n"), 2, "", "лишние значения «5», «7»"),
    ("running numbers", pasted("1\tДворы\t3124\n2\tДома\t2370\n"), 1, "", "похожа на номер по порядку"),
    ("total in between", pasted(HEAD + "Дворы\t5\nИтого\t5\nДома\t3\n"), 3, "", "первой или последней"),
    ("two totals", pasted(HEAD + "Всего\t8\nДворы\t5\nДома\t3\nИтого\t8\n"), 5, "", "вторая строка итога"),
    ("empty", pasted(""), 0, "", "таблица пуста"),
    ("no separators", pasted("Дворы 3124\nДома 2370\n"), 0, "", "столбцы не разделены табуляцией"),
    ("too wide", pasted(HEAD + "Дворы\t5" + "\tx" * 30 + "\n"), 2, "", "столбцов может быть не больше 30"),
    ("blank lines only", pasted("\n  \n\t\t\n"), 0, "", "таблица пуста"),
    ("only header", pasted("\n" + HEAD), 2, "", "есть только строка заголовков"),
    ("only total", pasted(HEAD + "Итого\t5\n"), 0, "", "есть только строка итога"),
    ("too many rows", pasted("\n".join(f"Кат {n}\t{n}" for n in range(MAX_ROWS + 1))), 0, "", "не больше 500"),
    ("oversized text", pasted(HEAD + ("Дворы\t5\n" * 20_000)), 0, "", "больше 200 КБ"),
    ("NUL byte", pasted(HEAD + "Дворы\t5\nДома\t3\x00\n"), 3, "", "управляющий символ (U+0000)"),
    ("pdf", upload(b"%PDF-1.7\n", "report.pdf"), 0, "", "файлы «.pdf» не поддерживаются; загрузите CSV"),
    ("exe", upload(b"MZ\x90\x00", "table.EXE"), 0, "", "файлы «.exe» не поддерживаются"),
    ("no extension", upload(b"a;1", "table"), 0, "", "без расширения"),
    ("old xls", upload(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "table.xls"), 0, "", "Excel 97–2003"),
    ("broken xlsx", upload(b"PK\x03\x04 definitely not a zip", "table.xlsx"), 0, "", "не является книгой Excel"),
    ("text as xlsx", upload("Категория;Количество".encode(), "table.xlsx"), 0, "", "не является книгой Excel"),
    ("docx as xlsx", upload(docx_bytes(), "table.xlsx"), 0, "", "это документ Word"),
    ("empty file", upload(b"", "table.csv"), 0, "", "таблица пуста"),
    ("huge file", upload(b"a;1\n" * (1_400_000), "table.csv"), 0, "", "больше 5,0 МБ (получено 5,3 МБ)"),
    (
        "cp1251 bad byte",
        upload("Категория;Количество\r\nДворы;5\r\n".encode("cp1251") + b"\x98;3\r\n", "t.csv"),
        3,
        "",
        "ни как UTF-8, ни как Windows-1251: непонятный байт 0x98",
    ),
    ("NUL bytes in csv", upload(b"a;1\nb;2\x00\n", "t.csv"), 2, "", "нулевые байты"),
    ("bad utf-8 after BOM", upload(b"\xef\xbb\xbfa;1\n\xff;2\n", "t.csv"), 2, "", "объявлен как UTF-8"),
    (
        "xlsx fraction",
        upload(xlsx_bytes([["Категория", "Количество"], ["Дворы", 3124], ["Дома", 12.5]]), "t.xlsx"),
        3,
        "Количество",
        "«12,5» — дробное число",
    ),
    (
        "xlsx date",
        upload(xlsx_bytes([[], ["Категория", "Количество"], ["Дворы", datetime(2020, 5, 12)]]), "t.xlsx"),
        3,
        "Количество",
        "«12.05.2020» — это дата",
    ),
    (
        "xlsx too many rows",
        upload(xlsx_bytes([["Кат", n] for n in range(MAX_ROWS + 30)]), "t.xlsx"),
        0,
        "",
        "можно не больше 500",
    ),
    ("json syntax", upload(b'{"rows": [\n  {"label": "a",}\n]}', "t.json"), 2, "", "не является корректным JSON"),
    ("json unknown key", upload(b'[{"label": "a", "count": 1, "color": "red"}]', "t.json"), 1, "", "«color»"),
    ("json missing key", upload(b'{"rows": [{"label": "a"}]}', "t.json"), 0, "Количество", "обязательного ключа"),
    ("json NaN", upload(b'[{"label": "a", "count": NaN}]', "t.json"), 0, "", "не является корректным JSON"),
    ("json not rows", upload(b'{"data": []}', "t.json"), 0, "", "нет списка строк «rows»"),
]


@pytest.mark.parametrize(
    ("call", "row", "column", "phrase"), [case[1:] for case in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input_is_refused_with_the_row_column_and_reason(call, row, column, phrase):
    with pytest.raises(TableImportError) as caught:
        call()

    errors = caught.value.errors
    assert len(errors) == 1, str(caught.value)
    assert (errors[0].row, errors[0].column) == (row, column)
    assert phrase.casefold() in errors[0].message.casefold()
    assert str(caught.value) == str(errors[0])
    if row:
        assert str(caught.value).startswith(f"Строка {row}")
