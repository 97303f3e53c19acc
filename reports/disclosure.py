"""Disclosure control of published counts: no small cell, shown or recoverable.

Pure functions, no database. The rule (documented in docs/statistics.md,
section "Disclosure control"):

1. Primary suppression: a count from 1 to 4 is not shown («менее 5»). Zero is
   shown (a zero is about no one).
2. A total below 5 (and above 0) is suppressed, and with it every non-zero
   cell of its table.
3. Complementary suppression: a reader knows the published total, the
   published cells, that a «менее 5» cell holds 1 to 4, that a «скрыто» cell
   holds at least 5 and at most the smallest non-zero cell still published
   (the rule hides the smallest cells first). From these the feasible range of
   every hidden cell is computed; while some «менее 5» cell has a single
   feasible value, the smallest non-zero published cell is hidden as well
   («скрыто»). When nothing is left to hide, the total is hidden too, and
   since every table of a period breaks down the same total, it is hidden in
   all of them with every non-zero cell (``protect_partitions``).
4. Topics are not suppressed but aggregated: inside each classifier section,
   topics with 1 to 4 appeals (and then the smallest others, until the sum
   is not small) are counted together as «Прочие темы раздела»; when the
   section's own line is not shown, all its topics are. So the topic table
   tells nothing that the section table does not (``reports.statistics_tables``).

``protect`` returns which cells to hide and how; ``recoverable`` is the same
attacker's reasoning, used by the rule and by the tests. «Статистика
обращений» no longer protects one period on its own: ``reports.hierarchy``
applies rules 1 to 3 to all the nested periods of a year at once (the marks
and the threshold below are shared); ``protect`` and ``protect_partitions``
remain the single-table reference, brute-forced in tests/reports/test_disclosure.py.

A report's register block publishes the statistics' cells for its period
(``reports.register_figures``), so it follows ``reports.hierarchy`` too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5
SMALL = "small"  # a count from 1 to 4: «менее 5»
HIDDEN = "hidden"  # a larger count hidden so that a small one cannot be recovered: «скрыто»
SHOWN = "shown"
# Across nested periods only (reports.hierarchy): a non-zero count not published, with no hint of its size
# («не публикуется»), used when even «менее 5» would let a reader pin small cells down.
WITHHELD = "withheld"


@dataclass(frozen=True)
class Protected:
    cells: tuple[str, ...]  # SMALL, HIDDEN or SHOWN for each cell
    total: str  # SMALL or SHOWN (a hidden total: every cell hidden)


def is_small(count: int) -> bool:
    return 0 < count < THRESHOLD


def feasible_ranges(counts: Sequence[int], marks: Sequence[str], total_shown: bool) -> list[tuple[int, int] | None]:
    """What a reader can infer of each hidden cell: (lowest, highest) possible value; None for shown cells."""
    shown = [count for count, mark in zip(counts, marks, strict=True) if mark == SHOWN and count > 0]
    hidden_cap = min(shown) if shown else 10**9
    bounds = []
    for mark in marks:
        if mark == SMALL:
            bounds.append((1, THRESHOLD - 1))
        elif mark == HIDDEN:
            bounds.append((THRESHOLD, max(THRESHOLD, hidden_cap)))
        else:
            bounds.append(None)
    if not total_shown:
        return bounds
    rest = sum(counts) - sum(count for count, mark in zip(counts, marks, strict=True) if mark == SHOWN)
    hidden = [bound for bound in bounds if bound is not None]
    low_sum = sum(low for low, _ in hidden)
    high_sum = sum(high for _, high in hidden)
    ranges = []
    for bound in bounds:
        if bound is None:
            ranges.append(None)
            continue
        low, high = bound
        others_low, others_high = low_sum - low, high_sum - high
        ranges.append((max(low, rest - others_high), min(high, rest - others_low)))
    return ranges


def recoverable(counts: Sequence[int], marks: Sequence[str], total_shown: bool) -> list[int]:
    """Indexes of the «менее 5» cells whose value a reader can work out exactly from what is published."""
    ranges = feasible_ranges(counts, marks, total_shown)
    return [
        index
        for index, (bound, mark) in enumerate(zip(ranges, marks, strict=True))
        if mark == SMALL and bound is not None and bound[0] >= bound[1]
    ]


def protect(counts: Sequence[int]) -> Protected:
    """Which cells of one table (cells adding up to its total) to publish, mark «менее 5» or hide."""
    total = sum(counts)
    if is_small(total):
        return Protected(cells=tuple(SMALL if count else SHOWN for count in counts), total=SMALL)
    marks = [SMALL if is_small(count) else SHOWN for count in counts]
    while recoverable(counts, marks, True):
        candidates = [index for index, mark in enumerate(marks) if mark == SHOWN and count_positive(counts[index])]
        if not candidates:
            return Protected(cells=tuple(marks), total=SMALL if is_small(total) else HIDDEN)
        smallest = min(candidates, key=lambda index: (counts[index], index))
        marks[smallest] = HIDDEN
    return Protected(cells=tuple(marks), total=SHOWN)


def count_positive(count: int) -> bool:
    return count > 0


def protect_partitions(tables: Sequence[Sequence[int]]) -> list[Protected]:
    """Protect tables that all break down the same total (the same appeals by section, by kind ...).

    The total is one number: when any table can only be protected by hiding
    its total, the total is hidden everywhere and so is every non-zero cell
    of every table (else a table published whole would give the total back).
    """
    protected = [protect(counts) for counts in tables]
    if all(item.total == SHOWN for item in protected):
        return protected
    return [
        Protected(
            cells=tuple(SMALL if is_small(count) else HIDDEN if count else SHOWN for count in counts),
            total=SMALL if is_small(sum(counts)) else HIDDEN,
        )
        for counts in tables
    ]
