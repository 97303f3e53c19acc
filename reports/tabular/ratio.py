"""A typed «%» column of a comparison table that holds the ratio of the periods, not their change.

Russian report forms print the current period «к предыдущему в %» (782 against 239 is «327,2»), while others
print the change (+227,2). Read as a change, every row of such a column was flagged as a slip of the source and
marked «*» on the public page. The importer refuses it and says why; the portal computes the change itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from .columns import CellError

_HUNDRED = Decimal(100)


def _near(typed: Decimal, value: Decimal) -> bool:
    """Whether ``typed`` is ``value`` rounded (either way) to the decimals it was typed with."""
    exponent = typed.as_tuple().exponent
    unit = Decimal(1).scaleb(min(int(exponent), 0) if isinstance(exponent, int) else 0)
    return abs(typed - value) < unit


def ratio_column_error(rows: Sequence[tuple[int, dict[str, object]]], *, title: str) -> CellError | None:
    """An error when every typed percentage (with a previous value) is the ratio current / previous × 100.

    ``rows`` are (source row, parsed values) pairs with ``current``, ``previous`` and ``typed_change``.
    """
    checked: list[tuple[int, int, int, Decimal]] = []
    for number, values in rows:
        typed, current, previous = values.get("typed_change"), values.get("current"), values.get("previous")
        if isinstance(typed, Decimal) and isinstance(current, int) and isinstance(previous, int) and previous:
            checked.append((number, current, previous, typed))
    if not checked:
        return None
    for _, current, previous, typed in checked:
        ratio = Decimal(current) * _HUNDRED / Decimal(previous)
        if not _near(typed, ratio) or _near(typed, ratio - _HUNDRED):
            return None
    number, current, previous, typed = checked[0]
    shown = f"{typed}".replace(".", ",")
    message = (
        f"в этом столбце отношение текущего периода к предыдущему, а не изменение: {shown} % = {current} / "
        f"{previous} × 100 (изменение было бы {_change(current, previous)} %); портал вычисляет изменение "
        "сам — удалите этот столбец из таблицы"
    )
    return CellError(number, title, message)


def _change(current: int, previous: int) -> str:
    change = (Decimal(current - previous) * _HUNDRED / Decimal(previous)).quantize(Decimal("0.1"))
    sign = "+" if change > 0 else ("−" if change < 0 else "")
    return f"{sign}{abs(change)}".replace(".", ",")
