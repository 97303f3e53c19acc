"""Tables pasted the way a real report lays them out: what the editor gets after «Вставить таблицу» and saving.

The pasted texts come from a published report: Администрация Пограничного муниципального округа,
«Информация об обращениях граждан за 1 полугодие 2024 года» (``SOURCE``); the slips in the change column
(99,9 and 50,0 instead of 28,9 and 24,3) are deliberate.
"""

from decimal import Decimal

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from reports import kinds
from reports.blocks import CategoryTableBlock, ComparisonTableBlock
from reports.blocks.importing import _flatten
from tests.reports.admin_helpers import category_value, comparison_value

SOURCE = (
    "http://pogranichny.ru/index.php/otkrytye-dannye/"
    "13943-informatsiya-ob-obrashcheniyakh-grazhdan-za-1-polugodie-2024-goda"
)
D = Decimal
NBSP = "\u00a0"


def paste(block, text: str):
    """The block value after the editor pasted ``text`` into «Вставить таблицу» and saved."""
    empty = (category_value if isinstance(block, CategoryTableBlock) else comparison_value)("Импорт", [])
    return block.clean(block.to_python({**empty, "paste": text, "source": SOURCE}))


def refused(block, text: str) -> list[str]:
    with pytest.raises(StructBlockValidationError) as caught:
        paste(block, text)
    return _flatten(caught.value)


def warnings(value) -> list[str]:
    return [item.message for item in kinds.result("comparison_table", value).discrepancies]


def rows(value) -> list[tuple]:
    return [(row["label"], row["current"], row["previous"], row["is_part"]) for row in value["rows"]]


# ---- a typed change in % is read for every row and checked like a typed +/- -------------------------------------

CHANGE_TABLE = (
    "Показатель\t2024 г.\t2023 г.\t+/-\t{header}\n"
    "Экономика\t2 915\t2 261\t+654\t+99,9 %\n"
    "ЖКХ\t1 351\t1 170\t+181\t+15,5 %\n"
    "Итого\t4 266\t3 431\t+835\t+50,0 %\n"
)


@pytest.mark.parametrize(
    "header",
    ["Изменение, %", "%", "Темп роста/прироста, %", "+/- %", "Изменение, % в исходном документе"],
)
def test_a_typed_change_column_is_kept_for_every_row_and_each_slip_is_reported(header):
    value = paste(ComparisonTableBlock(), CHANGE_TABLE.format(header=header))

    assert [(row["label"], row["change"]) for row in value["rows"]] == [("Экономика", D("99.9")), ("ЖКХ", D("15.5"))]
    assert value["typed_total_change"] == D("50.0")
    assert warnings(value) == [
        f"строка «Экономика»: изменение, % — указано +99,9{NBSP}%, вычислено +28,9{NBSP}%",
        f"итоговая строка: изменение, % — указано +50,0{NBSP}%, вычислено +24,3{NBSP}%",
    ]


def test_a_slip_in_a_rows_change_is_marked_on_the_page_and_kept_in_the_exports():
    value = paste(ComparisonTableBlock(), CHANGE_TABLE.format(header="Изменение, %"))
    view = kinds.registered()["comparison_table"].presenter(value, block_id="t", page=None, vision=None)
    economy = view.rows[0].cells[3]
    assert (economy.text, economy.source_note) == (f"+28,9{NBSP}%", f"в исходном документе: +99,9{NBSP}%")
    assert view.rows[1].cells[3].source_note == ""  # 15,5 is right

    columns, exported, _total, typed = kinds.registered()["comparison_table"].export(None, value)
    assert "Изменение, % в исходном документе" in [column.title for column in columns]
    assert [row["typed_change"] for row in exported] == [D("99.9"), D("15.5")]
    assert typed["typed_change"] == D("50.0")


# ---- a header over two rows (merged cells in Word or Excel) ------------------------------------------------------

TWO_ROW_HEADER = (
    "Тематика\tКоличество обращений\t\t+/-\n"
    "\t2024 г.\t2023 г.\t\n"
    "Экономика\t2 915\t2 261\t+654\n"
    "ЖКХ\t1 351\t1 170\t+181\n"
)


@pytest.mark.parametrize("separator", ["\t", ";"])
def test_a_header_over_two_rows_is_read_as_one(separator):
    value = paste(ComparisonTableBlock(), TWO_ROW_HEADER.replace("\t", separator))
    assert rows(value) == [("Экономика", 2915, 2261, False), ("ЖКХ", 1351, 1170, False)]
    assert [row["difference"] for row in value["rows"]] == [654, 181]
    assert (value["current_title"], value["previous_title"]) == ("2024 г.", "2023 г.")
    assert warnings(value) == []


def test_a_header_over_two_rows_that_cannot_be_combined_is_one_clear_message():
    text = TWO_ROW_HEADER.replace("2024 г.\t2023 г.", "отчётный\tпрошлый")
    assert refused(ComparisonTableBlock(), text) == [
        "Строка 1: заголовок таблицы занимает две строки (1 и 2), и по ним не понять, какой столбец какой: "
        "объедините их в одну строку — над каждым столбцом одно название, например «Тематика», «2024 г.», "
        "«2023 г.», «+/-»"
    ]


# ---- columns separated by spaces (copied from a PDF): a decimal comma is never a separator ----------------------

SPACED = "Электронная почта 133 34,64 %\nИнтернет-приемная Главы города 78 20,31 %\n"


@pytest.mark.parametrize("text", [SPACED, "Канал\tКоличество\n".replace("\t", " ") + SPACED, SPACED.replace(" %", "")])
def test_columns_separated_by_spaces_are_refused_with_what_to_do(text):
    messages = refused(CategoryTableBlock(), text)
    assert len(messages) == 1
    assert messages[0].startswith(
        "Столбцы не разделены табуляцией: скопируйте таблицу из Word, Excel или с веб-страницы"
    )


def test_a_csv_with_commas_between_cells_is_still_read():
    value = paste(CategoryTableBlock(), "Категория,Количество,Доля\nЭлектронная почта,133,34.64\nСайт,78,20.31\n")
    assert [(row["label"], row["count"], row["share"]) for row in value["rows"]] == [
        ("Электронная почта", 133, D("34.64")),
        ("Сайт", 78, D("20.31")),
    ]


# ---- rows as a dash list: bullets, not «в том числе», when no row above could be their parent ---------------------

DASH_LIST = (
    "Структура обращений по вопросам\t2023 г.\t2022 г.\t+/-\n"
    "- государство, общество, политика\t691\t465\t+226\n"
    "- социальная сфера\t584\t421\t+163\n"
    "- экономика\t2 915\t2 261\t+654\n"
)


@pytest.mark.parametrize("bullet", ["- ", "– ", "— ", "• "])
def test_a_dash_list_is_imported_as_top_level_rows(bullet):
    value = paste(ComparisonTableBlock(), DASH_LIST.replace("- ", bullet))
    assert rows(value) == [
        ("государство, общество, политика", 691, 465, False),
        ("социальная сфера", 584, 421, False),
        ("экономика", 2915, 2261, False),
    ]
    assert kinds.result("comparison_table", value).total.current == 691 + 584 + 2915


@pytest.mark.parametrize("bullet", ["- ", "• "])
def test_dash_rows_under_a_row_are_still_its_parts(bullet):
    text = DASH_LIST.replace("- государство", "Государство").replace("- ", bullet)
    value = paste(ComparisonTableBlock(), text)
    assert rows(value) == [
        ("Государство, общество, политика", 691, 465, False),
        ("социальная сфера", 584, 421, True),
        ("экономика", 2915, 2261, True),
    ]


def test_a_list_item_can_have_its_own_in_that_number_rows():
    text = DASH_LIST + "в т.ч. жилищно-коммунальная сфера\t1 351\t1 170\t+181\n"
    assert rows(paste(ComparisonTableBlock(), text))[-2:] == [
        ("экономика", 2915, 2261, False),
        ("жилищно-коммунальная сфера", 1351, 1170, True),
    ]


def test_an_in_that_number_row_first_is_still_refused():
    text = "Показатель\t2023 г.\t2022 г.\nв т.ч. экономика\t2 915\t2 261\n"
    assert refused(ComparisonTableBlock(), text) == [
        "Строка 2, «Показатель»: строка «в т.ч.» стоит первой: нет строки выше, частью которой она была бы"
    ]


# ---- Excel's quoted cells: a line break typed in a cell (Alt+Enter) -------------------------------------------------

MULTILINE_CELL = (
    "Показатель\t2023 г.\t2022 г.\t+/-\n"
    "разъяснено\t1 021\t636\t+385\n"
    '"поставлено на контроль\n'
    'в администрации города"\t0\t0\t0\n'
)


@pytest.mark.parametrize("line_break", ["\n", "\r\n"])
def test_a_cell_with_a_line_break_copied_from_excel_is_one_cell(line_break):
    value = paste(ComparisonTableBlock(), MULTILINE_CELL.replace("\n", line_break))
    assert rows(value) == [
        ("разъяснено", 1021, 636, False),
        ("поставлено на контроль в администрации города", 0, 0, False),
    ]


def test_rows_after_a_multiline_cell_keep_their_line_numbers_in_errors():
    text = MULTILINE_CELL + "ответ дан\tмного\t1\t0\n"
    assert refused(ComparisonTableBlock(), text) == [
        "Строка 5, «2023 г.»: «много» — в числе есть буквы; нужно целое число не меньше нуля, например 2 517"
    ]


@pytest.mark.parametrize(
    ("cell", "label"),
    [
        ('"Горячая линия" губернатора', '"Горячая линия" губернатора'),
        ('"Дороги"', '"Дороги"'),
        ('"Клуб ""Ветеран"""', 'Клуб "Ветеран"'),
    ],
)
def test_quotes_typed_in_a_cell_are_kept(cell, label):
    value = paste(ComparisonTableBlock(), f"Показатель\t2023 г.\t2022 г.\n{cell}\t5\t3\n")
    assert rows(value) == [(label, 5, 3, False)]
