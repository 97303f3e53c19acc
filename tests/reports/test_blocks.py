"""The table blocks: import from a pasted table or an uploaded document on save, slugs, structural checks."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.models import Document

from reports import exports, kinds, opendata
from reports.blocks import CategoryTableBlock, ComparisonTableBlock, ReportStreamBlock
from reports.demo import leninsky, lyubertsy
from tests.reports.admin_helpers import category_value, comparison_value

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
GOOD_PASTE = "Категория\tКоличество\nДворы\t3 124\nДороги\t1 175\nв т.ч. освещение\t28\nИТОГО:\t4 299\n"
BAD_PASTE = "Категория\tКоличество\nДворы\tмного\nДороги\t-5\n\t12\n"


def clean(block, value):
    return block.clean(block.to_python(value))


def rows_of(value):
    return [dict(row) for row in value["rows"]]


def essentials(result):
    """What the page shows of a computed table: every row's figures and the total."""
    if hasattr(result.total, "current"):
        rows = [
            (r.label, r.change.current, r.change.previous, r.change.difference, r.change.percent, r.is_part)
            for r in result.rows
        ]
        return rows, (result.total.current, result.total.previous)
    return [(r.label, r.count, r.share, r.is_part) for r in result.rows], result.total


def document(name: str, data: bytes) -> Document:
    return Document.objects.create(title=name, file=ContentFile(data, name=name))


# ---- paste ----------------------------------------------------------------------------------------------------


def test_a_good_paste_replaces_the_rows_and_is_cleared():
    block = CategoryTableBlock()
    cleaned = clean(block, category_value("Сообщения", [{"label": "Старая строка", "count": 1}], paste=GOOD_PASTE))
    assert [(row["label"], row["count"], row["is_part"]) for row in rows_of(cleaned)] == [
        ("Дворы", 3124, False),
        ("Дороги", 1175, False),
        ("освещение", 28, True),
    ]
    assert cleaned["typed_total"] == 4299  # the source's total row, kept to be checked
    assert cleaned["paste"] == "" and cleaned["upload"] is None
    assert cleaned["slug"] == "soobshcheniya"


def test_a_bad_paste_lists_every_bad_row_and_column_and_imports_nothing():
    block = CategoryTableBlock()
    value = block.to_python(category_value("Сообщения", [{"label": "Старая строка", "count": 1}], paste=BAD_PASTE))
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    summary = "Таблица не импортирована: 3 ошибки, список — в начале блока."
    assert caught.value.block_errors["paste"].messages == [summary]
    messages = [error.message for error in reversed(caught.value.non_block_errors.as_data())]
    assert len(messages) == 3
    assert messages[0].startswith("Строка 2, «Количество»: «много»")
    assert messages[1].startswith("Строка 3, «Количество»: «-5» — отрицательное число")
    assert messages[2].startswith("Строка 4, «Категория»: пустая ячейка")
    assert rows_of(value)[0]["label"] == "Старая строка"


def test_paste_and_file_together_are_refused():
    block = CategoryTableBlock()
    upload = document("t.csv", "Категория;Количество\nА;1\n".encode())
    value = block.to_python(category_value("Т", [], paste=GOOD_PASTE, upload=upload.pk))
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    assert "upload" in caught.value.block_errors


def test_the_leninsky_sources_pasted_from_word_keep_their_slips_as_typed():
    block = ComparisonTableBlock()
    text = (DATA / "sources_2020_h1_word.txt").read_text(encoding="utf-8")
    cleaned = clean(block, comparison_value("Поступило от", [], paste=text))
    assert [(row["label"], row["current"], row["previous"], row["difference"]) for row in rows_of(cleaned)] == [
        (label, now, before, typed) for label, now, before, typed in leninsky.SOURCES
    ]
    assert cleaned["current_title"] == "1 полугодие 2020 года"
    assert cleaned["previous_title"] == "1 полугодие 2019 года"
    flagged = [item.row for item in kinds.result("comparison_table", cleaned).discrepancies]
    assert flagged == ["Государственной Думы РФ", "Правительства Московской области"]


# ---- upload ---------------------------------------------------------------------------------------------------


def test_an_uploaded_csv_document_replaces_the_rows():
    block = ComparisonTableBlock()
    upload = document("temy.csv", (DATA / "topics_2020_h1_excel_cp1251.csv").read_bytes())
    cleaned = clean(
        block,
        comparison_value("Обращения по темам", [{"label": "Старая", "current": 1, "previous": 1}], upload=upload.pk),
    )
    assert [row["label"] for row in rows_of(cleaned)] == [label for label, *_ in leninsky.TOPICS]
    assert [row["difference"] for row in rows_of(cleaned)] == [typed for *_, typed in leninsky.TOPICS]
    assert (cleaned["typed_total_current"], cleaned["typed_total_previous"]) == (3456, 6067)
    assert cleaned["upload"] is None
    result = kinds.result("comparison_table", cleaned)
    assert [item.row for item in result.discrepancies] == [
        "Строительство",
        "Коммунальное хозяйство и благоустройство",
        "Прочие вопросы",
    ]


def test_an_uploaded_file_of_the_wrong_kind_is_an_error_on_the_upload_field():
    block = CategoryTableBlock()
    upload = document("otchet.pdf", b"%PDF-1.4")
    with pytest.raises(StructBlockValidationError) as caught:
        clean(block, category_value("Т", [{"label": "А", "count": 1}], upload=upload.pk))
    assert "не поддерживаются" in caught.value.block_errors["upload"].messages[0]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
@pytest.mark.parametrize("seed", ["lyubertsy", "leninsky"])
def test_an_exported_table_imports_back_into_the_same_table(make_report, fmt, seed):
    module = {"lyubertsy": lyubertsy, "leninsky": leninsky}[seed]
    report = make_report(
        **{key: module.page()[key] for key in ("title", "organisation", "period_year")}, body=module.page()["body"]
    )
    slug = "kanaly-postupleniya" if seed == "lyubertsy" else "po-temam"
    child = next(
        child for child in report.body if child.block_type in kinds.table_types() and child.value["slug"] == slug
    )
    export = exports.find_export(report, slug)
    data = {"csv": opendata.to_csv, "xlsx": opendata.to_xlsx, "json": opendata.to_json}[fmt](export)
    block = report.body.stream_block.child_blocks[child.block_type]
    empty = (category_value if child.block_type == "category_table" else comparison_value)("Импорт", [])
    cleaned = clean(block, {**empty, "upload": document(f"table.{fmt}", data).pk})

    before = kinds.result(child.block_type, child.value)
    after = kinds.result(child.block_type, cleaned)
    assert essentials(after) == essentials(before)
    # The file marks the computed figures and keeps the typed ones apart: the same warnings come back.
    assert after.discrepancies == before.discrepancies


# ---- structure and slugs --------------------------------------------------------------------------------------


def test_a_part_row_first_is_an_error_on_the_rows():
    block = CategoryTableBlock()
    with pytest.raises(StructBlockValidationError) as caught:
        clean(block, category_value("Т", [{"label": "Главой", "count": 1, "is_part": True}]))
    assert "rows" in caught.value.block_errors


def test_a_pie_needs_a_table_without_parts():
    block = CategoryTableBlock()
    rows = [{"label": "Приёмы", "count": 5}, {"label": "Главой", "count": 2, "is_part": True}]
    with pytest.raises(StructBlockValidationError) as caught:
        clean(block, category_value("Т", rows, chart="pie"))
    assert "chart" in caught.value.block_errors
    assert clean(block, category_value("Т", rows[:1], chart="pie"))["chart"] == "pie"


def stream(*tables):
    block = ReportStreamBlock()
    return block, block.to_python([{"type": kind, "value": value} for kind, value in tables])


def test_slugs_come_from_captions_and_are_made_unique_when_automatic():
    block, value = stream(
        ("category_table", category_value("Каналы поступления", [{"label": "А", "count": 1}])),
        ("category_table", category_value("Каналы поступления", [{"label": "Б", "count": 2}])),
        (
            "comparison_table",
            comparison_value("Темы", [{"label": "В", "current": 1, "previous": 2}], slug="kanaly-postupleniya-2"),
        ),
    )
    cleaned = block.clean(value)
    assert [child.value["slug"] for child in cleaned] == [
        "kanaly-postupleniya",
        "kanaly-postupleniya-3",
        "kanaly-postupleniya-2",
    ]


def test_a_typed_slug_used_twice_is_an_error_and_only_one_headline_is_allowed():
    block, value = stream(
        ("category_table", category_value("А", [{"label": "А", "count": 1}], slug="dannye", headline=True)),
        ("category_table", category_value("Б", [{"label": "Б", "count": 1}], slug="dannye", headline=True)),
    )
    with pytest.raises(StreamBlockValidationError) as caught:
        block.clean(value)
    errors = caught.value.block_errors[1].block_errors
    assert "slug" in errors or "headline" in errors


def test_typed_percentages_are_stored_as_text():
    block = CategoryTableBlock()
    value = clean(block, category_value("Т", [{"label": "А", "count": 1, "share": "19"}]))
    assert value["rows"][0]["share"] == Decimal("19")
    assert block.get_prep_value(value)["rows"][0]["value"]["share"] == "19"


@pytest.mark.parametrize("name", ["category_table", "comparison_table", "key_figures", "register_statistics"])
def test_each_block_renders_on_its_own_for_the_admin_preview(name):
    block = ReportStreamBlock().child_blocks[name]
    preview = block.get_preview_value() if name != "register_statistics" else block.get_default()
    html = block.render(block.normalize(preview))
    assert html.strip()
    if name in ("category_table", "comparison_table"):
        assert "<table" in html and 'role="img"' in html and "Скачать" not in html  # no page: no downloads


def test_a_period_heading_keeps_its_number_and_ending_on_one_line():
    """At 375 px «1-е полугодие 2024» broke after the hyphen («1-» | «е полугодие»), in every report table."""
    block = ComparisonTableBlock()
    value = clean(
        block,
        comparison_value(
            "Обращения по каналам",
            [{"label": "Интернет-приёмная", "current": 10, "previous": 8}],
            current_title="1-е полугодие 2024 <b>",
            previous_title="2-е полугодие 2023",
        ),
    )
    html = block.render(value)
    assert '<span class="nowrap">1-е</span> полугодие 2024 &lt;b&gt;' in html
    assert '<span class="nowrap">2-е</span> полугодие 2023' in html
