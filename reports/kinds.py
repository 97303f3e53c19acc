"""One registry of report table kinds: what each kind of table block computes, shows, exports and headlines.

A table block's ``block_type`` names its kind. Each kind is one module of ``reports.table_kinds`` holding its
block class, compute function, view model, open-data columns and a ``KIND = TableKind(...)``; ``KIND_MODULES``
below lists those modules, and it is the only list: the report body (``ReportStreamBlock``), the page, the
headline, the «Проверка расчётов» panel and the exports all read the registry. A block type that is not
registered raises ``UnknownTableKind`` instead of being silently treated as another kind.

The kind modules are imported on first use, not when this module is: they import ``reports.blocks`` and this
module (for ``TableKind``), so loading them lazily keeps the import graph free of cycles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from reports import stats, values

TABLE_TEMPLATE = "reports/blocks/table.html"

#: The table kinds, one module each, in the order of the editor's «add block» menu. Adding a kind is one line.
KIND_MODULES: tuple[str, ...] = (
    "reports.table_kinds.category",
    "reports.table_kinds.comparison",
)
#: The kind whose table gives the report's headline when no table is marked as headline.
DEFAULT_HEADLINE_KIND = "category_table"


class UnknownTableKind(LookupError):
    """A block type that is not a registered table kind."""


@dataclass(frozen=True)
class TableKind:
    """One kind of report table.

    ``block`` is the StreamField block class (the body's child is named ``block_type``); ``compute(value)``
    gives the ``reports.stats`` result of a block value; ``headline(result)`` the figure the reports index
    charts; ``presenter(value, *, block_id, page, vision)`` builds the page's ``TableView``;
    ``export(page, value)`` the open-data table ``(columns, rows, total, typed_total)``; ``template`` renders
    the view model (the shared table template unless the kind needs its own).
    """

    block_type: str
    block: type
    compute: Callable[[Mapping[str, Any]], Any]
    headline: Callable[[Any], int]
    presenter: Callable[..., Any]
    export: Callable[..., Any]
    template: str = TABLE_TEMPLATE

    def present(self, value, *, block_id: str, page, vision):
        return self.presenter(value, block_id=block_id, page=page, vision=vision)

    def export_table(self, page, value):
        return self.export(page, value)


@cache
def _kind_of(module_path: str) -> TableKind:
    kind = getattr(import_module(module_path), "KIND", None)
    if not isinstance(kind, TableKind):
        raise ImproperlyConfigured(f"{module_path} has no KIND = TableKind(...)")
    return kind


@cache
def _registry(module_paths: tuple[str, ...]) -> dict[str, TableKind]:
    found: dict[str, TableKind] = {}
    for path in module_paths:
        kind = _kind_of(path)
        if kind.block_type in found:
            raise ImproperlyConfigured(f"two table kinds are named {kind.block_type!r}")
        found[kind.block_type] = kind
    return found


def registered() -> Mapping[str, TableKind]:
    """The registered kinds by block type, in ``KIND_MODULES`` order."""
    return _registry(KIND_MODULES)


def table_types() -> tuple[str, ...]:
    """The block types of the table kinds, in registry order."""
    return tuple(registered())


def get(block_type: str) -> TableKind:
    """The registered kind of ``block_type``; raise UnknownTableKind when there is none."""
    try:
        return registered()[block_type]
    except KeyError:
        raise UnknownTableKind(f"{block_type!r} is not a registered report table kind") from None


def is_table(block_type: str) -> bool:
    return block_type in registered()


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
