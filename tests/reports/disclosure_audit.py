"""A reader's attack on the published register statistics of one calendar year (a test helper).

Independent of ``reports.hierarchy``: it takes what is published (the API's
JSON of each month, quarter, half-year and year: value or null, and the mark)
and writes down every sum a reader knows:

- in each period, the rows of each table (section, kind, identification
  method, result) add up to the period's total;
- each row of a parent period equals the sum of that row over its months, and
  over its quarters and half-years where those are published;

then solves the system exactly (rational Gaussian elimination over the
unpublished cells). A hidden cell is recovered when the published numbers
determine it (for instance the only hidden child of a shown parent). ``audit``
lists every problem: a published value from 1 to 4, or a «менее 5» cell (or
any hidden cell worth 1 to 4) recovered.
"""

from __future__ import annotations

from fractions import Fraction

MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
PARTITIONS = ("section", "kind", "identification", "result")

Period = tuple[str, int]  # (kind, number); the year is ("year", 1)
Key = tuple[Period, str, str]  # (period, series, row)


def cells_of(statistics: dict, column: str = "current") -> dict[tuple[str, str], tuple[int | None, str]]:
    """(series, row) -> (value, mark) of one published period (the API's JSON), topic table aside.

    The topic table only regroups the section table's cells (a section's topics
    and its «прочие темы» add up to the section's cell): it adds no unknown.
    """
    found = {}
    for table in statistics["tables"]:
        if table["key"] == "topic":
            continue
        for row in table["rows"]:
            found[(table["key"], row["key"])] = (row[column]["value"], row[column]["mark"])
        found[("total", "total")] = (table["total"][column]["value"], table["total"][column]["mark"])
    for row in statistics["indicators"]:
        if row["key"] == "extended":
            found[("extended", "extended")] = (row[column]["value"], row[column]["mark"])
    return found


def _months(period: Period) -> range:
    kind, number = period
    size = MONTHS[kind]
    return range((number - 1) * size + 1, number * size + 1)


def equations(published: dict[Period, dict]) -> list[list[tuple[Key, int]]]:
    """Each known sum as terms (cell, coefficient) adding up to zero."""
    rows: dict[str, set[str]] = {}
    for cells in published.values():
        for series, row in cells:
            rows.setdefault(series, set()).add(row)
    found = []
    for period in published:
        for series in PARTITIONS:
            if series in rows:
                found.append([((period, "total", "total"), 1)] + [((period, series, row), -1) for row in rows[series]])
    for parent in published:
        for kind, size in MONTHS.items():
            if size >= MONTHS[parent[0]]:
                continue
            months = set(_months(parent))
            children = [(kind, number) for number in range(1, 12 // size + 1) if set(_months((kind, number))) <= months]
            if not all(child in published for child in children):
                continue
            for series, keys in rows.items():
                for row in keys:
                    terms = [((parent, series, row), 1)] + [((child, series, row), -1) for child in children]
                    found.append(terms)
    return found


def recovered(published: dict[Period, dict]) -> dict[Key, Fraction]:
    """The unpublished cells whose value the published numbers determine, with that value."""

    def value(key: Key) -> int | None:
        period, series, row = key
        return published[period].get((series, row), (0, "shown"))[0]  # a row not listed has no appeals

    system = []
    for terms in equations(published):
        unknown: dict[Key, Fraction] = {}
        constant = Fraction(0)
        for key, coef in terms:
            known = value(key)
            if known is None:
                unknown[key] = unknown.get(key, Fraction(0)) + coef
            else:
                constant -= coef * known
        if unknown:
            system.append((unknown, constant))  # sum(coef * x) == constant
    return _solve(system)


def _solve(system: list[tuple[dict[Key, Fraction], Fraction]]) -> dict[Key, Fraction]:
    """Reduced row echelon form; a pivot row with no other unknown left determines its cell."""
    pivots: list[tuple[Key, dict[Key, Fraction], Fraction]] = []
    for unknown, constant in system:
        row, rhs = dict(unknown), constant
        for key, pivot_row, pivot_rhs in pivots:
            factor = row.pop(key, None)
            if factor:
                for other, coef in pivot_row.items():
                    if other != key:
                        row[other] = row.get(other, Fraction(0)) - factor * coef
                rhs -= factor * pivot_rhs
        row = {key: coef for key, coef in row.items() if coef}
        if not row:
            continue
        key = min(row)
        lead = row[key]
        row = {other: coef / lead for other, coef in row.items()}
        rhs /= lead
        for index, (other_key, other_row, other_rhs) in enumerate(pivots):
            factor = other_row.pop(key, None)
            if factor:
                for name, coef in row.items():
                    if name != key:
                        other_row[name] = other_row.get(name, Fraction(0)) - factor * coef
                        if not other_row[name]:
                            del other_row[name]
                pivots[index] = (other_key, other_row, other_rhs - factor * rhs)
        pivots.append((key, row, rhs))
    return {key: rhs for key, row, rhs in pivots if set(row) == {key}}


def audit(published: dict[Period, dict]) -> list[str]:
    """What a reader could learn that the rule forbids (empty when nothing)."""
    problems = []
    for period, cells in published.items():
        for (series, row), (value, _) in cells.items():
            if value is not None and 0 < value < 5:
                problems.append(f"{period} {series}/{row}: {value} published")
    for (period, series, row), value in recovered(published).items():
        mark = published[period][(series, row)][1]
        if mark == "small" or 0 < value < 5:
            problems.append(f"{period} {series}/{row}: {mark} cell recovered as {value}")
    return problems
