"""Disclosure control across the nested periods of a calendar year: no small cell recoverable by subtraction.

Pure functions, no database. ``reports.disclosure`` protects one table (its
cells add up to its total); the page, the open data and the API also publish
every month, quarter, half-year and year, which nest: a quarter is the sum of
its months, a half-year of its quarters (and of its months), a year of its
halves, quarters and months. A reader can subtract across them (Q1 − January
− February gives March), so the cells of all the year's periods are protected
together, as one system of equations (``equations``):

- partitions: in each period, the rows of each table (by section, kind,
  identification method, result) add up to the period's one total;
- nesting: each row (and the total) of a parent period is the sum of the same
  row over each complete layer of its children.

What a reader can infer of a hidden cell is a range: a «менее 5» cell holds 1
to 4, a «скрыто» cell at least 5, and every equation narrows the ranges of
its hidden cells given the others (``feasible_ranges``, interval propagation
until nothing changes). A «менее 5» cell whose range shrinks to one value is
recoverable (``exposed``), and so is one that the equations alone fix
(``determined``: exact elimination, for combinations the ranges miss); then the smallest non-zero published cell of an
equation it is in (or, when none is left there, of an equation of the hidden
cells next to it) is hidden as well («скрыто»), and so on until nothing is
exposed (``protect_year``). Where only «менее 5» cells are left to act on
(its «at most 4» is what pins the others: a half-year «менее 5» over four
months «менее 5» makes each of them 1), one is withheld instead («не
публикуется», ``disclosure.WITHHELD``: nothing said of its size).

Over time: periods are published only once complete, in the order they end
(``completion_steps``: January; ...; March with the 1st quarter; ...;
December with the 4th quarter, the 2nd half and the year). The cells of the
periods already published are never changed by a later step; a new step
hides cells of its own periods only. The decisions for a year are therefore
the same whether computed in April or in December (for the same counts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .disclosure import HIDDEN, SHOWN, SMALL, THRESHOLD, WITHHELD, is_small

TOTAL = "total"
YEAR_KEY = "year"
UNBOUNDED = 10**9
MAX_STEPS = 200_000  # interval propagation: a safety stop far above what a year's tables need

Cell = tuple[str, str, str]  # (period key, series, row key); the period's total is (period, TOTAL, TOTAL)


def month_key(number: int) -> str:
    return f"month-{number}"


def quarter_key(number: int) -> str:
    return f"quarter-{number}"


def half_key(number: int) -> str:
    return f"half-{number}"


def _layers() -> dict[str, tuple[tuple[str, ...], ...]]:
    months = [month_key(number) for number in range(1, 13)]
    quarters = [quarter_key(number) for number in range(1, 5)]
    layers: dict[str, tuple[tuple[str, ...], ...]] = {}
    for number in range(1, 5):
        layers[quarter_key(number)] = (tuple(months[3 * number - 3 : 3 * number]),)
    for number in (1, 2):
        layers[half_key(number)] = (
            tuple(quarters[2 * number - 2 : 2 * number]),
            tuple(months[6 * number - 6 : 6 * number]),
        )
    layers[YEAR_KEY] = ((half_key(1), half_key(2)), tuple(quarters), tuple(months))
    return layers


LAYERS = _layers()  # parent period key -> each complete layer of its children


def completion_steps(months_completed: int = 12) -> list[tuple[str, ...]]:
    """The periods of a year in the order they end: each month with the quarter, half-year and year ending with it."""
    steps = []
    for month in range(1, months_completed + 1):
        step = [month_key(month)]
        if month % 3 == 0:
            step.append(quarter_key(month // 3))
        if month % 6 == 0:
            step.append(half_key(month // 6))
        if month == 12:
            step.append(YEAR_KEY)
        steps.append(tuple(step))
    return steps


@dataclass(frozen=True)
class Equation:
    whole: Cell
    parts: tuple[Cell, ...]

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (self.whole, *self.parts)


def equations(cells: Mapping[Cell, int], *, partitions: Sequence[str]) -> list[Equation]:
    """Every sum a reader knows holds between the cells (which must be complete: each row in each period)."""
    periods = sorted({period for period, _, _ in cells})
    rows: dict[str, list[str]] = {}
    for _, series, row in sorted(cells):
        if row not in rows.setdefault(series, []):
            rows[series].append(row)
    found = []
    for period in periods:
        for series in partitions:
            if series in rows:
                parts = tuple((period, series, row) for row in rows[series])
                found.append(Equation((period, TOTAL, TOTAL), parts))
    present = set(periods)
    for parent, layers in LAYERS.items():
        if parent not in present:
            continue
        for layer in layers:
            if not present.issuperset(layer):
                continue
            for series, keys in rows.items():
                for row in keys:
                    found.append(Equation((parent, series, row), tuple((child, series, row) for child in layer)))
    return found


def _linear(cells: Mapping[Cell, int], unknown: Iterable[Cell], eqs: Sequence[Equation]):
    """Each equation as ``sum(coef * x) == const`` over its hidden cells only (the published ones are constants)."""
    unknown = set(unknown)
    rows = []
    for eq in eqs:
        const, terms = 0, []
        for cell, coef in ((eq.whole, 1), *((part, -1) for part in eq.parts)):
            if cell in unknown:
                terms.append((cell, coef))
            else:
                const -= coef * cells[cell]
        if terms:
            rows.append((const, terms))
    return rows


def feasible_ranges(
    cells: Mapping[Cell, int], marks: Mapping[Cell, str], eqs: Sequence[Equation]
) -> dict[Cell, tuple[int, int]]:
    """What a reader can infer of each hidden cell: (lowest, highest) value consistent with everything published."""
    lowest = {SMALL: 1, HIDDEN: THRESHOLD, WITHHELD: 1}
    bounds = {
        cell: (1, THRESHOLD - 1) if mark == SMALL else (lowest[mark], UNBOUNDED)
        for cell, mark in marks.items()
        if mark != SHOWN
    }
    rows = _linear(cells, bounds, eqs)
    touching: dict[Cell, list[int]] = {}
    for index, (_, terms) in enumerate(rows):
        for cell, _ in terms:
            touching.setdefault(cell, []).append(index)
    queue, queued, steps = list(range(len(rows))), set(range(len(rows))), 0
    while queue and steps < MAX_STEPS:
        steps += 1
        index = queue.pop()
        queued.discard(index)
        for cell in _narrow(rows[index], bounds):
            for other in touching[cell]:
                if other not in queued:
                    queue.append(other)
                    queued.add(other)
    return bounds


def _narrow(row, bounds: dict[Cell, tuple[int, int]]) -> list[Cell]:
    """Narrow the ranges of one equation's hidden cells; return the cells narrowed."""
    const, terms = row
    lows = [coef * bounds[cell][0] if coef > 0 else coef * bounds[cell][1] for cell, coef in terms]
    highs = [coef * bounds[cell][1] if coef > 0 else coef * bounds[cell][0] for cell, coef in terms]
    low_sum, high_sum = sum(lows), sum(highs)
    changed = []
    for (cell, coef), low, high in zip(terms, lows, highs, strict=True):
        term_low, term_high = const - (high_sum - high), const - (low_sum - low)
        new_low, new_high = (term_low, term_high) if coef > 0 else (-term_high, -term_low)
        old_low, old_high = bounds[cell]
        narrowed = (max(old_low, new_low), min(old_high, new_high))
        if narrowed != (old_low, old_high) and narrowed[0] <= narrowed[1]:
            bounds[cell] = narrowed
            changed.append(cell)
    return changed


def determined(cells: Mapping[Cell, int], marks: Mapping[Cell, str], eqs: Sequence[Equation]) -> set[Cell]:
    """The unpublished cells that the equations alone fix (whatever the bounds): exact elimination over them."""
    unknown = {cell for cell, mark in marks.items() if mark != SHOWN}
    pivots: dict[Cell, dict[Cell, Fraction]] = {}  # pivot cell -> its row (reduced: no other pivot in it)
    for _, terms in _linear(cells, unknown, eqs):
        row: dict[Cell, Fraction] = {}
        for cell, coef in terms:
            row[cell] = row.get(cell, Fraction(0)) + coef
        for pivot in [cell for cell in row if cell in pivots]:
            factor = row.pop(pivot)
            for cell, coef in pivots[pivot].items():
                if cell != pivot:
                    row[cell] = row.get(cell, Fraction(0)) - factor * coef
        row = {cell: coef for cell, coef in row.items() if coef}
        if not row:
            continue
        lead = min(row)
        row = {cell: coef / row[lead] for cell, coef in row.items()}
        for other in pivots.values():
            factor = other.pop(lead, None)
            if factor:
                for cell, coef in row.items():
                    if cell != lead:
                        other[cell] = other.get(cell, Fraction(0)) - factor * coef
                        if not other[cell]:
                            del other[cell]
        pivots[lead] = row
    return {pivot for pivot, row in pivots.items() if len(row) == 1}


def exposed(
    cells: Mapping[Cell, int], marks: Mapping[Cell, str], eqs: Sequence[Equation], *, exact: bool = True
) -> list[Cell]:
    """The unpublished cells of 1 to 4 whose value a reader can work out exactly from what is published:
    by the ranges (``feasible_ranges``), and with ``exact`` also by any combination of the equations."""
    ranges = feasible_ranges(cells, marks, eqs)
    found = {
        cell
        for cell, mark in marks.items()
        if mark != SHOWN and is_small(cells[cell]) and ranges[cell][0] >= ranges[cell][1]
    }
    if exact and not found:
        found = {cell for cell in determined(cells, marks, eqs) if is_small(cells[cell])}
    return sorted(found)


def _complement(
    target: Cell, cells, marks, eqs_of: Mapping[Cell, list[Equation]], new: set[str]
) -> tuple[Cell, str] | None:
    """The cell to hide next to protect ``target``, and how.

    The smallest published non-zero cell of a new period in an equation with
    it is hidden («скрыто»); when there is none, the same is looked for in the
    equations of the hidden cells of those equations, and so on outwards.
    Only when no published cell is found at all, a «менее 5» cell of a new
    period is withheld («не публикуется»: its bound 4 is what pins the target
    down, e.g. a half-year «менее 5» over four months «менее 5»), the nearest
    first.
    """

    def shown(cell: Cell) -> bool:
        return marks[cell] == SHOWN and cells[cell] > 0

    found = _nearest(target, marks, eqs_of, lambda cell: cell[0] in new and shown(cell))
    if found:
        return min(found, key=lambda c: (cells[c], c[1] == TOTAL, c)), HIDDEN
    found = _nearest(target, marks, eqs_of, lambda cell: cell[0] in new and marks[cell] == SMALL)
    if found:
        return min(found, key=lambda c: (c == target, c)), WITHHELD
    return None


def _nearest(target: Cell, marks, eqs_of: Mapping[Cell, list[Equation]], wanted) -> list[Cell]:
    """The wanted cells in the equations of ``target``, else of the hidden cells there, and so on outwards."""
    seen, frontier = {target}, [target]
    while frontier:
        nearby = {cell for hidden in frontier for eq in eqs_of.get(hidden, ()) for cell in eq.cells}
        found = [cell for cell in nearby if wanted(cell)]
        if found:
            return found
        frontier = sorted(cell for cell in nearby if marks[cell] != SHOWN and cell not in seen)
        seen.update(frontier)
    return []


def _hide_until_safe(cells: Mapping[Cell, int], marks: dict[Cell, str], eqs: Sequence[Equation], new: set[str]):
    eqs_of: dict[Cell, list[Equation]] = {}
    for eq in eqs:
        for cell in eq.cells:
            eqs_of.setdefault(cell, []).append(eq)
    while found := exposed(cells, marks, eqs):
        chosen = _complement(found[0], cells, marks, eqs_of, new)
        if chosen is None:
            # Nothing of the new periods is left around it: withhold every non-zero cell of them. They then add
            # nothing to what the periods published before say (a parent is the sum of its children).
            for cell in cells:
                if cell[0] in new and cells[cell] > 0:
                    marks[cell] = WITHHELD
            return
        marks[chosen[0]] = chosen[1]


def _reveal_derivable(cells: Mapping[Cell, int], marks: dict[Cell, str], eqs: Sequence[Equation], new: set[str]):
    """Show the hidden cells of 5 or more of the new periods that the published numbers fix anyway.

    Hiding them protected nothing (e.g. a half-year's row whose quarters are
    both shown); showing them all at once leaves what a reader can work out
    unchanged. Should the ranges nevertheless pin a small cell, all stay hidden.
    """
    derivable = [
        cell for cell in determined(cells, marks, eqs) if cell[0] in new and not is_small(cells[cell]) and cells[cell]
    ]
    before = {cell: marks[cell] for cell in derivable}
    for cell in derivable:
        marks[cell] = SHOWN
    if derivable and exposed(cells, marks, eqs):
        marks.update(before)


def protect_year(
    cells: Mapping[Cell, int], *, partitions: Sequence[str], steps: Sequence[Sequence[str]]
) -> dict[Cell, str]:
    """SMALL, HIDDEN or SHOWN for every cell of the periods in ``steps`` (``completion_steps``), step by step."""
    marks: dict[Cell, str] = {}
    decided: set[str] = set()
    for step in steps:
        new = set(step)
        known = {cell: value for cell, value in cells.items() if cell[0] in decided or cell[0] in new}
        for cell, value in known.items():
            if cell[0] in new:
                marks[cell] = SMALL if is_small(value) else SHOWN
        eqs = equations(known, partitions=partitions)
        _hide_until_safe(known, marks, eqs, new)
        _reveal_derivable(known, marks, eqs, new)
        decided |= new
    return marks
