"""Real tables as a clerk pastes them into a report's table block (the December 2026 round of real reports).

Each fixture in ``data/published/`` is copied unedited from a published review of citizens' appeals (source address
and date in its header): Ханты-Мансийский район (the official form, 1st half of 2010), Гусь-Хрустальный (written
appeals, this year against the last), Торез (the month's questions), Новицкое сельское поселение (shares in
brackets, text aligned with spaces) and Советский район Курской области (a numbered list in the text). Every test
goes through the block as the admin saves it (the pasted text stripped by the form field, errors listed at the top
of the block) and covers the whole class of the problem, not only the fixture's strings.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from reports import kinds
from reports.blocks import CategoryTableBlock, ComparisonTableBlock
from reports.tabular import (
    CATEGORY_COLUMNS,
    COMPARISON_COLUMNS,
    TableImportError,
    parse_number,
    parse_pasted_with_total,
    parse_upload_with_total,
)
from tests.reports.admin_helpers import category_value, comparison_value
from tests.reports.test_form_layouts import as_xlsx
from tests.reports.test_published_tables import BLOCKS, reimported, typed_figures, warnings

pytestmark = pytest.mark.django_db

PUBLISHED = Path(__file__).parent / "data" / "published"
KHANTY = PUBLISHED / "khanty-mansiysky-rayon_2010-h1.tsv"
GUS = PUBLISHED / "gus-khrustalny_pismennye.tsv"
NOT_TABBED = "Столбцы не разделены табуляцией"
DASHES = ["-", "–", "—", "−", "--"]


def source(path: Path) -> str:
    """The fixture as the clerk pastes it: without its «# Source» notes (so the admin strips its first tab)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("# ")) + "\n"


def paste(block, text: str):
    """The block value after «Сохранить черновик» with ``text`` in «Вставить таблицу», as the admin cleans it."""
    empty = (category_value if isinstance(block, CategoryTableBlock) else comparison_value)("Импорт", [])
    return block.clean(block.to_python({**empty, "paste": text}))


def refusal(block, text: str) -> list[str]:
    with pytest.raises(StructBlockValidationError) as caught:
        paste(block, text)
    listed = [error.message for error in reversed(caught.value.non_block_errors.as_data())]
    return listed or caught.value.block_errors["paste"].messages  # one problem: under the field itself


def errors(text: str, columns=COMPARISON_COLUMNS) -> list[str]:
    with pytest.raises(TableImportError) as caught:
        parse_pasted_with_total(text, columns=columns)
    return [str(error) for error in caught.value.errors]


def rows(value, *keys: str) -> list[tuple]:
    return [tuple(row[key] for key in keys) for row in value["rows"]]


# ---- text that is no table: decimal commas are never column separators -------------------------------------


@pytest.mark.parametrize("name", ["novitskoe-partizansky_2019_sroki.txt", "sovetsky-kursk_2021_harakter.txt"])
def test_a_list_from_the_text_of_a_page_is_refused_as_untabbed_not_split_at_its_decimal_commas(name):
    # Before, «23 (65,7 %)» was read as CSV split at «65,7»: «Количество: «7 %)» — знак % допустим только…» on
    # every row, and «государство, общество, политика» as three cells: six messages about cells that do not exist.
    messages = refusal(CategoryTableBlock(), source(PUBLISHED / name))

    assert len(messages) == 1 and messages[0].startswith(NOT_TABBED)
    assert "перечень в тексте" in messages[0]  # says what to do when the source has no table at all


@pytest.mark.parametrize(
    "line",
    [
        "- до 15 дней    23    (65,7 %)",
        "1) экономика – 194 обращения (43,4%)",
        "Экономика 117 58,79",  # a share without «%» after the count, columns separated by spaces
        "в письменной форме - 7 обращений (36,8 %);",
        "Социальная сфера   3,0   1,92 % от общего числа",
    ],
)
def test_lines_whose_only_commas_are_decimal_commas_are_not_csv(line):
    text = f"Тематика\n{line}\n{line.replace('1', '2')}\n"

    assert errors(text, CATEGORY_COLUMNS)[0].startswith(NOT_TABBED)


def test_a_real_comma_separated_table_is_still_csv():
    table = parse_pasted_with_total('Категория,Количество,Доля\nЭкономика,117,"58,79"\n', columns=CATEGORY_COLUMNS)

    assert table.rows[0]["count"] == 117 and table.rows[0]["share"] == Decimal("58.79")


# ---- shares printed in brackets ---------------------------------------------------------------------------


def novitskoe_as_a_clerk_types_it() -> str:
    """The refused list retyped as the message asks: name, count and share in cells of their own."""
    lines = ["Срок рассмотрения\tКоличество\tДоля, %"]
    for line in source(PUBLISHED / "novitskoe-partizansky_2019_sroki.txt").splitlines():
        match = re.match(r"^(-\s.*?)\s+(\d+)\s+(\(.*\))$", line)
        if match:
            lines.append("\t".join((re.sub(r"\s+", " ", match.group(1)), match.group(2), match.group(3))))
    return "\n".join(lines) + "\n"


def test_novitskoe_2019_shares_in_brackets_are_read_and_checked_against_the_counts():
    value = paste(CategoryTableBlock(), novitskoe_as_a_clerk_types_it())
    result = kinds.result("category_table", value)

    assert rows(value, "label", "count", "share") == [
        ("до 15 дней", 23, Decimal("65.7")),
        ("до 30 дней", 8, Decimal("22.9")),
        ("свыше 1 месяца", 4, Decimal("11.4")),
        ("на рассмотрении с 2018 года", 0, Decimal("0.0")),
        ("перенаправлено", 0, Decimal("0.0")),
        ("отозвано", 0, Decimal("0.0")),
    ]
    assert result.total == 35  # «поступило всего 35 письменных обращений»
    assert [item.message for item in result.discrepancies] == []  # 23/35 = 65,7 %, 8/35 = 22,9 %, 4/35 = 11,4 %


@pytest.mark.parametrize(
    ("text", "expected"),
    [("(65,7 %)", "65.7"), ("(4%)", "4"), ("(00,0 %)", "0.0"), ("( 12,5 % )", "12.5"), ("(−3,1 %)", "-3.1")],
)
def test_a_percentage_in_brackets_is_that_percentage(text, expected):
    assert parse_number(text, kind="percent") == Decimal(expected)


@pytest.mark.parametrize(("text", "kind"), [("(5,2)", "percent"), ("(23)", "integer"), ("(−7)", "signed")])
def test_brackets_without_a_percent_sign_are_still_refused(text, kind):
    # An accounting negative or a note, never silently read as a positive number.
    with pytest.raises(ValueError, match="не число|несколько чисел|в числе"):
        parse_number(text, kind=kind)


# ---- «-» for none in a count: zero, as statistical forms print it -------------------------------------------


@pytest.mark.parametrize("dash", DASHES)
@pytest.mark.parametrize("via", ["paste", "xlsx"])
def test_a_dash_in_a_count_is_zero_in_both_table_kinds(dash, via):
    category = f"Категория\tКоличество\tДоля, %\nДворы\t{dash}\t{dash}\nДома\t4\t100\n"
    comparison = f"Показатель\t2010\t2009\t+/-\nповторных\t{dash}\t4\t{dash}\nколлективных\t19\t{dash}\t\n"

    def parse(text, columns):
        if via == "xlsx":
            return parse_upload_with_total(as_xlsx(text), filename="t.xlsx", columns=columns)
        return parse_pasted_with_total(text, columns=columns)

    assert [(row["count"], row["share"]) for row in parse(category, CATEGORY_COLUMNS).rows] == [
        (0, None),  # the optional share stays empty: the page computes it
        (4, Decimal("100")),
    ]
    cmp_rows = parse(comparison, COMPARISON_COLUMNS).rows
    assert [(row["current"], row["previous"], row["difference"]) for row in cmp_rows] == [(0, 4, None), (19, 0, None)]


def test_khanty_mansiysk_2010_form_is_refused_only_for_its_ratio_column_and_its_rows_without_figures():
    messages = refusal(ComparisonTableBlock(), source(KHANTY))

    heading = (
        "нет ни одного числа; если это заголовок раздела, удалите строку или разделите таблицу на две; "
        "если значений нет, впишите 0"
    )
    assert messages[0].startswith("Строка 4, «Отчетный период к предыдущему в %»: в этом столбце отношение")
    # Every row is named, also one whose name spans the numbering column (before: «в строке «» нет …»); its 14
    # «-» cells are zeros, no longer 14 messages «прочерк вместо числа».
    assert messages[1:] == [
        f"Строка 5: в строке «Бессмысленные по содержанию» {heading}",
        f"Строка 8: в строке «- направлено на исполнение без контроля» {heading}",
        f"Строка 11: в строке «Рассмотрено с нарушением установленных …» {heading}",
        f"Строка 13: в строке «Заявители льготных категорий: (письменн…» {heading}",
    ]


# ---- a numbered form: rows without a number belong to the numbered row above ---------------------------------


def khanty_as_a_clerk_fixes_it() -> str:
    """Sections 1–4 after the refusal: the ratio column deleted, 0 in the rows without figures («-» stays)."""
    lines = []
    for line in source(KHANTY).splitlines():
        if line.startswith("5.\t"):
            break
        cells = line.split("\t")
        numbered = not any(char.isalpha() for char in cells[0]) or cells[0].startswith("№")
        cells = cells[: 4 if numbered else 3]
        start = 2 if numbered else 1
        if not any(cells[start:]):
            cells[start:] = ["0", "0"]
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def test_khanty_mansiysk_2010_unnumbered_lines_of_row_2_are_its_parts_never_added_twice():
    value = paste(ComparisonTableBlock(), khanty_as_a_clerk_fixes_it())
    result = kinds.result("comparison_table", value)

    assert rows(value, "label", "current", "previous", "is_part") == [
        ("Количество письменных обращений", 176, 82, False),
        ("Бессмысленные по содержанию", 0, 0, True),
        ("Доложено руководству", 176, 82, True),  # the same 176 letters: before, a top row added to the total
        ("поставлено на контроль", 176, 82, True),
        ("направлено на исполнение без контроля", 0, 0, True),
        ("коллективных", 19, 22, True),
        ("повторных", 4, 0, True),  # «-» in 2009: none
        ("Рассмотрено с нарушением установленных сроков", 0, 0, False),
        ("Проверено обращений с выездом на место", 8, 8, False),
    ]
    assert (value["typed_total_current"], value["typed_total_previous"]) == (277, 355)
    # Rows 5–9.3 of the form are not in the stored copy: the sum of the copied rows is 184, not 360 (176 twice);
    # the printed 277 is reported to the editor, never published as the sum.
    assert (result.total.current, result.total.previous) == (184, 90)


def test_numbered_rows_stay_rows_and_a_numbered_table_without_gaps_is_unchanged():
    text = "№ п/п\tПоказатель\t2010\t2009\n1.\tПисьменных\t5\t4\n2.\tУстных\t3\t2\n3.\tЭлектронных\t1\t0\n"
    table = parse_pasted_with_total(text, columns=COMPARISON_COLUMNS)

    assert [row["is_part"] for row in table.rows] == [False, False, False]


@pytest.mark.parametrize(("top", "sub"), [("2. ", "2.1. "), ("2.", "2.1."), ("2.", "2.1 "), ("2. ", "2.1")])
def test_numbered_lines_typed_with_or_without_a_space_after_the_number_are_parts(top, sub):
    # Gus-Khrustalny types «2.Количество обращений» and «5.Результат рассмотрения:»: before, «2.1.удовлетворено»
    # under «2.Результат рассмотрения» was not seen as its line and was added to the total a second time.
    text = (
        f"Показатель\tТекущий год\tПрошлый год\n1. Поступило писем\t395\t439\n{top}Результат рассмотрения\t359\t375\n"
        f"{sub}удовлетворено\t82\t88\n{sub.replace('1', '2')}разъяснено\t270\t254\n3.Проверено с выездом\t15\t26\n"
    )
    value = paste(ComparisonTableBlock(), text)

    assert [row["is_part"] for row in value["rows"]] == [False, False, True, True, False]
    assert kinds.result("comparison_table", value).total.current == 395 + 359 + 15


# ---- the empty corner cell of the header lost on paste ------------------------------------------------------


def test_gus_khrustalny_whole_table_is_refused_at_each_heading_between_its_sections():
    messages = refusal(ComparisonTableBlock(), source(GUS))

    # Before, the header lost its empty first cell when the admin stripped the text: «Текущий год» was taken for
    # the names and every row had «лишние значения»: 17 messages, none about the real problem.
    assert [message.split(":")[0] for message in messages] == ["Строка 10", "Строка 15"]
    assert "«5.Результат рассмотрения:» нет ни одного числа" in messages[0]


def test_gus_khrustalny_topics_section_imports_under_its_own_headings():
    lines = source(GUS).splitlines()
    header = next(line for line in lines if line.startswith("\tТекущий год"))
    section = lines[lines.index(next(line for line in lines if line.startswith("7. "))) :]
    value = paste(ComparisonTableBlock(), "\n".join([header, *section]))
    result = kinds.result("comparison_table", value)

    assert rows(value, "label", "current", "previous") == [
        ("социальная защита населения", 19, 32),
        ("улучшение жилищных условий", 73, 65),
        ("вопросы жизнеобеспечения", 303, 278),
    ]
    assert (value["current_title"], value["previous_title"]) == ("Текущий год", "Аналогичный период предыдущего года")
    # Row 6 of the source: «Количество вопросов, содержащихся в письменных обращениях граждан | 395 | 375».
    assert (result.total.current, result.total.previous) == (395, 375)


@pytest.mark.parametrize(
    "header",
    [
        "Текущий год\tАналогичный период предыдущего года",
        "2023 г.\t2022 г.",
        "Отчетный период\tСоответствующий период прошлого года\t+/-",
        "Этот год\tПрошлый год",
    ],
)
@pytest.mark.parametrize("caption", ["", "Тематика вопросов:\t\t\n"])
def test_a_header_without_its_empty_first_cell_still_puts_the_names_first(header, caption):
    difference = "\t-13" if header.endswith("+/-") else ""
    text = f"{header}\n{caption}социальная защита населения\t19\t32{difference}\n"

    value = paste(ComparisonTableBlock(), "\t" + text)  # the admin strips the leading tab
    assert rows(value, "label", "current", "previous") == [("социальная защита населения", 19, 32)]


# ---- a plain table under the sentence that announces it ---------------------------------------------------


def test_torez_july_2022_questions_under_their_sentence_import_and_sum_to_the_announced_86():
    value = paste(CategoryTableBlock(), source(PUBLISHED / "torez_2022-07_voprosy.tsv"))
    result = kinds.result("category_table", value)

    assert len(value["rows"]) == 8 and not any(row["is_part"] for row in value["rows"])
    assert value["rows"][4]["label"] == "Водоснабжение" and value["rows"][4]["count"] == 43
    assert result.total == 86  # «затронуто 86 вопросов, в т.ч.:» — the sentence is not a row and not a total
    assert result.shares_sum == Decimal("100.0")


# ---- what was imported goes out as open data and comes back unchanged -----------------------------------------


def imported_tables():
    lines = source(GUS).splitlines()
    gus_topics = "\n".join([lines[0], *lines[lines.index(next(line for line in lines if line.startswith("7. "))) :]])
    return {
        "torez": ("category_table", source(PUBLISHED / "torez_2022-07_voprosy.tsv")),
        "gus-khrustalny": ("comparison_table", gus_topics),
        "khanty-mansiysk": ("comparison_table", khanty_as_a_clerk_fixes_it()),
        "novitskoe": ("category_table", novitskoe_as_a_clerk_types_it()),
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
@pytest.mark.parametrize("name", ["torez", "gus-khrustalny", "khanty-mansiysk", "novitskoe"])
def test_each_imported_real_table_round_trips_with_the_same_numbers_and_warnings(name, fmt):
    block_type, text = imported_tables()[name]
    value = paste(BLOCKS[block_type](), text)
    back = reimported(block_type, value, fmt)

    assert typed_figures(block_type, back) == typed_figures(block_type, value)
    assert warnings(block_type, back) == warnings(block_type, value)
