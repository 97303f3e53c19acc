"""Every table of a published report as open data (``reports.opendata``), found by its slug.

Files carry the period and the source (the report's organisation) in their
metadata, the rows as counted, the computed figures (share, difference, change
in %) in columns marked «(вычислено)» with the computed «Итого (вычислено)»
row, and the figures typed as in the source document in their own columns
(«Доля в исходном документе, %», «+/- в исходном документе») with an «Итого в
исходном документе» row. The importer skips what is computed and reads back
what was typed, so a downloaded file imports back with the same raw numbers,
the same typed figures and the same warnings.

Each table kind builds its own columns and rows (its ``export`` in ``reports.kinds``); this module adds the
report's metadata and finds a table by its slug. The register block's breakdowns are exported as category tables
with a text column «Количество как опубликовано» («менее 5», «скрыто», «не публикуется»: the count is then
empty, and so is the share; ``reports.register_figures``).
"""

from __future__ import annotations

from collections.abc import Iterator

from reports import kinds, opendata, snapshots, tabular, values
from reports.blocks.figures import BREAKDOWN_SLUGS
from reports.blocks.stream import register_table_slugs
from reports.presenters.figures import breakdown_caption, breakdown_rows
from reports.table_kinds.category import category_columns


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


REGISTER_COUNT_TEXT = tabular.Column("count_text", "Количество как опубликовано", "text", required=False)


def _register_exports(page, child, frozen) -> Iterator[tuple[str, opendata.TableExport]]:
    """The frozen breakdowns of a register block: the statistics' cells, «менее 5» / «скрыто» with no number."""
    snapshot = frozen.get(child.id)
    if snapshot is None:  # never published with this block: nothing frozen to publish
        return
    figures, _ = snapshot
    if not figures.published or figures.is_empty:
        return
    keys = [key for key in child.value.get("breakdowns") or [] if key in BREAKDOWN_SLUGS]
    for key, slug in zip(keys, register_table_slugs(child.value), strict=True):
        rows, total, _ = breakdown_rows(figures, key)
        columns = category_columns()
        yield (
            slug,
            _export(
                page,
                title=breakdown_caption(key, page.period.label),
                source="реестр обращений интернет-приёмной (как на странице «Статистика обращений»)",
                columns=(columns[0], columns[1], REGISTER_COUNT_TEXT, *columns[2:]),
                rows=rows,
                total=total,
            ),
        )


def find_export(page, slug: str) -> opendata.TableExport | None:
    """The open-data table of ``page`` whose download slug is ``slug``, or None."""
    if page.period is None:
        return None
    for child in page.body or []:
        if kinds.is_table(child.block_type) and child.value.get("slug") == slug:
            return next(_block_exports(page, child))[1]
        if child.block_type == "register_statistics" and slug in register_table_slugs(child.value):
            for found_slug, export in _register_exports(page, child, snapshots.frozen_figures(page)):
                if found_slug == slug:
                    return export
    return None


def page_exports(page) -> Iterator[tuple[str, str, opendata.TableExport]]:
    """Every published table of ``page`` as ``(kind, slug, export)``; register breakdowns are category tables.

    The open-data catalogue (``opendata``) reads the report tables through this.
    """
    if page.period is None:
        return
    frozen = None
    for child in page.body or []:
        if kinds.is_table(child.block_type):
            for slug, export in _block_exports(page, child):
                yield child.block_type, slug, export
        elif child.block_type == "register_statistics":
            if frozen is None:
                frozen = snapshots.frozen_figures(page)
            for slug, export in _register_exports(page, child, frozen):
                yield "category_table", slug, export
