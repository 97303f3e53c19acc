"""The arithmetic of the report tables (reports.stats): totals, shares, differences, changes, checks."""

from decimal import Decimal

import pytest

from reports import formatting as fmt
from reports import kinds, stats
from reports.demo import leninsky, lyubertsy

D = Decimal


def shares(*counts):
    return stats.largest_remainder_shares(list(counts))


# ---- shares ---------------------------------------------------------------------------------------------------


def test_thirds_round_to_exactly_one_hundred():
    assert shares(1, 1, 1) == [D("33.4"), D("33.3"), D("33.3")]
    assert sum(shares(1, 1, 1)) == D("100.0")


def test_sevenths_would_sum_to_100_1_when_each_is_rounded_alone():
    result = shares(*[5] * 7)
    assert sum(result) == D("100.0")
    assert sorted(set(result)) == [D("14.2"), D("14.3")]
    naive = sum(stats.round_half_up(stats.exact_share(5, 35)) for _ in range(7))
    assert naive == D("100.1")  # what the method is for


def test_largest_remainder_goes_to_the_largest_fraction_not_the_first_row():
    # 2/3 = 66.666…, 1/6 = 16.666…, 1/6: floors 666 + 166 + 166 = 998; the two largest remainders get +0.1.
    assert shares(4, 1, 1) == [D("66.7"), D("16.7"), D("16.6")]


def test_zero_total_has_no_shares_and_no_division_error():
    assert shares(0, 0) == [None, None]
    table = stats.category_table([stats.CategoryInput("А", 0), stats.CategoryInput("Б", 0)])
    assert table.total == 0
    assert [row.share for row in table.rows] == [None, None]
    assert table.shares_sum is None


def test_a_single_row_is_one_hundred_percent():
    assert shares(8208) == [D("100.0")]


def test_dobrodel_shares_sum_to_one_hundred():
    table = stats.category_table(stats.CategoryInput(label, count) for label, count in leninsky.DOBRODEL)
    assert table.total == 8208
    assert table.shares_sum == D("100.0")
    assert table.rows[0].share == D("38.1")  # 3124 / 8208 = 38.06 %


# ---- grouped rows ---------------------------------------------------------------------------------------------


def test_parts_belong_to_the_row_above_and_are_not_added_to_the_total():
    table = stats.category_table(
        [
            stats.CategoryInput("Личные приёмы", 208),
            stats.CategoryInput("Главой", 84, is_part=True),
            stats.CategoryInput("Письменные", 1528),
        ]
    )
    assert table.total == 1736
    assert [row.parent for row in table.rows] == [None, "Личные приёмы", None]
    assert table.rows[0].share + table.rows[2].share == D("100.0")
    assert table.rows[1].share == D("4.8")  # 84 / 1736 = 4.84 %, rounded on its own
    assert table.discrepancies == ()


def test_parts_exceeding_their_parent_are_flagged():
    table = stats.category_table(
        [
            stats.CategoryInput("Личные приёмы", 208),
            stats.CategoryInput("Главой", 150, is_part=True),
            stats.CategoryInput("Заместителями", 100, is_part=True),
        ]
    )
    [warning] = table.discrepancies
    assert warning.kind == "parts" and warning.row == "Личные приёмы"
    assert "250" in warning.message and "208" in warning.message


def test_parts_of_a_comparison_table_are_checked_in_both_periods():
    table = stats.comparison_table(
        [
            stats.ComparisonInput("Из вышестоящих организаций", 100, 50),
            stats.ComparisonInput("из Администрации Президента", 40, 60, is_part=True),
        ]
    )
    assert [(item.row, item.what) for item in table.discrepancies] == [
        ("Из вышестоящих организаций", "предыдущий период")
    ]
    assert table.total.current == 100


def test_a_part_with_nothing_above_it_is_a_structural_error():
    assert stats.structure_errors(["в т.ч. Главой"], [True])
    assert not stats.structure_errors(["Приёмы", "Главой"], [False, True])


# ---- typed figures --------------------------------------------------------------------------------------------


def test_typed_total_and_shares_are_checked():
    table = stats.category_table(
        [
            stats.CategoryInput("Социальная сфера", 194, typed_share=D("19")),  # 19.4 % → typed 19: fine
            stats.CategoryInput("Строительство", 806, typed_share=D("14")),  # 80.6 % → typed 14: a slip
        ],
        typed_total=1001,
    )
    assert [(item.row, item.what, item.typed, item.computed) for item in table.discrepancies] == [
        ("Строительство", "доля", "14\u00a0%", "81\u00a0%"),
        (stats.TOTAL_LABEL, "итог", "1\u00a0001", "1\u00a0000"),
    ]


def test_a_typed_share_rounded_either_way_matches():
    exact = stats.exact_share(1, 3)  # 33.333…
    assert stats.percent_matches(D("33.3"), exact)
    assert stats.percent_matches(D("33.4"), exact)  # the largest-remainder result
    assert stats.percent_matches(D("33"), exact)
    assert not stats.percent_matches(D("33.5"), exact)
    assert not stats.percent_matches(D("34"), None)


# ---- comparisons ----------------------------------------------------------------------------------------------


def test_difference_and_change_in_percent():
    change = stats.Change(current=885, previous=322)
    assert change.difference == 563
    assert change.percent == D("174.8")
    falling = stats.Change(current=3456, previous=6067)
    assert falling.difference == -2611
    assert falling.percent == D("-43.0")


def test_change_rounds_half_up():
    assert stats.Change(current=449, previous=400).percent == D("12.3")  # 12.25
    assert stats.Change(current=351, previous=400).percent == D("-12.3")  # −12.25: half away from zero


def test_a_zero_previous_value_gives_no_change_and_no_error():
    grew = stats.Change(current=5, previous=0)
    assert grew.percent is None and grew.difference == 5
    assert fmt.signed_percent(grew.percent, missing=grew.missing_mark) == "—" and grew.from_zero
    none = stats.Change(current=0, previous=0)
    assert fmt.signed_percent(none.percent, missing=none.missing_mark) == "—"


def test_typed_totals_of_a_comparison_table():
    table = stats.comparison_table(
        [stats.ComparisonInput("А", 10, 20), stats.ComparisonInput("Б", 5, 5)],
        typed_total=stats.TypedTotals(current=15, previous=26, difference=-11, change_percent=D("-40")),
    )
    assert [item.what for item in table.discrepancies] == ["итог за предыдущий период", "итоговая разница"]


# ---- the seeds ------------------------------------------------------------------------------------------------


def _tables(body):
    return [(child["type"], child["value"]) for child in body if child["type"] in kinds.table_types()]


def _discrepancies(body):
    from wagtail.blocks import StreamValue

    from reports.blocks import ReportStreamBlock

    return kinds.discrepancies(StreamValue(ReportStreamBlock(), body, is_lazy=True))


@pytest.mark.django_db
def test_leninsky_slips_are_exactly_the_five_rows_and_the_57_percent():
    found = _discrepancies(leninsky.page()["body"])
    typed_differences = [item for item in found if item.what == "разница"]
    assert [item.row for item in typed_differences] == list(leninsky.SLIP_LABELS)
    assert [(item.typed, item.computed) for item in typed_differences] == [
        ("−7", "−8"),
        ("−284", "−262"),
        ("−396", "−347"),
        ("−441", "−211"),
        ("−2\u00a0228", "−2\u00a0028"),
    ]
    [total] = [item for item in found if item.row == stats.TOTAL_LABEL]
    assert (total.what, total.typed, total.computed) == ("изменение, %", "−57\u00a0%", "−43,0\u00a0%")
    assert len(found) == 6
    assert "Таблица «Обращения по темам», строка «Строительство»: разница — указано −396, вычислено −347" in [
        item.full_message for item in found
    ]


@pytest.mark.django_db
def test_lyubertsy_channels_add_up_to_the_published_total():
    body = lyubertsy.page()["body"]
    assert _discrepancies(body) == []
    [(kind, table)] = _tables(body)
    result = kinds.result("category_table", {**table, "rows": [item["value"] for item in table["rows"]]})
    assert result.total == 6179
    assert [row.label for row in result.rows if row.is_part] == [
        "Главой городского округа Люберцы",
        "Из Администрации Президента Российской Федерации",
    ]


def test_numbers_are_written_the_russian_way():
    assert fmt.number(6179) == "6\u00a0179"
    assert fmt.number(D("38.1")) == "38,1"
    assert fmt.signed(-2611) == "−2\u00a0611"
    assert fmt.signed(563) == "+563"
    assert fmt.percent(D("100.0")) == "100,0\u00a0%"
    assert fmt.number(None) == "—"
