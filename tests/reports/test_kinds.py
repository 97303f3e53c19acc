"""The registry of report table kinds: one entry per kind, every table block registered, unknown kinds raise."""

import pytest

from reports import kinds
from reports.blocks import ReportStreamBlock
from reports.blocks.importing import ImportableTableBlock


def test_every_table_block_of_the_report_body_is_a_registered_kind_and_back():
    table_children = {
        name for name, block in ReportStreamBlock().child_blocks.items() if isinstance(block, ImportableTableBlock)
    }
    assert table_children == set(kinds.TABLE_TYPES)


@pytest.mark.parametrize("block_type", kinds.TABLE_TYPES)
def test_each_kind_names_a_presenter_and_an_export_that_exist(block_type):
    kind = kinds.get(block_type)
    assert callable(kinds._load(kind.presenter)) and callable(kinds._load(kind.export))


def test_an_unknown_kind_raises_instead_of_being_computed_as_another_kind():
    with pytest.raises(kinds.UnknownTableKind):
        kinds.result("ratings_table", {"rows": [{"label": "А", "count": 1}]})
    assert not kinds.is_table("ratings_table")
    assert list(kinds.table_blocks([])) == []


def test_the_headline_of_a_comparison_table_is_its_current_total():
    value = {"caption": "По темам", "headline": True, "rows": [{"label": "А", "current": 5, "previous": 2}]}

    class Child:
        id, block_type = "x", "comparison_table"

    Child.value = value
    assert kinds.headline([Child()]) == ("По темам", 5)
