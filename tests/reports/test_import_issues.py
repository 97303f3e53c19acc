"""Issue 14, item by item: what a clerk meets when a real table goes in (the fixtures are in test_published_tables)."""

import json
from decimal import Decimal
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form

from reports import kinds, stats, tabular
from reports.blocks import CategoryTableBlock, ComparisonTableBlock, ReportStreamBlock
from reports.table_kinds.category import category_view
from tests.reports.admin_helpers import category_value, comparison_value

D = Decimal
Document = get_document_model()


def clean(block, value):
    return block.clean(block.to_python(value))


# ---- 1. the label column is the first text column, whatever its header -----------------------------------------


@pytest.mark.parametrize("header", ["Источник поступления", "Вопросы обращений", "Вид обращения", ""])
def test_any_header_over_the_labels_names_the_label_column(header):
    parsed = tabular.parse_pasted_with_total(
        f"{header}\tКоличество\nПисьменные\t120\nЭлектронные\t80\n", columns=tabular.CATEGORY_COLUMNS
    )
    assert [(row["label"], row["count"]) for row in parsed.rows] == [("Письменные", 120), ("Электронные", 80)]
    assert parsed.source_titles.get("label", "") == header


def test_number_columns_by_position_and_content_with_period_headers_kept_as_printed():
    text = "Вопросы обращений\t1 полугодие 2021 года\tза тот же период\t+/-\nДороги\t40\t30\t+10\nДворы\t5\t9\t-4\n"
    parsed = tabular.parse_pasted_with_total(text, columns=tabular.COMPARISON_COLUMNS)
    assert [(row["current"], row["previous"], row["difference"]) for row in parsed.rows] == [(40, 30, 10), (5, 9, -4)]
    assert parsed.source_titles == {
        "label": "Вопросы обращений",
        "current": "1 полугодие 2021 года",
        "previous": "за тот же период",
        "difference": "+/-",
    }


def test_a_words_header_over_words_is_still_refused_by_name():
    with pytest.raises(tabular.TableImportError) as caught:
        tabular.parse_pasted("Категория\tКоличество\tЦвет\nДворы\t5\tсиний\n", columns=tabular.CATEGORY_COLUMNS)
    assert "неизвестный столбец «Цвет»" in str(caught.value)


# ---- 2. a total at the top is the total, under the names real tables use ---------------------------------------


@pytest.mark.parametrize(
    "name", ["Итого", "Всего", "Общее количество", "Всего обращений", "Количество обращений, всего", "ВСЕГО:"]
)
@pytest.mark.parametrize("where", ["top", "bottom"])
def test_a_total_row_at_the_top_or_bottom_is_checked_never_added_to_itself(name, where):
    rows = "Письменные\t120\nЭлектронные\t80\n"
    total = f"{name}\t200\n"
    text = "Вид обращения\tКоличество\n" + (total + rows if where == "top" else rows + total)
    value = clean(CategoryTableBlock(), category_value("Каналы", [], paste=text))
    assert value["typed_total"] == 200
    assert kinds.result("category_table", value).total == 200  # not 400
    assert [row["label"] for row in value["rows"]] == ["Письменные", "Электронные"]


def test_a_wrong_total_at_the_top_is_a_warning_with_both_figures():
    value = clean(CategoryTableBlock(), category_value("Каналы", [], paste="Всего\t210\nПисьма\t120\nСайт\t80\n"))
    assert [item.message for item in kinds.result("category_table", value).discrepancies] == [
        "итоговая строка: итог — указано 210, вычислено 200"
    ]


# ---- 3. shares compared and shown at the source's precision ----------------------------------------------------

SHARES = "Тема\tКоличество\tДоля, %\nДороги\t423\t4,20\nДворы\t1 234\t12,34\nПрочее\t8 343\t83,43\n"


def test_a_slip_in_the_second_decimal_is_reported_at_two_decimals_everywhere():
    value = clean(CategoryTableBlock(), category_value("Темы", [], paste=SHARES))
    expected = "строка «Дороги»: доля — указано 4,20\u00a0%, вычислено 4,23\u00a0%"

    assert value["share_places"] == "2"
    found = kinds.discrepancies([_child(value)])
    assert [item.message for item in found] == [expected]  # the «Проверка расчётов» panel and the after-save message
    view = category_view(value, block_id="b", page=None, vision=None)
    assert view.notes == [expected[:1].upper() + expected[1:]]  # the public page's note
    assert [row.cells[1].text for row in view.rows] == ["4,23\u00a0%", "12,34\u00a0%", "83,43\u00a0%"]
    assert view.total.cells[1].text == "100,00\u00a0%"


def test_shares_default_to_a_tenth_of_a_percent():
    table = stats.category_table([stats.CategoryInput("А", 1), stats.CategoryInput("Б", 2)])
    assert [row.share for row in table.rows] == [D("33.3"), D("66.7")] and table.places == 1


class _Child:
    block_type = "category_table"
    id = "b"

    def __init__(self, value):
        self.value = value


def _child(value):
    return _Child(value)


# ---- 4. exports mark computed columns (the round trips are in test_published_tables) ---------------------------


def test_an_export_marks_computed_columns_and_keeps_typed_figures_apart():
    value = clean(CategoryTableBlock(), category_value("Темы", [], paste=SHARES))
    columns, rows, total, typed = kinds.get("category_table").export_table(None, value)
    assert [column.title for column in columns] == [
        "Категория",
        "Количество",
        "В том числе",
        "Доля, % (вычислено)",
        "Доля в исходном документе, %",
    ]
    assert (rows[0]["share_computed"], rows[0]["share"]) == (D("4.23"), D("4.20"))
    assert typed is None and total["share_computed"] == D("100.00")


# ---- 5. JSON (and TSV) where the help text offers them --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["table.json", "table.tsv"])
def test_the_document_chooser_takes_json_and_tsv(name):
    form_class = get_document_form(Document)
    form = form_class(
        data={"title": "Таблица"},
        files={"file": SimpleUploadedFile(name, b'{"rows": [{"label": "A", "count": 1}]}')},
    )
    assert form.is_valid(), form.errors


def test_pasted_json_is_read_as_json_not_line_by_line():
    text = json.dumps({"rows": [{"label": "Дороги", "count": 5}, {"label": "Дворы", "count": 7}], "total": None})
    parsed = tabular.parse_pasted_with_total(text, columns=tabular.CATEGORY_COLUMNS)
    assert [(row["label"], row["count"]) for row in parsed.rows] == [("Дороги", 5), ("Дворы", 7)]


# ---- 6. compound cells: a list of messages, or a reading chosen explicitly ------------------------------------

COMPOUND = (
    "Каналы\t2024 г.\t2023 г.\t+/-\n"
    "Письменные\t412/2 380\t398/2 301\t+14/+79\n"
    "Электронные\t96/610\t101/655\t-5/-45\n"
    "Особые\t0\t0\t0\n"
)


def test_compound_cells_are_listed_one_message_each_with_row_and_column():
    with pytest.raises(StructBlockValidationError) as caught:
        clean(ComparisonTableBlock(), comparison_value("Каналы", [], paste=COMPOUND))
    messages = [error.message for error in reversed(caught.value.non_block_errors.as_data())]
    assert caught.value.block_errors["paste"].messages == [
        "Таблица не импортирована: 6 ошибок, список — в начале блока."
    ]
    assert [message.split(":")[0] for message in messages] == [
        "Строка 2, «2024 г.»",
        "Строка 2, «2023 г.»",
        "Строка 2, «+/-»",
        "Строка 3, «2024 г.»",
        "Строка 3, «2023 г.»",
        "Строка 3, «+/-»",
    ]


@pytest.mark.parametrize(("reading", "expected"), [("first", [412, 96, 0]), ("second", [2380, 610, 0])])
def test_a_chosen_reading_takes_that_figure_of_every_cell(reading, expected):
    value = clean(ComparisonTableBlock(), comparison_value("Каналы", [], paste=COMPOUND, compound=reading))
    assert [row["current"] for row in value["rows"]] == expected
    assert value["compound"] == "" and value["paste"] == ""
    assert kinds.result("comparison_table", value).discrepancies == ()  # every +/- agrees with its own figures


@pytest.mark.django_db
def test_both_readings_become_two_tables_on_the_page():
    block = ReportStreamBlock()
    raw = [{"type": "comparison_table", "value": comparison_value("Каналы", [], paste=COMPOUND, compound="both")}]
    cleaned = block.clean(block.to_python(raw))
    assert [child.value["caption"] for child in cleaned] == ["Каналы (первые числа)", "Каналы (вторые числа)"]
    assert [[row["current"] for row in child.value["rows"]] for child in cleaned] == [[412, 96, 0], [2380, 610, 0]]
    assert len({child.value["slug"] for child in cleaned}) == 2


# ---- 7. sizes with a decimal, one parse per file, no blank rows ------------------------------------------------


def test_sizes_are_shown_with_one_decimal():
    assert tabular.text.size_label(int(5.5 * 1024 * 1024)) == "5,5 МБ"
    assert tabular.text.size_label(5 * 1024 * 1024) == "5,0 МБ"


@pytest.mark.django_db
def test_a_big_file_is_refused_with_its_real_size():
    data = b"a;1\n" * (int(5.5 * 1024 * 1024) // 4)
    document = Document.objects.create(title="big", file=ContentFile(data, name="big.csv"))
    with pytest.raises(StructBlockValidationError) as caught:
        clean(CategoryTableBlock(), {**category_value("Т", []), "upload": document.pk})
    assert "Файл больше 5,0 МБ (получено 5,5 МБ)" in caught.value.block_errors["upload"].messages[0]


@pytest.mark.django_db
def test_an_uploaded_file_is_parsed_once_for_every_save_and_autosave():
    cache.clear()
    data = "Категория;Количество\nДороги;5\nДворы;7\n".encode()
    document = Document.objects.create(title="t", file=ContentFile(data, name="once.csv"))
    block = CategoryTableBlock()
    with mock.patch.object(tabular, "parse_upload_with_total", wraps=tabular.parse_upload_with_total) as parse:
        for _ in range(3):
            value = clean(block, {**category_value("Т", []), "upload": document.pk})
    assert parse.call_count == 1
    assert [row["count"] for row in value["rows"]] == [5, 7]


def test_blank_rows_never_reach_a_draft_or_an_error():
    block = CategoryTableBlock()
    rows = [{"label": "Дороги", "count": 5}, {"label": "", "count": None}]
    assert [row["label"] for row in block.clean_deferred(block.to_python(category_value("Т", rows)))["rows"]] == [
        "Дороги"
    ]
    assert [row["label"] for row in clean(block, category_value("Т", rows))["rows"]] == ["Дороги"]
    assert list(CategoryTableBlock().get_default()["rows"]) == []
