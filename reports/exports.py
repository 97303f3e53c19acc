"""Every table of a published report as open data (``reports.opendata``), found by its slug.

Files carry the period and the source (the report's organisation) in their
metadata, the rows as counted, the computed figures (share, difference, change
in %) in columns marked «(вычислено)» with the computed «Итого (вычислено)»
row, and the figures typed as in the source document in their own columns
(«Доля в исходном документе, %», «+/- в исходном документе») with an «Итого в
исходном документе» row. The importer skips what is computed and reads back
what was typed, so a downloaded file imports back with the same raw numbers,
the same typed figures and the same warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reports import kinds, opendata, stats, tabular, values
from reports.blocks.figures import BREAKDOWN_SLUGS
from reports.blocks.stream import register_table_slugs
from reports.presenters.figures import breakdown_caption, breakdown_result
from reports.presenters.tables import period_titles

IS_PART = tabular.CATEGORY_COLUMNS[2]
COLUMNS = tabular.columns
Export = tuple[tuple[tabular.Column, ...], list[dict], dict, dict | None]
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _title(typed: str, column: tabular.Column) -> str:
    """The editor's column title when the importer recognises it, else the standard one."""
    if typed and tabular.columns.header_key(typed) in column.header_keys:
        return typed
    return column.title


def _period_title(typed: str, fallback: str, column: tabular.Column) -> str:
    """A period column's title: the typed one when it names a year (the importer reads years), else the period."""
    if typed and (_YEAR_RE.search(typed) or tabular.columns.header_key(typed) in column.header_keys):
        return typed
    return fallback


def category_columns(
    *, label_title: str = "", count_title: str = "", typed_shares: bool = False
) -> tuple[tabular.Column, ...]:
    label, count = tabular.CATEGORY_COLUMNS[0], tabular.CATEGORY_COLUMNS[1]
    columns = (
        tabular.Column(label.key, _title(label_title, label), "text"),
        tabular.Column(count.key, _title(count_title, count), "integer"),
        IS_PART,
        COLUMNS.SHARE_COMPUTED_COLUMN,
    )
    return (*columns, COLUMNS.SHARE_TYPED_COLUMN) if typed_shares else columns


def category_rows(result: stats.CategoryTable) -> tuple[list[dict], dict, dict | None]:
    """The rows (computed share and the share as typed), the computed total and the total as typed (or None)."""
    rows = [
        {
            "label": row.label,
            "count": row.count,
            "is_part": row.is_part,
            "share_computed": row.share,
            "share": row.typed_share,
        }
        for row in result.rows
    ]
    typed = {"count": result.typed_total} if result.typed_total is not None else None
    return rows, {"count": result.total, "share_computed": result.shares_sum}, typed


def comparison_rows(result: stats.ComparisonTable) -> tuple[list[dict], dict, dict | None]:
    """The rows (computed difference and change, the difference as typed), the computed and the typed total."""
    rows = [
        {
            "label": row.label,
            "current": row.change.current,
            "previous": row.change.previous,
            "difference": row.typed_difference,
            "difference_computed": row.change.difference,
            "change_percent_computed": row.change.percent,
            "is_part": row.is_part,
        }
        for row in result.rows
    ]
    total = result.total
    typed_total = result.typed_total
    typed = None
    if typed_total.any():
        typed = {
            "current": typed_total.current,
            "previous": typed_total.previous,
            "difference": typed_total.difference,
            "typed_change": typed_total.change_percent,
        }
    computed = {
        "current": total.current,
        "previous": total.previous,
        "difference_computed": total.difference,
        "change_percent_computed": total.percent,
    }
    return rows, computed, typed


def _export(page, *, title: str, source: str, columns, rows, total, typed_total=None) -> opendata.TableExport:
    period = page.period
    return opendata.TableExport(
        title=title,
        report_title=page.title,
        period=period.label,
        period_start=period.start,
        period_end=period.end,
        source=f"{page.organisation} — {source}" if source else page.organisation,
        url=page.full_url or page.url,
        columns=columns,
        rows=rows,
        total=total,
        typed_total=typed_total,
    )


def category_export(page, value) -> Export:
    """The open-data columns, rows, computed total and typed total of a category table (``reports.kinds``)."""
    rows, total, typed = category_rows(values.category_result(value))
    columns = category_columns(
        label_title=value.get("label_title") or "",
        count_title=value.get("count_title") or "",
        typed_shares=any(row["share"] is not None for row in rows),
    )
    return columns, rows, total, typed


def comparison_export(page, value) -> Export:
    """The open-data columns, rows, computed total and typed total of a comparison table (``reports.kinds``)."""
    rows, total, typed = comparison_rows(values.comparison_result(value))
    current, previous = period_titles(value, page)
    label = tabular.COMPARISON_COLUMNS[0]
    columns = (
        tabular.Column("label", _title(value.get("label_title") or "", label), "text"),
        tabular.Column(
            "current",
            _period_title(value.get("current_title") or "", current, tabular.COMPARISON_COLUMNS[1]),
            "integer",
        ),
        tabular.Column(
            "previous",
            _period_title(value.get("previous_title") or "", previous, tabular.COMPARISON_COLUMNS[2]),
            "integer",
        ),
    )
    if any(row["difference"] is not None for row in rows) or (typed and typed["difference"] is not None):
        columns = (*columns, COLUMNS.DIFFERENCE_TYPED_COLUMN)
    columns = (*columns, COLUMNS.DIFFERENCE_COMPUTED_COLUMN, COLUMNS.CHANGE_COMPUTED_COLUMN)
    if typed and typed["typed_change"] is not None:
        columns = (*columns, COLUMNS.CHANGE_TYPED_COLUMN)
    return (*columns, IS_PART), rows, total, typed


def _block_exports(page, child) -> Iterator[tuple[str, opendata.TableExport]]:
    value = child.value
    columns, rows, total, typed = kinds.get(child.block_type).export_table(page, value)
    yield (
        value.get("slug") or "",
        _export(
            page,
            title=values.label(value.get("caption")),
            source=value.get("source") or "",
            columns=columns,
            rows=rows,
            total=total if value.get("show_total") else None,
            typed_total=typed,
        ),
    )


def _register_exports(page, child, snapshots) -> Iterator[tuple[str, opendata.TableExport]]:
    snapshot = snapshots.get(child.id)
    if snapshot is None:  # never published with this block: nothing frozen to publish
        return
    statistics, _ = snapshot
    if statistics.is_empty:
        return
    keys = [key for key in child.value.get("breakdowns") or [] if key in BREAKDOWN_SLUGS]
    for key, slug in zip(keys, register_table_slugs(child.value), strict=True):
        rows, total, _ = category_rows(breakdown_result(statistics, key))
        yield (
            slug,
            _export(
                page,
                title=breakdown_caption(key, page.period.label),
                source="реестр обращений интернет-приёмной",
                columns=category_columns(),
                rows=rows,
                total=total,
            ),
        )


def find_export(page, slug: str) -> opendata.TableExport | None:
    """The open-data table of ``page`` whose download slug is ``slug``, or None."""
    from reports import selectors

    if page.period is None:
        return None
    for child in page.body or []:
        if kinds.is_table(child.block_type) and child.value.get("slug") == slug:
            return next(_block_exports(page, child))[1]
        if child.block_type == "register_statistics" and slug in register_table_slugs(child.value):
            for found_slug, export in _register_exports(page, child, selectors.register_snapshots(page)):
                if found_slug == slug:
                    return export
    return None


def page_exports(page) -> Iterator[tuple[str, str, opendata.TableExport]]:
    """Every published table of ``page`` as ``(kind, slug, export)``; register breakdowns are category tables.

    The open-data catalogue (``opendata``) reads the report tables through this.
    """
    from reports import selectors

    if page.period is None:
        return
    snapshots = None
    for child in page.body or []:
        if kinds.is_table(child.block_type):
            for slug, export in _block_exports(page, child):
                yield child.block_type, slug, export
        elif child.block_type == "register_statistics":
            if snapshots is None:
                snapshots = selectors.register_snapshots(page)
            for slug, export in _register_exports(page, child, snapshots):
                yield "category_table", slug, export
