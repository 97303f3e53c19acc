"""JSON tables as reports.opendata writes them: ``{"rows": [{key: value, …}], "total": {…} | null, …}``.

The figures typed as in the source are read back: row keys of the import columns, and ``"typed_total"``
(the total row as the source printed it). When the document has a ``"typed_total"`` key, ``"total"`` is the
portal's computed total and is ignored; files without it (older exports, hand-made files) give their
``"total"`` as the typed one. A bare list of row objects is accepted too.
Rows are matched to columns by key; keys of the columns the portal
computes (DERIVED_COLUMNS) are skipped, other unknown keys are errors. Row numbers are the 1-based positions in
``rows``. Numbers with a fraction are read exactly (as Decimal), so 12.5 stays 12.5.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal

from .columns import DERIVED_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, CellError, Column, ParsedTable, TableImportError
from .grid import SourceRow, TableBuilder, counted
from .numbers import parse_value, quote


def _reject_constant(name: str) -> object:
    raise ValueError(f"«{name}» не является числом")


def _load(data: bytes) -> object:
    if len(data) > MAX_FILE_BYTES:
        raise TableImportError.single("файл JSON больше 5 МБ; разделите таблицу")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableImportError.single("файл JSON должен быть в кодировке UTF-8", row=line) from None
    if not text.strip():
        raise TableImportError.single("таблица пуста: файл не содержит данных")
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        message = f"файл не является корректным JSON: {exc.msg} (строка {exc.lineno}, позиция {exc.colno})"
        raise TableImportError.single(message, row=exc.lineno) from None
    except (ValueError, RecursionError):
        message = "файл не является корректным JSON: слишком длинные числа или слишком глубокая вложенность"
        raise TableImportError.single(message) from None


def parse_json(data: bytes, *, columns: Sequence[Column]) -> ParsedTable:
    """Parse a JSON table (see the module docstring); raise TableImportError listing every problem."""
    document = _load(data)
    total: object = None
    if isinstance(document, Mapping):
        rows = document.get("rows")
        total = document["typed_total"] if "typed_total" in document else document.get("total")
    else:
        rows = document
    if not isinstance(rows, list):
        raise TableImportError.single('в JSON нет списка строк «rows»: ожидается {"rows": [{…}, …]}')
    if not rows:
        raise TableImportError.single("таблица пуста: список «rows» пуст")
    if len(rows) > MAX_ROWS + 1:
        shown = counted(len(rows), "строка", "строки", "строк")
        raise TableImportError.single(f"в таблице {shown} с данными, а можно не больше {MAX_ROWS}")
    errors: list[CellError] = []
    by_key = {column.key: column for column in columns}
    derived = {column.key for column in DERIVED_COLUMNS} - by_key.keys()
    grid: list[SourceRow] = [(0, [column.title for column in columns])]
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            errors.append(CellError(number, "", f"строка должна быть объектом {{ключ: значение}}, а не {quote(row)}"))
            continue
        for key in row:
            if key not in by_key and key not in derived:
                expected = ", ".join(f"«{k}»" for k in by_key)
                errors.append(CellError(number, "", f"неизвестный ключ {quote(key)}; ожидаются ключи {expected}"))
        grid.append((number, [row.get(column.key) for column in columns]))
    present = {key for row in rows if isinstance(row, Mapping) for key in row}
    for column in columns:
        if column.required and column.key not in present:
            errors.append(CellError(0, column.title, f"ни в одной строке нет обязательного ключа «{column.key}»"))
    if errors:
        raise TableImportError(errors)
    table = TableBuilder(columns).build(grid)
    table = ParsedTable(rows=table.rows, typed_total=table.typed_total, source_titles={})
    if total is None:
        return table
    return ParsedTable(rows=table.rows, typed_total=_total(total, columns), source_titles={})


def _total(total: object, columns: Sequence[Column]) -> dict[str, object]:
    if not isinstance(total, Mapping):
        raise TableImportError.single(f"«total» должен быть объектом {{ключ: значение}} или null, а не {quote(total)}")
    errors: list[CellError] = []
    typed: dict[str, object] = {}
    for column in columns:
        if column.kind in ("text", "flag") or total.get(column.key) is None:
            continue
        try:
            typed[column.key] = parse_value(total[column.key], kind=column.kind)
        except ValueError as exc:
            errors.append(CellError(0, column.title, f"в строке итога: {exc}"))
    if errors:
        raise TableImportError(errors)
    return typed
