"""From stored block values to the computations of ``reports.stats``: one place that reads the blocks.

Drafts may be saved with empty required fields (Wagtail defers that
validation), so every reader here tolerates a missing label or number: an
empty count is zero, an empty label is an empty string.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reports import stats

CATEGORY = "category_table"
COMPARISON = "comparison_table"
TABLE_TYPES = (CATEGORY, COMPARISON)


def _int(value) -> int:
    return int(value) if value is not None else 0


def _label(value) -> str:
    return str(value or "").strip()


def category_inputs(value) -> list[stats.CategoryInput]:
    return [
        stats.CategoryInput(
            label=_label(row.get("label")),
            count=_int(row.get("count")),
            is_part=bool(row.get("is_part")),
            typed_share=row.get("share"),
        )
        for row in value.get("rows") or []
    ]


def category_result(value) -> stats.CategoryTable:
    return stats.category_table(category_inputs(value), typed_total=value.get("typed_total"))


def comparison_inputs(value) -> list[stats.ComparisonInput]:
    return [
        stats.ComparisonInput(
            label=_label(row.get("label")),
            current=_int(row.get("current")),
            previous=_int(row.get("previous")),
            typed_difference=row.get("difference"),
            is_part=bool(row.get("is_part")),
        )
        for row in value.get("rows") or []
    ]


def typed_totals(value) -> stats.TypedTotals:
    return stats.TypedTotals(
        current=value.get("typed_total_current"),
        previous=value.get("typed_total_previous"),
        difference=value.get("typed_total_difference"),
        change_percent=value.get("typed_total_change"),
    )


def comparison_result(value) -> stats.ComparisonTable:
    return stats.comparison_table(comparison_inputs(value), typed_total=typed_totals(value))


def result(block_type: str, value) -> stats.CategoryTable | stats.ComparisonTable:
    return category_result(value) if block_type == CATEGORY else comparison_result(value)


@dataclass(frozen=True)
class TableBlock:
    block_id: str
    block_type: str
    value: object


def table_blocks(body: Iterable) -> Iterator[TableBlock]:
    for child in body or []:
        if child.block_type in TABLE_TYPES:
            yield TableBlock(block_id=child.id, block_type=child.block_type, value=child.value)


def discrepancies(body: Iterable) -> list[stats.Discrepancy]:
    """Every typed figure of the body that disagrees with the computed one, with its table's caption."""
    found = []
    for table in table_blocks(body):
        caption = _label(table.value.get("caption")) or "без заголовка"
        found.extend(item.in_table(caption) for item in result(table.block_type, table.value).discrepancies)
    return found


def headline(body: Iterable) -> tuple[str, int] | None:
    """The report's headline figure: the total of the table marked as headline, else of the first category table.

    A comparison table contributes its total for the reporting period. Returns (the table's caption, the value),
    or None when the report has no such table.
    """
    tables = list(table_blocks(body))
    chosen = next((table for table in tables if table.value.get("headline")), None)
    if chosen is None:
        chosen = next((table for table in tables if table.block_type == CATEGORY), None)
    if chosen is None:
        return None
    computed = result(chosen.block_type, chosen.value)
    total = computed.total if chosen.block_type == CATEGORY else computed.total.current
    return _label(chosen.value.get("caption"))[:255], total
