"""The tables and indicators of «Статистика обращений», built from two periods' counts and their marks.

Which cells are shown, «менее 5» or «скрыто» is decided once for every
published period of a calendar year (``reports.statistics_year``, rule in
``reports.hierarchy``); the chosen period's cells follow its year's decisions,
the same period a year earlier follows the decisions of that year. Topics are
aggregated inside their section instead of suppressed
(``statistics_year.topic_layout``: the topics merged in either year, and any
more needed so that no merged line is from 1 to 4), so the topic table reveals
nothing the section table does not.
"""

from __future__ import annotations

import statistics as pystats

from appeals_form.public_counts import PublicCounts

from . import disclosure
from . import formatting as fmt
from .statistics_types import (
    HIDDEN_TEXT,
    NO_DATA_TEXT,
    SMALL_TEXT,
    PublishedCell,
    PublishedRow,
    PublishedTable,
)
from .statistics_year import EXTENDED, PeriodMarks, topic_layout

FLAT_TABLES = (
    ("section", "Обращения по разделам тематического классификатора"),
    ("kind", "Обращения по видам"),
    ("identification", "Обращения по способу идентификации заявителя"),
    ("result", "Результаты рассмотрения (по классификации ССТУ.РФ)"),
)
TOPIC_TABLE = ("topic", "Обращения по темам")
TABLE_ORDER = ("section", "topic", "kind", "identification", "result")
OTHER_TOPICS = "Прочие темы раздела"


def cell(count: int, mark: str) -> PublishedCell:
    if mark == disclosure.SMALL:
        return PublishedCell(value=None, text=SMALL_TEXT, mark=mark)
    if mark == disclosure.HIDDEN:
        return PublishedCell(value=None, text=HIDDEN_TEXT, mark=mark)
    if mark == disclosure.WITHHELD:
        return PublishedCell(value=None, text=NO_DATA_TEXT, mark=mark)
    return PublishedCell(value=count, text=fmt.number(count))


def _flat_lines(counts: PublicCounts, key: str) -> list[tuple[str, str, int]]:
    items = {
        "section": counts.by_section,
        "kind": counts.by_kind,
        "identification": counts.by_identification,
        "result": counts.by_result,
    }[key]
    return [(line.key, line.label, line.count) for line in items]


def _protected_flat(
    counts: PublicCounts, marks: PeriodMarks
) -> dict[str, tuple[dict[str, PublishedCell], PublishedCell]]:
    """Per flat table: cell of each row key, and the total's cell, as the year's decisions mark them."""
    out = {}
    for key, _ in FLAT_TABLES:
        cells = {row_key: cell(count, marks.mark(key, row_key)) for row_key, _, count in _flat_lines(counts, key)}
        out[key] = (cells, cell(counts.total, marks.total))
    return out


def _flat_table(key: str, title: str, now: PublicCounts, then: PublicCounts, now_p: dict, then_p: dict):
    labels: dict[str, str] = {}
    for row_key, label, _ in [*_flat_lines(now, key), *_flat_lines(then, key)]:
        labels.setdefault(row_key, label)
    zero = cell(0, disclosure.SHOWN)
    rows = tuple(
        PublishedRow(
            key=row_key,
            label=label,
            current=now_p[key][0].get(row_key, zero),
            previous=then_p[key][0].get(row_key, zero),
        )
        for row_key, label in labels.items()
    )
    total = PublishedRow(key="total", label="Всего", current=now_p[key][1], previous=then_p[key][1])
    return PublishedTable(key=key, title=title, rows=rows, total=total)


def _topic_table(now: PublicCounts, then: PublicCounts, now_p: dict, then_p: dict, seed: frozenset) -> PublishedTable:
    periods = [(now, now_p), (then, then_p)]

    def shown_in(protected: dict):
        return lambda section: (found := protected["section"][0].get(section)) is not None and found.published

    labels: dict[str, tuple[str, str]] = {}
    for counts, _ in periods:
        for line in counts.by_topic:
            labels.setdefault(line.key, (line.label, line.section))
    seed = frozenset(key for key in seed if key in labels)
    merged = topic_layout([(counts, shown_in(protected)) for counts, protected in periods], seed)
    section_labels = {key: label for key, label, _ in _flat_lines(now, "section")}

    def period_cells(counts: PublicCounts, protected: dict) -> dict[str, PublishedCell]:
        values = {line.key: line.count for line in counts.by_topic}
        cells = {key: cell(values.get(key, 0), disclosure.SHOWN) for key in labels if key not in merged}
        for section in {labels[key][1] for key in merged}:
            members = [key for key, (_, group) in labels.items() if group == section]
            other = sum(values.get(key, 0) for key in members if key in merged)
            if all(key in merged for key in members):
                # The whole section: its own line's cell, whatever it shows.
                section_cell = protected["section"][0].get(section)
                cells[f"{section}:other"] = section_cell or cell(other, disclosure.SHOWN)
            else:
                cells[f"{section}:other"] = cell(other, disclosure.SHOWN)
        return cells

    now_cells, then_cells = period_cells(now, now_p), period_cells(then, then_p)
    rows = []
    for section in sorted({group for _, group in labels.values()}):
        members = sorted(key for key, (_, group) in labels.items() if group == section)
        for key in members:
            if key not in merged:
                rows.append(PublishedRow(key, labels[key][0], now_cells[key], then_cells[key], group=section))
        if any(key in merged for key in members):
            name = section_labels.get(section, section)
            label = f"{name}: все темы" if all(key in merged for key in members) else f"{name}: {OTHER_TOPICS.lower()}"
            key = f"{section}:other"
            rows.append(PublishedRow(key, label, now_cells[key], then_cells[key], group=section))
    total = PublishedRow(key="total", label="Всего", current=now_p["section"][1], previous=then_p["section"][1])
    return PublishedTable(key=TOPIC_TABLE[0], title=TOPIC_TABLE[1], rows=tuple(rows), total=total)


def _share_cell(counts: PublicCounts) -> PublishedCell:
    """Share answered within the legal term, whole percent; not published when it would give a small count away."""
    on_time, late = counts.answered_on_time, counts.answered - counts.answered_on_time
    if counts.answered < disclosure.THRESHOLD or disclosure.is_small(on_time) or disclosure.is_small(late):
        return PublishedCell(value=None, text=NO_DATA_TEXT, mark=disclosure.SMALL)
    value = round(100 * on_time / counts.answered)
    return PublishedCell(value=value, text=f"{value}\u00a0%")


def _median_cell(counts: PublicCounts) -> PublishedCell:
    if len(counts.answer_working_days) < disclosure.THRESHOLD:
        return PublishedCell(value=None, text=NO_DATA_TEXT, mark=disclosure.SMALL)
    value = int(pystats.median_low(counts.answer_working_days))
    return PublishedCell(value=value, text=fmt.number(value))


def indicators(
    now: PublicCounts, then: PublicCounts, now_p: dict, then_p: dict, marks: tuple[PeriodMarks, PeriodMarks]
) -> tuple[PublishedRow, ...]:
    zero = cell(0, disclosure.SHOWN)
    return (
        PublishedRow("on_time_share", "Доля ответов, данных в установленный срок", _share_cell(now), _share_cell(then)),
        PublishedRow(
            "median_working_days", "Медиана срока ответа, рабочих дней", _median_cell(now), _median_cell(then)
        ),
        # The same number as the result «Направлено по компетенции», with the same protection.
        PublishedRow(
            "redirected",
            "Направлено по компетенции",
            now_p["result"][0].get("redirected", zero),
            then_p["result"][0].get("redirected", zero),
        ),
        PublishedRow(
            "extended",
            "Срок рассмотрения продлён",
            cell(now.extended, marks[0].mark(EXTENDED, EXTENDED)),
            cell(then.extended, marks[1].mark(EXTENDED, EXTENDED)),
        ),
    )


def build_tables(
    now: PublicCounts, then: PublicCounts, now_marks: PeriodMarks, then_marks: PeriodMarks
) -> tuple[tuple[PublishedTable, ...], tuple[PublishedRow, ...]]:
    """The published tables (in ``TABLE_ORDER``) and indicators of a period and the same period a year earlier,
    each period's cells marked as its year's decisions say (``reports.statistics_year``)."""
    now_p, then_p = _protected_flat(now, now_marks), _protected_flat(then, then_marks)
    tables = {key: _flat_table(key, title, now, then, now_p, then_p) for key, title in FLAT_TABLES}
    tables["topic"] = _topic_table(now, then, now_p, then_p, now_marks.merged | then_marks.merged)
    return tuple(tables[key] for key in TABLE_ORDER), indicators(now, then, now_p, then_p, (now_marks, then_marks))
