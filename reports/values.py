"""The readers every table kind shares when it turns a stored block value into ``reports.stats`` inputs.

Each kind's own reader (``category_result``, ``comparison_result``) is in its module of
``reports.table_kinds``; which reader serves which block type is decided in ``reports.kinds``.

Drafts may be saved with empty required fields (Wagtail defers that
validation), so every reader here tolerates a missing label or number: an
empty count is zero, an empty label is an empty string.
"""

from __future__ import annotations


def to_int(value) -> int:
    return int(value) if value is not None else 0


def label(value) -> str:
    return str(value or "").strip()
