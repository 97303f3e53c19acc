"""From stored block values to the computations of ``reports.stats``: one place that reads the blocks.

Which reader serves which block type is decided in ``reports.kinds`` (the registry of table kinds).

Drafts may be saved with empty required fields (Wagtail defers that
validation), so every reader here tolerates a missing label or number: an
empty count is zero, an empty label is an empty string.
"""

from __future__ import annotations

from reports import stats


def _int(value) -> int:
    return int(value) if value is not None else 0


def label(value) -> str:
    return str(value or "").strip()


def category_inputs(value) -> list[stats.CategoryInput]:
    return [
        stats.CategoryInput(
            label=label(row.get("label")),
            count=_int(row.get("count")),
            is_part=bool(row.get("is_part")),
            typed_share=row.get("share"),
        )
        for row in value.get("rows") or []
    ]


def share_places(value) -> int:
    """The table's share precision: 1 (0,1 %, the default) or 2 (0,01 %, when the source printed two decimals)."""
    try:
        return 2 if int(value.get("share_places") or 1) >= 2 else 1
    except (TypeError, ValueError):
        return 1


def category_result(value) -> stats.CategoryTable:
    return stats.category_table(
        category_inputs(value), typed_total=value.get("typed_total"), places=share_places(value)
    )


def comparison_inputs(value) -> list[stats.ComparisonInput]:
    return [
        stats.ComparisonInput(
            label=label(row.get("label")),
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
