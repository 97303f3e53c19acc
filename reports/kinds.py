"""One registry of report table kinds: what each kind of table block computes, shows, exports and headlines.

A table block's ``block_type`` names its kind. Everything that depends on the kind reads this registry, so adding
a kind is one ``TableKind`` entry here (plus its block class, presenter and export function); a block type that
is not registered raises ``UnknownTableKind`` instead of being silently treated as another kind.

Presenters and export builders are named by dotted path and imported on first use: they import this module's
callers (``reports.presenters``, ``reports.exports``), so naming them keeps the import graph one-way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.utils.module_loading import import_string

from reports import stats, values

TABLE_TEMPLATE = "reports/blocks/table.html"


class UnknownTableKind(LookupError):
    """A block type that is not a registered table kind."""


@dataclass(frozen=True)
class TableKind:
    """One kind of report table.

    ``compute(value)`` gives the ``reports.stats`` result of a block value; ``headline(result)`` the figure the
    reports index charts; ``presenter`` (dotted path) builds the page's view model
    ``(value, *, block_id, page, vision) -> TableView``; ``export`` (dotted path) builds the open-data table
    ``(page, value) -> (columns, rows, total)``; ``template`` renders the view model.
    """

    block_type: str
    compute: Callable[[Mapping[str, Any]], Any]
    headline: Callable[[Any], int]
    presenter: str
    export: str
    template: str = TABLE_TEMPLATE

    def present(self, value, *, block_id: str, page, vision):
        return _load(self.presenter)(value, block_id=block_id, page=page, vision=vision)

    def export_table(self, page, value):
        return _load(self.export)(page, value)


@cache
def _load(path: str) -> Callable[..., Any]:
    return import_string(path)


KINDS: dict[str, TableKind] = {
    kind.block_type: kind
    for kind in (
        TableKind(
            block_type="category_table",
            compute=values.category_result,
            headline=lambda result: result.total,
            presenter="reports.presenters.tables.category_view",
            export="reports.exports.category_export",
        ),
        TableKind(
            block_type="comparison_table",
            compute=values.comparison_result,
            headline=lambda result: result.total.current,
            presenter="reports.presenters.tables.comparison_view",
            export="reports.exports.comparison_export",
        ),
    )
}
#: The block types of the table kinds, in registry order.
TABLE_TYPES: tuple[str, ...] = tuple(KINDS)
#: The kind whose table gives the report's headline when no table is marked as headline.
DEFAULT_HEADLINE_KIND = "category_table"


def get(block_type: str) -> TableKind:
    """The registered kind of ``block_type``; raise UnknownTableKind when there is none."""
    try:
        return KINDS[block_type]
    except KeyError:
        raise UnknownTableKind(f"{block_type!r} is not a registered report table kind") from None


def is_table(block_type: str) -> bool:
    return block_type in KINDS


def result(block_type: str, value) -> Any:
    """The computed table of a block value of kind ``block_type``."""
    return get(block_type).compute(value)


@dataclass(frozen=True)
class TableBlock:
    block_id: str
    block_type: str
    value: Any


def table_blocks(body: Iterable) -> Iterator[TableBlock]:
    for child in body or []:
        if is_table(child.block_type):
            yield TableBlock(block_id=child.id, block_type=child.block_type, value=child.value)


def discrepancies(body: Iterable) -> list[stats.Discrepancy]:
    """Every typed figure of the body that disagrees with the computed one, with its table's caption."""
    found = []
    for table in table_blocks(body):
        caption = values.label(table.value.get("caption")) or "без заголовка"
        found.extend(item.in_table(caption) for item in result(table.block_type, table.value).discrepancies)
    return found


def headline(body: Iterable) -> tuple[str, int] | None:
    """The report's headline figure: the table marked as headline, else the first table of the default kind.

    Returns (the table's caption, its kind's headline figure), or None when the report has no such table.
    """
    tables = list(table_blocks(body))
    chosen = next((table for table in tables if table.value.get("headline")), None)
    if chosen is None:
        chosen = next((table for table in tables if table.block_type == DEFAULT_HEADLINE_KIND), None)
    if chosen is None:
        return None
    kind = get(chosen.block_type)
    return values.label(chosen.value.get("caption"))[:255], kind.headline(kind.compute(chosen.value))
