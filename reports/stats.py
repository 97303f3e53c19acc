"""The arithmetic of the report tables: totals, shares, differences, changes and the checks of typed figures.

Pure and typed: no Django, no templates. Blocks and templates only display
what these functions return.

Rules
-----
- Rows marked "в том числе" (parts) belong to the nearest row above them that is
  not a part (their parent). Totals add up the top-level rows only, so a part
  is never counted twice.
- Shares are percentages of the total, shown with the table's precision (``places``): one decimal by
  default, two when the source printed two («5,77 %»). With one decimal the top-level shares are
  rounded by the largest-remainder method, so they always add up to exactly
  100,0 % (1/3, 1/3, 1/3 → 33,4 + 33,3 + 33,3). With two decimals each share is rounded half up, the way
  sources print them, so a published «58,79 %» is reproduced exactly; the total row shows 100,00 %.
  A part's share is its own exact share rounded half up. With a zero total there are no shares.
- A change in % is (current − previous) / previous × 100, rounded half up to one
  decimal. With a zero previous value there is none, never a division error: the page shows "—"; a growth
  from zero (``Change.from_zero``) is explained, «рост с нуля: процент не вычисляется».
- A figure typed as published in the source (a share, a difference, a total, a
  row's or the total's change in %) is checked against the computed one. A typed percentage counts as
  matching when it is the computed value rounded either way to the decimals it
  was typed with ("19 %" matches 19,4 % and 18,6 %). Mismatches are returned
  as ``Discrepancy`` items: warnings for editors, never an error; the computed value in the warning is
  shown with the decimals the source typed («указано 4,20 %, вычислено 4,23 %»).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from . import formatting as fmt

ONE_DECIMAL = Decimal("0.1")
HUNDRED = Decimal(100)
TOTAL_LABEL = "Итого"


@dataclass(frozen=True)
class Discrepancy:
    """A typed figure that disagrees with the computed one (or parts that exceed their parent)."""

    row: str
    what: str
    typed: str
    computed: str
    table: str = ""
    # "typed": a figure typed as in the source differs; "parts": rows "в том числе" exceed their parent.
    kind: str = "typed"

    @property
    def message(self) -> str:
        """E.g. "строка «Государственной Думы РФ»: разница — указано −7, вычислено −8"."""
        where = "итоговая строка" if self.row == TOTAL_LABEL else f"строка «{self.row}»"
        if self.kind == "parts":
            return (
                f"{where}: строки «в том числе» в сумме дают {self.typed} ({self.what}), "
                f"а это больше значения самой строки — {self.computed}"
            )
        return f"{where}: {self.what} — указано {self.typed}, вычислено {self.computed}"

    @property
    def full_message(self) -> str:
        """The message with the table's caption in front, for lists that span several tables."""
        return f"Таблица «{self.table}», {self.message}" if self.table else self.message[:1].upper() + self.message[1:]

    def in_table(self, caption: str) -> Discrepancy:
        return replace(self, table=caption)


# ---- rounding -------------------------------------------------------------------------------------------------


def round_half_up(value: Fraction | Decimal, places: int = 1) -> Decimal:
    """Round a fraction or decimal half up (away from zero on .5) to ``places`` decimals."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def largest_remainder_shares(counts: Sequence[int], *, places: int = 1) -> list[Decimal | None]:
    """Percentages of the total with ``places`` decimals that add up to exactly 100.

    Each share first gets its exact value rounded down; the units still missing
    to 100 go to the largest remainders (ties: the earlier row). A zero total
    gives no shares (None each).
    """
    total = sum(counts)
    if total <= 0:
        return [None for _ in counts]
    units = 100 * 10**places
    quotas = [Fraction(count * units, total) for count in counts]
    floors = [quota.numerator // quota.denominator for quota in quotas]
    missing = units - sum(floors)
    by_remainder = sorted(range(len(counts)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for index in by_remainder[:missing]:
        floors[index] += 1
    scale = Decimal(1).scaleb(-places)
    return [(Decimal(units_) * scale).quantize(scale) for units_ in floors]


def exact_share(count: int, total: int) -> Fraction | None:
    return Fraction(count * 100, total) if total > 0 else None


def change_percent(current: int, previous: int) -> Decimal | None:
    """(current − previous) / previous × 100, half up to 0,1; None when previous is zero."""
    if previous == 0:
        return None
    return round_half_up(Fraction((current - previous) * 100, previous))


def _typed_places(value: Decimal) -> int:
    return max(0, -value.as_tuple().exponent)


def percent_matches(typed: Decimal, exact: Fraction | None) -> bool:
    """Whether a typed percentage is the exact one rounded (either way) to the decimals it was typed with."""
    if exact is None:
        return False
    unit = Fraction(1, 10 ** _typed_places(typed))
    return abs(Fraction(typed) - exact) < unit


# ---- grouped rows ---------------------------------------------------------------------------------------------


def parent_indexes(parts: Sequence[bool]) -> list[int | None]:
    """For each row, the index of its parent (the nearest row above that is not a part), or None."""
    parents: list[int | None] = []
    current: int | None = None
    for index, is_part in enumerate(parts):
        if is_part and current is not None:
            parents.append(current)
        else:
            parents.append(None)
            current = index
    return parents


def structure_errors(labels: Sequence[str], parts: Sequence[bool]) -> list[str]:
    """Problems that make a table meaningless (an error, not a warning): a part with no row above it."""
    errors = []
    if parts and parts[0]:
        errors.append(
            f"Строка «{labels[0]}» отмечена «в том числе», но над ней нет основной строки: "
            "строка «в том числе» ставится под строкой, частью которой она является."
        )
    return errors


def _parts_discrepancies(
    labels: Sequence[str], values: Sequence[int], parents: Sequence[int | None], *, what: str
) -> list[Discrepancy]:
    sums: dict[int, int] = {}
    for index, parent in enumerate(parents):
        if parent is not None:
            sums[parent] = sums.get(parent, 0) + values[index]
    found = []
    for parent, parts_sum in sums.items():
        if parts_sum > values[parent]:
            found.append(
                Discrepancy(
                    row=labels[parent],
                    what=what,
                    typed=fmt.number(parts_sum),
                    computed=fmt.number(values[parent]),
                    kind="parts",
                )
            )
    return found


# ---- category tables ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryInput:
    label: str
    count: int
    is_part: bool = False
    typed_share: Decimal | None = None


@dataclass(frozen=True)
class CategoryRow:
    label: str
    count: int
    share: Decimal | None
    is_part: bool
    parent: str | None
    typed_share: Decimal | None = None
    typed_share_differs: bool = False


@dataclass(frozen=True)
class CategoryTable:
    rows: tuple[CategoryRow, ...]
    total: int
    typed_total: int | None = None
    discrepancies: tuple[Discrepancy, ...] = ()
    places: int = 1

    @property
    def has_parts(self) -> bool:
        return any(row.is_part for row in self.rows)

    @property
    def top_rows(self) -> tuple[CategoryRow, ...]:
        return tuple(row for row in self.rows if not row.is_part)

    @property
    def shares_sum(self) -> Decimal | None:
        """The sum of the top-level shares: exactly 100.0 whenever the total is above zero."""
        shares = [row.share for row in self.top_rows]
        if not shares or any(share is None for share in shares):
            return None
        if self.places > 1:  # shares rounded half up: the total row states the whole, 100 %
            return HUNDRED.quantize(Decimal(1).scaleb(-self.places))
        return sum(shares, Decimal("0.0"))

    @property
    def typed_total_differs(self) -> bool:
        return self.typed_total is not None and self.typed_total != self.total


def top_shares(counts: Sequence[int], *, places: int = 1) -> list[Decimal | None]:
    """The shares of the top-level rows: largest remainder with one decimal, half up with more (see above)."""
    if places <= 1:
        return largest_remainder_shares(counts, places=places)
    total = sum(counts)
    return [round_half_up(Fraction(count * 100, total), places) if total > 0 else None for count in counts]


def category_table(rows: Iterable[CategoryInput], *, typed_total: int | None = None, places: int = 1) -> CategoryTable:
    """Total, shares (with ``places`` decimals) and the checks of one category table."""
    rows = list(rows)
    parents = parent_indexes([row.is_part for row in rows])
    top = [index for index, parent in enumerate(parents) if parent is None]
    total = sum(rows[index].count for index in top)
    shares_by_row = dict(zip(top, top_shares([rows[index].count for index in top], places=places), strict=True))
    labels = [row.label for row in rows]

    computed: list[CategoryRow] = []
    found: list[Discrepancy] = []
    for index, row in enumerate(rows):
        exact = exact_share(row.count, total)
        share = (
            shares_by_row[index]
            if index in shares_by_row
            else (round_half_up(exact, places) if exact is not None else None)
        )
        differs = row.typed_share is not None and not percent_matches(row.typed_share, exact)
        if differs:
            typed_places = _typed_places(row.typed_share)
            found.append(
                Discrepancy(
                    row=row.label,
                    what="доля",
                    typed=fmt.typed_percent(row.typed_share),
                    computed=fmt.percent(
                        round_half_up(exact, typed_places) if exact is not None else None, places=typed_places
                    ),
                )
            )
        parent = parents[index]
        computed.append(
            CategoryRow(
                label=row.label,
                count=row.count,
                share=share,
                is_part=parent is not None,
                parent=labels[parent] if parent is not None else None,
                typed_share=row.typed_share,
                typed_share_differs=differs,
            )
        )
    found.extend(_parts_discrepancies(labels, [row.count for row in rows], parents, what="количество"))
    if typed_total is not None and typed_total != total:
        found.append(
            Discrepancy(row=TOTAL_LABEL, what="итог", typed=fmt.number(typed_total), computed=fmt.number(total))
        )
    return CategoryTable(
        rows=tuple(computed), total=total, typed_total=typed_total, discrepancies=tuple(found), places=places
    )


# ---- comparison tables ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonInput:
    label: str
    current: int
    previous: int
    typed_difference: int | None = None
    is_part: bool = False
    typed_change: Decimal | None = None


@dataclass(frozen=True)
class Change:
    """Two values of one figure, their difference and the change in %."""

    current: int
    previous: int

    @property
    def difference(self) -> int:
        return self.current - self.previous

    @property
    def percent(self) -> Decimal | None:
        return change_percent(self.current, self.previous)

    @property
    def exact_percent(self) -> Fraction | None:
        if self.previous == 0:
            return None
        return Fraction(self.difference * 100, self.previous)

    @property
    def missing_mark(self) -> str:
        """What to print instead of the change in %: "—" (both zero, or a growth from zero: see ``from_zero``)."""
        return fmt.DASH

    @property
    def from_zero(self) -> bool:
        """A growth from zero: there is a difference but no percentage of it (shown «—», explained)."""
        return self.previous == 0 and self.current > 0


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    change: Change
    is_part: bool
    parent: str | None
    typed_difference: int | None = None
    typed_change: Decimal | None = None

    @property
    def typed_difference_differs(self) -> bool:
        return self.typed_difference is not None and self.typed_difference != self.change.difference

    @property
    def typed_change_differs(self) -> bool:
        return self.typed_change is not None and not percent_matches(self.typed_change, self.change.exact_percent)


@dataclass(frozen=True)
class TypedTotals:
    """The total row as published in the source, each figure optional."""

    current: int | None = None
    previous: int | None = None
    difference: int | None = None
    change_percent: Decimal | None = None

    def any(self) -> bool:
        return any(value is not None for value in (self.current, self.previous, self.difference, self.change_percent))


@dataclass(frozen=True)
class ComparisonTable:
    rows: tuple[ComparisonRow, ...]
    total: Change
    typed_total: TypedTotals = field(default_factory=TypedTotals)
    discrepancies: tuple[Discrepancy, ...] = ()

    @property
    def has_parts(self) -> bool:
        return any(row.is_part for row in self.rows)


def comparison_table(rows: Iterable[ComparisonInput], *, typed_total: TypedTotals | None = None) -> ComparisonTable:
    """Differences, changes, the total row and the checks of one comparison table."""
    rows = list(rows)
    typed_total = typed_total or TypedTotals()
    parents = parent_indexes([row.is_part for row in rows])
    labels = [row.label for row in rows]
    computed: list[ComparisonRow] = []
    found: list[Discrepancy] = []
    for index, row in enumerate(rows):
        parent = parents[index]
        result = ComparisonRow(
            label=row.label,
            change=Change(current=row.current, previous=row.previous),
            is_part=parent is not None,
            parent=labels[parent] if parent is not None else None,
            typed_difference=row.typed_difference,
            typed_change=row.typed_change,
        )
        if result.typed_difference_differs:
            found.append(
                Discrepancy(
                    row=row.label,
                    what="разница",
                    typed=fmt.signed(row.typed_difference),
                    computed=fmt.signed(result.change.difference),
                )
            )
        if result.typed_change_differs:
            found.append(_change_discrepancy(row.label, result.change, result.typed_change))
        computed.append(result)
    found.extend(_parts_discrepancies(labels, [row.current for row in rows], parents, what="отчётный период"))
    found.extend(_parts_discrepancies(labels, [row.previous for row in rows], parents, what="предыдущий период"))

    top = [row for row, parent in zip(rows, parents, strict=True) if parent is None]
    total = Change(current=sum(row.current for row in top), previous=sum(row.previous for row in top))
    found.extend(_total_discrepancies(total, typed_total))
    return ComparisonTable(rows=tuple(computed), total=total, typed_total=typed_total, discrepancies=tuple(found))


def _total_discrepancies(total: Change, typed: TypedTotals) -> list[Discrepancy]:
    found = []
    checks = (
        ("итог за отчётный период", typed.current, total.current, fmt.number),
        ("итог за предыдущий период", typed.previous, total.previous, fmt.number),
        ("итоговая разница", typed.difference, total.difference, fmt.signed),
    )
    for what, typed_value, computed_value, show in checks:
        if typed_value is not None and typed_value != computed_value:
            found.append(
                Discrepancy(row=TOTAL_LABEL, what=what, typed=show(typed_value), computed=show(computed_value))
            )
    if typed.change_percent is not None and not percent_matches(typed.change_percent, total.exact_percent):
        found.append(_change_discrepancy(TOTAL_LABEL, total, typed.change_percent))
    return found


def _change_discrepancy(label: str, change: Change, typed: Decimal) -> Discrepancy:
    """A typed change in % that differs, both signed the same way («указано +50,0 %, вычислено +24,3 %»)."""
    return Discrepancy(
        row=label,
        what="изменение, %",
        typed=fmt.typed_signed_percent(typed),
        computed=_change_at(change, _typed_places(typed)),
    )


def _change_at(change: Change, places: int) -> str:
    """The computed change with the decimals the source typed its own with (at least one)."""
    exact = change.exact_percent
    if exact is None:
        return f"{fmt.DASH} ({fmt.FROM_ZERO})" if change.from_zero else fmt.DASH
    places = max(places, 1)
    return fmt.signed_percent(round_half_up(exact, places), places=places)


# ---- key figures ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: int
    previous: int | None = None
    previous_label: str = ""

    @property
    def change(self) -> Change | None:
        return Change(current=self.value, previous=self.previous) if self.previous is not None else None
