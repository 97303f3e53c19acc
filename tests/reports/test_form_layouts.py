"""Tables laid out as official report forms print them: what the importer reads, and what it refuses and why.

Russian report forms (the federal «Информация о количестве и характере обращений граждан», regional forms)
share a layout that a clerk copies as it is: a row numbering the columns under the header («1 2 3 4 5»), the
row numbers in a column of their own («2.», «2.1.», «2.2.»), «в т.ч.» rows whose name spans that column (a
merged cell: the row has one cell fewer), and a percentage «к предыдущему периоду» that is a ratio of the
periods, not their change. The real example is the Surgut district's form for the 1st half of 2004
(``data/published/surgut-rayon_2004-h1.tsv``, source in its header). Each rule is checked for every way a
table reaches the importer (pasted text, CSV, XLSX) and for both table kinds where it applies.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from reports import kinds
from reports.tabular import (
    CATEGORY_COLUMNS,
    COMPARISON_COLUMNS,
    TableImportError,
    parse_pasted_with_total,
    parse_upload_with_total,
)

PUBLISHED = Path(__file__).parent / "data" / "published"
SURGUT = PUBLISHED / "surgut-rayon_2004-h1.tsv"


def as_xlsx(text: str) -> bytes:
    """The pasted text as Excel holds it after «Вставить»: numbers as numbers, words as text."""
    book = Workbook()
    sheet = book.active
    for line in text.splitlines():
        if line.startswith("# "):
            continue
        cells: list[object] = []
        for cell in line.split("\t"):
            cells.append(int(cell) if cell.isdigit() else (cell or None))
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def parse(text: str, columns, how: str):
    """Import ``text`` as the editor brings it: pasted, a CSV file (;) or an Excel workbook."""
    if how == "paste":
        return parse_pasted_with_total(text, columns=columns)
    if how == "csv":
        data = text.replace("\t", ";").encode("utf-8-sig")
        return parse_upload_with_total(data, filename="таблица.csv", columns=columns)
    return parse_upload_with_total(as_xlsx(text), filename="таблица.xlsx", columns=columns)


HOW = ["paste", "csv", "xlsx"]


def errors(text: str, columns=COMPARISON_COLUMNS, how: str = "paste") -> list[str]:
    with pytest.raises(TableImportError) as caught:
        parse(text, columns, how)
    return [str(error) for error in caught.value.errors]


# ---- the row of column numbers under the header -----------------------------------------------------------

CATEGORY_NUMBERED = "Тематика\tКоличество\t%\n{numbers}\nЖилищные вопросы\t30\t60\nДороги\t20\t40\nИтого\t50\t100\n"
COMPARISON_NUMBERED = "Показатель\t2023 г.\t2024 г.\t+/-\n{numbers}\nЖилищные вопросы\t30\t36\t+6\nДороги\t20\t14\t-6\n"


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize(
    ("template", "columns", "numbers"),
    [
        (CATEGORY_NUMBERED, CATEGORY_COLUMNS, "1\t2\t3"),
        (CATEGORY_NUMBERED, CATEGORY_COLUMNS, "1.\t2.\t3."),
        (CATEGORY_NUMBERED, CATEGORY_COLUMNS, "А\t1\t2"),
        (COMPARISON_NUMBERED, COMPARISON_COLUMNS, "1\t2\t3\t4"),
        (COMPARISON_NUMBERED, COMPARISON_COLUMNS, "А\t1\t2\t3"),
    ],
)
def test_the_row_numbering_the_columns_is_not_a_data_row(template, columns, numbers, how):
    table = parse(template.format(numbers=numbers), columns, how)

    labels = [row["label"] for row in table.rows]
    assert labels == ["Жилищные вопросы", "Дороги"]  # before: a row «2» (or «1») added to the total


@pytest.mark.parametrize("how", HOW)
def test_a_row_of_numbers_that_do_not_count_the_columns_is_still_data(how):
    # Only 1, 2, 3 … from the left is a numbering of columns; a row «7 | 8 | 9» is left to the row checks.
    text = "Тематика\tКоличество\t%\n7\t8\t9\nДороги\t20\t40\n"
    assert [row["label"] for row in parse(text, CATEGORY_COLUMNS, how).rows] == ["7", "Дороги"]


# ---- the numbering column outlines the rows ---------------------------------------------------------------


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("header", ["№ п/п", "N п/п", "№", ""])
@pytest.mark.parametrize(("top", "sub"), [("1.", "1.1."), ("1", "1.1"), ("1.", "1.1")])
def test_a_row_numbered_under_another_in_the_numbering_column_is_its_part(header, top, sub, how):
    text = (
        f"{header}\tПоказатель\tКоличество\n"
        f"{top}\tПисьменные\t10\n{sub}\tиз Правительства области\t4\n2{top[1:]}\tУстные\t5\n"
    )
    table = parse(text, CATEGORY_COLUMNS, how)

    assert [(row["label"], row["is_part"]) for row in table.rows] == [
        ("Письменные", False),
        ("из Правительства области", True),
        ("Устные", False),
    ]
    value = {"caption": "Т", "rows": table.rows}
    assert kinds.result("category_table", value).total == 15  # before: 19, the part added to its parent


@pytest.mark.parametrize("how", ["paste", "csv"])
def test_a_part_whose_name_spans_the_numbering_column_keeps_its_numbers_in_their_columns(how):
    text = (
        "№ п/п\tПоказатель\t2003 г.\t2004 г.\n"
        "1.\tДоложено руководству\t175\t281\n"
        "- поставлено на контроль\t173\t279\n"
        "- коллективных\t32\t29\n"
        "2.\tПроверено с выездом на место\t123\t179\n"
    )
    table = parse(text, COMPARISON_COLUMNS, how)

    assert [(row["label"], row["current"], row["previous"], row["is_part"]) for row in table.rows] == [
        ("Доложено руководству", 281, 175, False),
        ("поставлено на контроль", 279, 173, True),
        ("коллективных", 29, 32, True),
        ("Проверено с выездом на место", 179, 123, False),
    ]


@pytest.mark.parametrize("how", HOW)
def test_a_total_whose_name_spans_the_numbering_column_in_excel_keeps_its_place(how):
    # Merged «Итого» over «№ п/п» and the names, copied from Excel: the name, an empty cell, the figure.
    text = "№ п/п\tПоказатель\tКоличество\n1.\tПисьменные\t10\n2.\tУстные\t5\nИтого\t\t15\n"
    table = parse(text, CATEGORY_COLUMNS, how)

    assert [row["label"] for row in table.rows] == ["Письменные", "Устные"]
    assert table.typed_total == {"count": 15}


# ---- a percentage «к предыдущему периоду» that is a ratio -------------------------------------------------

RATIO_TABLE = "Показатель\t2003 г.\t2004 г.\t{header}\nПисьменные\t175\t281\t{first}\nУстные\t64\t501\t{second}\n"


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize(
    "header", ["Отчетный период к предыдущему в %", "%", "В % к 2003 г.", "% к АППГ", "Темп роста, %"]
)
def test_a_ratio_of_the_periods_is_refused_naming_its_column_not_flagged_as_slips(header, how):
    messages = errors(RATIO_TABLE.format(header=header, first="160,58", second="782,8"), how=how)

    assert len(messages) == 1
    assert messages[0].startswith(f"Строка 2, «{header}»: в этом столбце отношение текущего периода к предыдущему")
    assert "160,58 % = 281 / 175 × 100" in messages[0] and "удалите этот столбец" in messages[0]


@pytest.mark.parametrize("header", ["Отчетный период к предыдущему в %", "%", "В % к 2003 г."])
def test_a_change_in_percent_under_such_a_header_is_read_and_checked(header):
    table = parse(RATIO_TABLE.format(header=header, first="+60,6", second="+682,8"), COMPARISON_COLUMNS, "paste")

    assert [row["typed_change"] for row in table.rows] == [Decimal("60.6"), Decimal("682.8")]


# ---- the real form: Surgut district, 1st half of 2004 -----------------------------------------------------


def surgut_as_a_clerk_fixes_it() -> str:
    """What the clerk pastes after reading the refusal: the ratio column deleted («-» stays: it reads as 0)."""
    lines = []
    for line in SURGUT.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            continue
        cells = line.split("\t")
        numbered = not any(char.isalpha() for char in cells[0]) or cells[0].startswith("N")
        lines.append("\t".join(cells[: 4 if numbered else 3]))
    return "\n".join(lines) + "\n"


def test_surgut_2004_h1_pasted_as_printed_is_refused_only_for_its_ratio_column():
    messages = errors(SURGUT.read_text(encoding="utf-8"))

    ratio = "Строка 6, «Отчетный период к предыдущему в %»: в этом столбце отношение текущего периода к предыдущему"
    assert len(messages) == 1 and messages[0].startswith(ratio)  # its «-» cells are zeros, as the form prints them


def test_surgut_2004_h1_fixed_by_the_clerk_imports_its_outline_and_checks_the_printed_total():
    table = parse_pasted_with_total(surgut_as_a_clerk_fixes_it(), columns=COMPARISON_COLUMNS)

    assert [(row["label"], row["current"], row["previous"], row["is_part"]) for row in table.rows] == [
        ("Количество письменных обращений", 281, 175, False),
        ("Бессмысленные по содержанию", 2, 2, True),
        ("Доложено руководству", 281, 175, True),
        ("поставлено на контроль", 279, 173, True),
        ("направлено на исполнение без контроля", 0, 0, True),
        ("коллективных", 29, 32, True),
        ("повторных", 3, 8, True),
        ("Рассмотрено с нарушением установленных сроков", 0, 0, False),
        ("Проверено обращений граждан с выездом на место", 179, 123, False),
    ]
    assert table.typed_total == {"current": 782, "previous": 239}  # the first row, «Общее количество …»
    assert table.source_titles["previous"] == "Предыдущий период 1-е полугодие 2003 года"
    value = {"caption": "Т", "rows": table.rows, "typed_total_current": 782, "typed_total_previous": 239}
    result = kinds.result("comparison_table", value)
    # Only rows 1–4 of the form are copied (its rows 5–11 are not in the stored copy): the sum of the
    # top-level rows is 460, and the printed 782 is reported to the editor, never published as the sum.
    assert result.total.current == 460


# ---- «в том числе» rows under a total on top ---------------------------------------------------------------

# The Rudnya district's 2023 report (Smolensk oblast; figures from its text, as a clerk tabulates them): 395
# appeals, 53 more than in 2022; 74 sent by the oblast's administration, 15 more. The «в том числе» row is a
# subset of the total, not the whole of it.
RUDNYA = (
    "Показатель\t2023 год\t2022 год\t+/-\n"
    "{total}\t395\t342\t+53\n"
    "{marker}направлено Администрацией Смоленской области\t74\t59\t+15\n"
)


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("total", ["Поступило обращений, всего", "Всего", "Итого", "Общее количество обращений"])
@pytest.mark.parametrize("marker", ["в том числе ", "в т.ч. ", "из них ", "В том числе: "])
def test_in_that_number_rows_under_a_total_on_top_are_parts_of_it(total, marker, how):
    table = parse(RUDNYA.format(total=total, marker=marker), COMPARISON_COLUMNS, how)

    assert [(row["label"], row["current"], row["previous"], row["is_part"]) for row in table.rows] == [
        (total, 395, 342, False),
        ("направлено Администрацией Смоленской области", 74, 59, True),
    ]
    value = {"caption": "Т", "rows": table.rows, **{f"typed_total_{k}": v for k, v in table.typed_total.items()}}
    result = kinds.result("comparison_table", value)
    # The published total is the appeals' 395, never the part's 74; before, the table was refused with
    # «строка «в т.ч.» стоит первой: нет строки выше».
    assert (result.total.current, result.total.previous) == (395, 342)
    assert not result.discrepancies


@pytest.mark.parametrize("marker", ["- ", "• "])
def test_a_dash_list_under_a_total_on_top_is_still_its_rows(marker):
    text = f"Показатель\tКоличество\nВсего\t395\n{marker}письменных\t295\n{marker}в форме электронного документа\t100\n"
    table = parse(text, CATEGORY_COLUMNS, "paste")

    assert [(row["label"], row["is_part"]) for row in table.rows] == [
        ("письменных", False),
        ("в форме электронного документа", False),
    ]
    assert table.typed_total == {"count": 395}


def test_a_part_first_with_the_total_at_the_bottom_is_still_refused():
    assert errors("Показатель\tКоличество\nв т.ч. письменных\t295\nВсего\t395\n", CATEGORY_COLUMNS) == [
        "Строка 2, «Категория»: строка «в т.ч.» стоит первой: нет строки выше, частью которой она была бы"
    ]
