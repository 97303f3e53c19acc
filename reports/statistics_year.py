"""One disclosure decision for every published period of a calendar year (``reports.hierarchy``), from the register.

``year_decisions(year, today=...)`` counts each complete month of the year
(``appeals_form.public_counts``), sums them into the quarters, half-years and
the year that are complete too, and decides once which cells are shown,
«менее 5» or «скрыто» in every one of them. The statistics page, the open
data's monthly data set and the API all publish a period's cells from this
one decision set, so no combination of what they publish recovers a small
cell. Topics are decided for the whole year too (``merged``): a topic with 1
to 4 appeals in any published period of the year, or in a section not shown
in one, is counted in «Прочие темы раздела» in every period of that year.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from appeals_form.public_counts import PublicCounts, combined, public_counts

from . import disclosure, hierarchy
from .periods import HALF, MONTH, QUARTER, YEAR, Period

PARTITIONS = ("section", "kind", "identification", "result")
EXTENDED = "extended"


def period_key(period: Period) -> str:
    if period.kind == YEAR:
        return hierarchy.YEAR_KEY
    return {MONTH: hierarchy.month_key, QUARTER: hierarchy.quarter_key, HALF: hierarchy.half_key}[period.kind](
        period.number
    )


def key_bounds(year: int, key: str) -> tuple[date, date]:
    """First and last day of a period of the year given by its key (any year: the one before 2000 too)."""
    if key == hierarchy.YEAR_KEY:
        first, months = 1, 12
    else:
        kind, number = key.split("-")
        months = {"month": 1, "quarter": 3, "half": 6}[kind]
        first = (int(number) - 1) * months + 1
    last = first + months - 1
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def months_completed(year: int, *, today: date) -> int:
    """How many months of the year have ended before ``today`` (0 to 12)."""
    if today.year > year:
        return 12
    if today.year < year:
        return 0
    return today.month - 1


@dataclass(frozen=True)
class PeriodMarks:
    """The decisions for one period: the mark of each (series, row) (missing: shown) and the topics merged."""

    marks: dict[tuple[str, str], str]
    merged: frozenset[str]

    def mark(self, series: str, row: str) -> str:
        return self.marks.get((series, row), disclosure.SHOWN)

    @property
    def total(self) -> str:
        return self.mark(hierarchy.TOTAL, hierarchy.TOTAL)


@dataclass(frozen=True)
class YearDecisions:
    year: int
    counts: dict[str, PublicCounts]  # period key -> counts, complete periods only
    marks: dict[hierarchy.Cell, str]
    merged: frozenset[str]

    def counts_of(self, key: str) -> PublicCounts:
        return self.counts[key]

    def marks_of(self, key: str) -> PeriodMarks:
        return PeriodMarks(
            marks={(series, row): mark for (pkey, series, row), mark in self.marks.items() if pkey == key},
            merged=self.merged,
        )


def series_counts(counts: PublicCounts) -> dict[str, dict[str, int]]:
    """The counts a reader can add up, by series: the partitions of the total, the total, the extended appeals."""
    return {
        "section": {line.key: line.count for line in counts.by_section},
        "kind": {line.key: line.count for line in counts.by_kind},
        "identification": {line.key: line.count for line in counts.by_identification},
        "result": {line.key: line.count for line in counts.by_result},
        hierarchy.TOTAL: {hierarchy.TOTAL: counts.total},
        EXTENDED: {EXTENDED: counts.extended},
    }


def year_cells(counts: dict[str, PublicCounts]) -> dict[hierarchy.Cell, int]:
    """Every (period, series, row) of the year's complete periods, zero where a row has no appeals."""
    by_period = {key: series_counts(item) for key, item in counts.items()}
    rows: dict[str, set[str]] = {}
    for series_map in by_period.values():
        for series, values in series_map.items():
            rows.setdefault(series, set()).update(values)
    return {
        (key, series, row): series_map[series].get(row, 0)
        for key, series_map in by_period.items()
        for series, keys in rows.items()
        for row in keys
    }


def count_year(year: int, *, today: date) -> dict[str, PublicCounts]:
    """The counts of the year's complete periods: each month from the register, the longer ones summed."""
    done = months_completed(year, today=today)
    counts: dict[str, PublicCounts] = {}
    for number in range(1, done + 1):
        start, end = key_bounds(year, hierarchy.month_key(number))
        counts[hierarchy.month_key(number)] = public_counts(start=start, end=end)
    for step in hierarchy.completion_steps(done):
        for key in step[1:]:
            start, end = key_bounds(year, key)
            counts[key] = combined([counts[month] for month in hierarchy.LAYERS[key][-1]], start=start, end=end)
    return counts


def topic_layout(periods: list[tuple[PublicCounts, Callable[[str], bool]]], seed: frozenset[str]) -> frozenset[str]:
    """Topic keys counted in «Прочие темы раздела» in all the given periods alike.

    A topic is merged when it has 1 to 4 appeals in one of the periods or its
    section's line is not shown there (``periods`` pairs counts with a test
    of whether a section's cell is shown); then, while the merged topics of a
    section add up to 1 to 4 somewhere, the smallest other topic joins them.
    """
    merged = set(seed)
    topics: dict[str, str] = {}
    for counts, _ in periods:
        for line in counts.by_topic:
            topics.setdefault(line.key, line.section)
    values = [{line.key: line.count for line in counts.by_topic} for counts, _ in periods]
    for key, section in topics.items():
        for counts_of_topic, (_, shown) in zip(values, periods, strict=True):
            if not shown(section) or disclosure.is_small(counts_of_topic.get(key, 0)):
                merged.add(key)
    changed = True
    while changed:
        changed = False
        for counts_of_topic in values:
            for section in {topics[key] for key in merged if key in topics}:
                members = [key for key, group in topics.items() if group == section]
                other = sum(counts_of_topic.get(key, 0) for key in members if key in merged)
                rest = [key for key in members if key not in merged and counts_of_topic.get(key, 0)]
                if disclosure.is_small(other) and rest:
                    merged.add(min(rest, key=lambda key: (counts_of_topic[key], key)))
                    changed = True
    return frozenset(merged)


def year_decisions(year: int, *, today: date) -> YearDecisions:
    """Count the year's complete periods and decide every published cell at once (``reports.hierarchy``)."""
    counts = count_year(year, today=today)
    cells = year_cells(counts)
    steps = hierarchy.completion_steps(months_completed(year, today=today))
    marks = hierarchy.protect_year(cells, partitions=PARTITIONS, steps=steps)

    def shown_in(key: str) -> Callable[[str], bool]:
        return lambda section: marks.get((key, "section", section), disclosure.SHOWN) == disclosure.SHOWN

    merged = topic_layout([(item, shown_in(key)) for key, item in counts.items()], frozenset())
    return YearDecisions(year=year, counts=counts, marks=marks, merged=merged)
