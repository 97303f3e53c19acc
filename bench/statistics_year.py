"""How long the year's disclosure decision takes (reports.hierarchy.protect_year) and how much it hides.

    .venv/bin/python bench/statistics_year.py [--per-month 20 100 500] [--seed 1] [--repeat 3]

Pure Python, no database: a made-up register of ``--per-month`` appeals a
month (each appeal drawn at random into a classifier section, a kind, an
identification method and a result, with skewed shares as in a real
department), the twelve months summed into quarters, half-years and the
year, then all nineteen periods decided step by step as ``year_decisions``
does. Prints, per volume, the median wall time of the whole decision and how
many of the cells are «менее 5», «скрыто» and «не публикуется»; asserts that
nothing is left exposed. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SERIES = {
    "section": ("0001", "0002", "0003", "0004", "0005", "other"),
    "kind": ("application", "complaint", "proposal", "other"),
    "identification": ("esia", "email", "post", "none"),
    "result": ("supported", "explained", "not_supported", "redirected", "left", "withdrawn", "none"),
}
WEIGHTS = {
    "section": (4, 10, 8, 3, 60, 1),
    "kind": (70, 22, 7, 1),
    "identification": (40, 35, 20, 5),
    "result": (10, 55, 8, 12, 3, 2, 10),
}


def made_up_year(per_month: int, rng: random.Random) -> dict:
    from reports import hierarchy

    months = {}
    for number in range(1, 13):
        volume = max(0, int(rng.gauss(per_month, per_month * 0.2)))
        cells = {(hierarchy.month_key(number), "total", "total"): volume}
        for series, rows in SERIES.items():
            counts = dict.fromkeys(rows, 0)
            for row in rng.choices(rows, weights=WEIGHTS[series], k=volume):
                counts[row] += 1
            cells |= {(hierarchy.month_key(number), series, row): count for row, count in counts.items()}
        cells[(hierarchy.month_key(number), "extended", "extended")] = sum(rng.random() < 0.05 for _ in range(volume))
        months[hierarchy.month_key(number)] = cells
    cells = {cell: value for month in months.values() for cell, value in month.items()}
    for key, layers in hierarchy.LAYERS.items():
        for month in layers[-1]:
            for (_, series, row), value in months[month].items():
                cells[(key, series, row)] = cells.get((key, series, row), 0) + value
    return cells


def run(per_month: int, *, seed: int, repeat: int) -> dict:
    from reports import hierarchy
    from reports.disclosure import HIDDEN, SMALL, WITHHELD

    cells = made_up_year(per_month, random.Random(seed))
    times, marks = [], {}
    for _ in range(repeat):
        started = time.perf_counter()
        marks = hierarchy.protect_year(cells, partitions=tuple(SERIES), steps=hierarchy.completion_steps(12))
        times.append(time.perf_counter() - started)
    eqs = hierarchy.equations(cells, partitions=tuple(SERIES))
    assert hierarchy.exposed(cells, marks, eqs) == []
    values = list(marks.values())
    return {
        "per_month": per_month,
        "seconds": statistics.median(times),
        "cells": len(values),
        "small": values.count(SMALL),
        "hidden": values.count(HIDDEN),
        "withheld": values.count(WITHHELD),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-month", type=int, nargs="+", default=[20, 100, 500])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| appeals a month | decision, s (median) | cells | «менее 5» | «скрыто» | «не публикуется» |")
    print("|---:|---:|---:|---:|---:|---:|")
    for per_month in args.per_month:
        result = run(per_month, seed=args.seed, repeat=args.repeat)
        print(
            f"| {result['per_month']} | {result['seconds']:.3f} | {result['cells']} | {result['small']} "
            f"| {result['hidden']} | {result['withheld']} |"
        )


if __name__ == "__main__":
    main()
