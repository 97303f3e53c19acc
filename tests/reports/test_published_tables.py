"""Real published tables of other municipalities, uploaded unedited through the importer as the admin does.

Each fixture in ``data/published/`` is a table as a clerk copies it from the source page (the source address
and date are in its header comment, or in the .md beside an .xlsx). Each test uploads the file into a table
block (a Wagtail document chosen in the block's «Загрузить из файла», cleaned on save) and checks the page's
figures against the source's own: the published total, every share, every +/- and the exact warnings for the
slips found in it. Then every table, and the seeds' tables, goes out as CSV, XLSX and JSON and comes back with
the same raw numbers, the same typed figures and the same warnings.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.models import Document

from reports import kinds, opendata
from reports.blocks import CategoryTableBlock, ComparisonTableBlock
from reports.blocks.importing import _flatten
from reports.demo import leninsky, lyubertsy
from tests.reports.admin_helpers import category_value, comparison_value

pytestmark = pytest.mark.django_db

PUBLISHED = Path(__file__).parent / "data" / "published"
D = Decimal


def upload(block, name: str, **fields):
    """The block value after saving with the fixture chosen in «Загрузить из файла», as the admin does."""
    data = (PUBLISHED / name).read_bytes()
    document = Document.objects.create(title=name, file=ContentFile(data, name=name))
    empty = (category_value if isinstance(block, CategoryTableBlock) else comparison_value)("Импорт", [])
    return block.clean(block.to_python({**empty, "upload": document.pk, **fields}))


def warnings(block_type: str, value) -> list[str]:
    return [item.message for item in kinds.result(block_type, value).discrepancies]


def shares(value) -> list[tuple[str, int, Decimal]]:
    return [(row.label, row.count, row.share) for row in kinds.result("category_table", value).rows]


# ---- category tables ------------------------------------------------------------------------------------------


def test_shchekino_november_2021_problems_csv_with_shares_to_two_decimals():
    value = upload(CategoryTableBlock(), "shchekino_2021-11_problemy.csv")
    result = kinds.result("category_table", value)

    assert value["share_places"] == "2"  # the source prints 0,01 %: the page does too
    assert result.total == value["typed_total"] == 156
    assert shares(value) == [
        ("Государство, общество, политика", 9, D("5.77")),
        ("Социальная сфера", 3, D("1.92")),
        ("Экономика", 92, D("58.97")),
        ("Оборона, безопасность, законность", 4, D("2.56")),
        ("Жилищно-коммунальная сфера", 48, D("30.77")),
    ]
    assert result.shares_sum == D("100.00")
    assert warnings("category_table", value) == []


def test_shchekino_august_2020_problems_pasted_tab_separated_reproduces_every_printed_share():
    value = upload(CategoryTableBlock(), "shchekino_2020-08_problemy.tsv")
    result = kinds.result("category_table", value)

    assert result.total == value["typed_total"] == 199
    # Each share half up to 0,01, as printed; they add up to 99,99 and the total row says 100,00, as in the source.
    assert [share for _, _, share in shares(value)] == [D("3.52"), D("0.50"), D("58.79"), D("2.51"), D("34.67")]
    assert result.shares_sum == D("100.00")
    assert warnings("category_table", value) == []


def test_shchekino_august_2020_section_without_header_row_and_with_its_caption_imports():
    value = upload(CategoryTableBlock(), "shchekino_2020-08_kategoriya.csv")

    assert value["typed_total"] == 199 and kinds.result("category_table", value).total == 199
    assert shares(value) == [
        ("Пенсионер", 19, D("9.55")),
        ("Служащий", 1, D("0.50")),
        ("Рабочий", 4, D("2.01")),
        ("Домашняя хозяйка", 1, D("0.50")),
        ("Не установлено", 174, D("87.44")),
    ]
    assert warnings("category_table", value) == []


def test_shchekino_november_2021_categories_as_an_excel_workbook_keeps_the_shown_decimals():
    value = upload(CategoryTableBlock(), "shchekino_2021-11_kategoriya.xlsx")

    assert value["share_places"] == "2"
    assert [row["share"] for row in value["rows"]][:4] == [D("7.05"), D("2.56"), D("1.28"), D("0.64")]
    assert kinds.result("category_table", value).total == value["typed_total"] == 156
    assert [share for _, _, share in shares(value)] == [
        D(text) for text in ("7.05", "2.56", "1.28", "0.64", "1.28", "1.28", "0.64", "85.26")
    ]
    assert warnings("category_table", value) == []


def test_sverdlovsk_minfin_total_on_top_named_vsego_with_a_numbering_column_under_a_merged_header():
    value = upload(CategoryTableBlock(), "minfin-sverdlovsk_2014-q1.xlsx")

    assert [(row["label"], row["count"], row["is_part"]) for row in value["rows"]] == [
        ("Письменных", 41, False),
        ("Устных", 0, False),
    ]
    assert value["typed_total"] == 41 and kinds.result("category_table", value).total == 41  # never added to itself
    assert value["count_title"] == "I квартал 2014 года"  # the period header is kept as the source's title
    assert warnings("category_table", value) == []


def test_shkotovsky_duma_2020_h1_rows_marked_by_a_dash_without_a_space_are_parts_not_added_to_the_total():
    value = upload(CategoryTableBlock(), "shkotovsky-duma_2020-h1_postupilo.tsv")
    result = kinds.result("category_table", value)

    assert [(row["label"], row["count"], row["is_part"]) for row in value["rows"]] == [
        ("Поступило обращений, всего в том числе", 44, False),
        ("письменных", 19, True),
        ("устных", 21, True),
        ("коллективных", 4, True),
        ("повторных", 0, True),
    ]
    assert result.total == 44  # not 88: the «-письменных» rows are inside the 44
    assert value["count_title"] == "1 полугодие 2020 года"


@pytest.mark.parametrize("marker", list("-\u2010\u2011\u2013\u2014\u2212\u2022"))
def test_every_list_marker_typed_right_before_a_letter_marks_a_part(marker):
    block = CategoryTableBlock()
    empty = category_value("Импорт", [])
    text = f"Показатель\tКоличество\nПоступило\t10\n{marker}письменных\t6\n{marker}устных\t4\n"
    value = block.clean(block.to_python({**empty, "paste": text}))

    assert [(row["label"], row["is_part"]) for row in value["rows"]] == [
        ("Поступило", False),
        ("письменных", True),
        ("устных", True),
    ]
    assert kinds.result("category_table", value).total == 10


@pytest.mark.parametrize("separator", [",", ";"])
@pytest.mark.parametrize("where", [0, 2])
def test_text_from_a_pdf_with_a_comma_in_one_label_is_refused_as_not_tab_separated(separator, where):
    # The Shkotovsky Duma's section copied from a PDF: spaces between the columns, «,» in one label only.
    lines = ["Поступило обращений всего 44", "-письменных 19", "-устных 21", "-коллективных 4", "-повторных 0"]
    lines[where] = lines[where].replace(" всего", f"{separator} всего")
    block = CategoryTableBlock()
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block.to_python({**category_value("Импорт", []), "paste": "\n".join(lines)}))
    messages = " ".join(_flatten(caught.value))
    assert "не разделены табуляцией" in messages
    assert "нет ни одного числа" not in messages  # «-письменных 19» has one: the message must not say otherwise


# ---- comparison tables ----------------------------------------------------------------------------------------


def test_leningrad_region_total_under_its_header_years_in_either_order_and_headings_skipped():
    value = upload(ComparisonTableBlock(), "lenobl_2021-q1_vidy.csv")
    result = kinds.result("comparison_table", value)

    assert (value["current_title"], value["previous_title"]) == ("2021", "2020")  # the later year is current
    assert [(row["label"], row["current"], row["previous"]) for row in value["rows"]] == [
        ("жалоба", 8, 19),
        ("заявление", 4273, 5508),
        ("предложение", 91, 162),
    ]
    assert (value["typed_total_current"], value["typed_total_previous"]) == (4372, 5689)
    assert (result.total.current, result.total.previous) == (4372, 5689)
    assert [row.change.difference for row in result.rows] == [-11, -1235, -71]
    assert warnings("comparison_table", value) == []


def test_leningrad_region_whole_table_is_refused_with_one_message_per_row_and_column():
    block = ComparisonTableBlock()
    with pytest.raises(StructBlockValidationError) as caught:
        upload(block, "lenobl_2021-q1_formy.csv")

    compound = (
        "два числа через «/» (например, за месяц и с начала года); выберите в поле «Ячейки с двумя числами», "
        "какое число брать, или импортируйте обе таблицы"
    )
    heading = (
        "нет ни одного числа; если это заголовок раздела, удалите строку или разделите таблицу на две; "
        "если значений нет, впишите 0"
    )
    # One line each at the top of the block (the field says how many): the admin lists them top down.
    assert caught.value.block_errors["upload"].messages == [
        "Таблица не импортирована: 4 ошибки, список — в начале блока."
    ]
    assert [error.message for error in reversed(caught.value.non_block_errors.as_data())] == [
        f"Строка 10: в строке «По формам обращения:» {heading}",
        f"Строка 11, «2021»: «837/19» — {compound}",
        f"Строка 11, «2020»: «1032/32» — {compound}",
        f"Строка 13: в строке «По признаку обращения:» {heading}",
    ]


def test_serebryanye_prudy_form_keeps_the_total_on_top_and_finds_the_slip_in_its_plus_minus_column():
    value = upload(ComparisonTableBlock(), "serebryanye-prudy_2023.csv")
    result = kinds.result("comparison_table", value)
    rows = {row.label.split(" ", 1)[0]: row for row in result.rows}

    assert value["label_title"] == "Столбец"
    assert value["previous_title"] == "Соответствующий период прошлого года"
    assert (value["typed_total_current"], value["typed_total_previous"], value["typed_total_difference"]) == (
        1235,
        1435,
        -200,
    )
    # Every +/- as printed against the computed one: all agree but 5.1 («-1» where 1235 − 1434 = −199).
    printed = {
        "1.1": -9, "2.": 32, "2.1": 0, "3.": 8, "3.1": 0, "4.": 8, "4.1": 0, "5.": -200, "5.1": -1, "5.3": -98,
    }  # fmt: skip
    assert {key: rows[key].typed_difference for key in printed} == printed
    assert {key: rows[key].change.difference for key in printed} == {**printed, "5.1": -199}
    assert rows["5.2"].typed_difference is None  # printed empty
    assert [key for key, row in rows.items() if row.is_part] == ["2.1", "3.1", "4.1", "5.1", "5.2", "5.3"]
    # The form is not one breakdown of its first row: the checks say so, and name the real slip.
    assert warnings("comparison_table", value) == [
        "строка «5.1 рассмотрено в срок»: разница — указано −1, вычислено −199",
        "строка «5. Всего рассмотрено обращений»: строки «в том числе» в сумме дают 1\u00a0627 (отчётный период), "
        "а это больше значения самой строки — 1\u00a0235",
        "строка «5. Всего рассмотрено обращений»: строки «в том числе» в сумме дают 1\u00a0925 (предыдущий "
        "период), а это больше значения самой строки — 1\u00a0435",
        "итоговая строка: итог за отчётный период — указано 1\u00a0235, вычислено 1\u00a0531",
        "итоговая строка: итог за предыдущий период — указано 1\u00a0435, вычислено 1\u00a0692",
        "итоговая строка: итоговая разница — указано −200, вычислено −161",
    ]


# ---- round trips ----------------------------------------------------------------------------------------------

FIXTURES = [
    ("category_table", "shchekino_2021-11_problemy.csv"),
    ("category_table", "shchekino_2020-08_problemy.tsv"),
    ("category_table", "shchekino_2020-08_kategoriya.csv"),
    ("category_table", "shchekino_2021-11_kategoriya.xlsx"),
    ("category_table", "minfin-sverdlovsk_2014-q1.xlsx"),
    ("comparison_table", "lenobl_2021-q1_vidy.csv"),
    ("comparison_table", "serebryanye-prudy_2023.csv"),
]
WRITERS = {"csv": opendata.to_csv, "xlsx": opendata.to_xlsx, "json": opendata.to_json}
BLOCKS = {"category_table": CategoryTableBlock, "comparison_table": ComparisonTableBlock}


def seed_tables():
    return [
        (table["type"], table["value"])
        for module in (lyubertsy, leninsky)
        for table in module.page()["body"]
        if kinds.is_table(table["type"])
    ]


def exported(block_type: str, value, fmt: str) -> bytes:
    columns, rows, total, typed = kinds.get(block_type).export_table(None, value)
    table = opendata.TableExport(
        title=value.get("caption") or "Таблица",
        report_title="Отчёт",
        period="1 полугодие 2020 года",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 6, 30),
        source="Администрация",
        url="https://example.test/otchet/",
        columns=columns,
        rows=rows,
        total=total,
        typed_total=typed,
    )
    return WRITERS[fmt](table)


def typed_figures(block_type: str, value) -> tuple:
    """What the page is computed from: the raw numbers and every figure typed as in the source."""
    if block_type == "category_table":
        rows = [(row["label"], row["count"], bool(row["is_part"]), row["share"]) for row in value["rows"]]
        return rows, value["typed_total"], value.get("share_places")
    rows = [
        (row["label"], row["current"], row["previous"], row["difference"], bool(row["is_part"]))
        for row in value["rows"]
    ]
    totals = tuple(value[key] for key in ("typed_total_current", "typed_total_previous", "typed_total_difference"))
    return rows, totals, value["typed_total_change"]


def reimported(block_type: str, value, fmt: str):
    block = BLOCKS[block_type]()
    data = exported(block_type, value, fmt)
    document = Document.objects.create(title="t", file=ContentFile(data, name=f"table.{fmt}"))
    empty = (category_value if block_type == "category_table" else comparison_value)("Импорт", [])
    return block.clean(block.to_python({**empty, "upload": document.pk}))


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
@pytest.mark.parametrize(("block_type", "name"), FIXTURES, ids=[name for _, name in FIXTURES])
def test_published_tables_round_trip_with_the_same_numbers_typed_figures_and_warnings(block_type, name, fmt):
    value = upload(BLOCKS[block_type](), name)
    back = reimported(block_type, value, fmt)

    assert typed_figures(block_type, back) == typed_figures(block_type, value)
    assert warnings(block_type, back) == warnings(block_type, value)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_seed_tables_round_trip_with_the_same_numbers_typed_figures_and_warnings(fmt):
    for block_type, raw in seed_tables():
        block = BLOCKS[block_type]()
        value = block.to_python(raw)
        back = reimported(block_type, value, fmt)
        assert typed_figures(block_type, back) == typed_figures(block_type, value), raw["caption"]
        assert warnings(block_type, back) == warnings(block_type, value), raw["caption"]
    assert any(warnings(block_type, BLOCKS[block_type]().to_python(raw)) for block_type, raw in seed_tables())
