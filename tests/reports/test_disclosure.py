"""Disclosure control: no count from 1 to 4 is shown, or can be worked out from what is shown."""

import itertools

import pytest

from reports import disclosure
from reports.disclosure import HIDDEN, SHOWN, SMALL, protect, protect_partitions, recoverable


def candidates(counts, marks, total_shown):
    """Brute force: every assignment of the hidden cells consistent with what a reader sees."""
    shown = [count for count, mark in zip(counts, marks, strict=True) if mark == SHOWN and count]
    cap = min(shown) if shown else 60
    ranges = []
    for count, mark in zip(counts, marks, strict=True):
        if mark == SMALL:
            ranges.append(range(1, 5))
        elif mark == HIDDEN:
            ranges.append(range(5, cap + 1))
        else:
            ranges.append(range(count, count + 1))
    for values in itertools.product(*ranges):
        if not total_shown or sum(values) == sum(counts):
            yield values


def exposed_small_cells(counts, protected):
    """Small cells whose true value is the only one consistent with the published figures."""
    total_shown = protected.total == SHOWN
    worlds = list(candidates(counts, protected.cells, total_shown))
    return [
        index
        for index, mark in enumerate(protected.cells)
        if mark == SMALL and len({world[index] for world in worlds}) < 2
    ]


TABLES = [
    [3, 10, 20],
    [1, 5, 20],
    [1, 6, 9],
    [3, 4, 20],
    [2, 2],
    [1, 5],
    [4, 0, 17, 6],
    [3, 7, 7, 7],
    [1, 1, 1, 30],
    [0, 0, 12],
]


@pytest.mark.parametrize("counts", TABLES)
def test_no_small_cell_is_shown_or_recoverable(counts):
    protected = protect(counts)
    for count, mark in zip(counts, protected.cells, strict=True):
        if disclosure.is_small(count):
            assert mark == SMALL
        if count == 0:
            assert mark == SHOWN  # a zero is about no one
    if disclosure.is_small(sum(counts)):
        assert protected.total == SMALL
    assert exposed_small_cells(counts, protected) == []
    assert recoverable(counts, protected.cells, protected.total == SHOWN) == []


def test_a_lone_small_cell_takes_the_next_smallest_with_it():
    assert protect([3, 10, 20]).cells == (SMALL, HIDDEN, SHOWN)
    assert protect([10, 20, 30]).cells == (SHOWN, SHOWN, SHOWN)


def test_a_table_that_cannot_be_protected_hides_the_total_in_every_table_of_the_period():
    # By kind: 1 and 5 (the 1 is recoverable from the total 6 however it is hidden); by result: 6.
    kind, result = protect_partitions([[1, 5], [6, 0]])
    assert kind.total == HIDDEN and result.total == HIDDEN
    assert result.cells == (HIDDEN, SHOWN)
