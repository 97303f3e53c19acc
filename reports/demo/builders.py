"""Raw StreamField data of the report blocks, for the demo reports."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

Block = dict[str, Any]


def items(values: list[dict]) -> list[dict]:
    """A ListBlock's raw value in Wagtail's current form (each item wrapped, as the database keeps it)."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def category_row(label: str, count: int, *, part: bool = False, share: Decimal | None = None) -> dict:
    return {"label": label, "count": count, "is_part": part, "share": str(share) if share is not None else None}


def category_table(
    *,
    caption: str,
    slug: str,
    rows: list[dict],
    label_title: str = "",
    count_title: str = "",
    typed_total: int | None = None,
    chart: str = "bars",
    headline: bool = False,
    source: str = "",
    show_total: bool = True,
) -> Block:
    return {
        "type": "category_table",
        "value": {
            "caption": caption,
            "slug": slug,
            "rows": items(rows),
            "label_title": label_title,
            "count_title": count_title,
            "show_total": show_total,
            "typed_total": typed_total,
            "share_places": "1",
            "chart": chart,
            "headline": headline,
            "source": source,
            "paste": "",
            "upload": None,
            "compound": "",
        },
    }


def comparison_row(
    label: str,
    current: int,
    previous: int,
    *,
    typed: int | None = None,
    part: bool = False,
    typed_change: str | None = None,
) -> dict:
    """A row with every child of ComparisonRowBlock (so a stored row compares equal to a rebuilt one)."""
    return {
        "label": label,
        "current": current,
        "previous": previous,
        "difference": typed,
        "change": typed_change,
        "is_part": part,
    }


def comparison_table(
    *,
    caption: str,
    slug: str,
    rows: list[dict],
    label_title: str = "",
    current_title: str = "",
    previous_title: str = "",
    show_total: bool = True,
    typed_total_current: int | None = None,
    typed_total_previous: int | None = None,
    typed_total_difference: int | None = None,
    typed_total_change: Decimal | None = None,
    headline: bool = False,
    source: str = "",
) -> Block:
    return {
        "type": "comparison_table",
        "value": {
            "caption": caption,
            "slug": slug,
            "rows": items(rows),
            "label_title": label_title,
            "current_title": current_title,
            "previous_title": previous_title,
            "show_total": show_total,
            "typed_total_current": typed_total_current,
            "typed_total_previous": typed_total_previous,
            "typed_total_difference": typed_total_difference,
            "typed_total_change": str(typed_total_change) if typed_total_change is not None else None,
            "chart": "bars",
            "headline": headline,
            "source": source,
            "paste": "",
            "upload": None,
            "compound": "",
        },
    }


def key_figure(label: str, value: int, *, previous: int | None = None, previous_label: str = "") -> dict:
    return {"label": label, "value": value, "previous": previous, "previous_label": previous_label}


def key_figures(heading: str, figures: list[dict]) -> Block:
    return {"type": "key_figures", "value": {"heading": heading, "figures": items(figures)}}
