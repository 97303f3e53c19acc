"""What a report's register block publishes: the cells «Статистика обращений» publishes for the same period.

A report's period is a calendar month, quarter, half-year or year. Once it
has ended, the block's figures are that period's cells on the statistics page
(``reports.public_statistics``): decided together with every month, quarter,
half-year and year of its calendar year (``reports.hierarchy``), so nothing
the block adds can be subtracted from the statistics to recover a small
count. Each breakdown of the block is one of the year's series: by section,
result and identification method the statistics' tables of the same name,
by channel the one line «Интернет-приёмная», which is the period's total
(every appeal in the register came through the online form).

A period still running (or not started), or not a whole calendar period,
publishes no figure (``state`` says which): its figures updated day by day
could be subtracted to reveal one appeal, as on the statistics page.

``RegisterFigures.as_dict`` is what ``reports.snapshots`` freezes when the
report is published (``FORMAT`` marks it; snapshots in the older format of
raw counts are not read).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from appeals_form.statistics import CHANNEL_ONLINE

from .public_statistics import is_closed, published_statistics, whole_period
from .statistics_types import PublishedCell

FORMAT = "year-decisions-v1"
PUBLISHED = "published"
RUNNING = "running"  # the period has not ended (or not started): nothing published yet
NOT_CALENDAR = "not_calendar"  # not a whole calendar month, quarter, half-year or year

#: The block's breakdown -> the statistics' table publishing the same cells ("channel" is the total).
TABLES = {"section": "section", "result": "result", "identification": "identification"}
CHANNEL = "channel"


@dataclass(frozen=True)
class FigureLine:
    key: str
    label: str
    cell: PublishedCell


@dataclass(frozen=True)
class RegisterFigures:
    start: date
    end: date
    state: str
    total: PublishedCell | None = None
    breakdowns: dict[str, tuple[FigureLine, ...]] = field(default_factory=dict)

    @property
    def published(self) -> bool:
        return self.state == PUBLISHED

    @property
    def is_empty(self) -> bool:
        return self.published and self.total is not None and self.total.value == 0

    def lines(self, key: str) -> tuple[FigureLine, ...]:
        return self.breakdowns.get(key, ())

    def as_dict(self) -> dict:
        def cell(item: PublishedCell) -> dict:
            return {"value": item.value, "text": item.text, "mark": item.mark}

        return {
            "format": FORMAT,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "state": self.state,
            "total": cell(self.total) if self.total is not None else None,
            "breakdowns": {
                key: [{"key": line.key, "label": line.label, **cell(line.cell)} for line in lines]
                for key, lines in self.breakdowns.items()
            },
        }

    @classmethod
    def from_dict(cls, data: dict) -> RegisterFigures | None:
        """The figures frozen in ``data``; None for a snapshot of an older format (raw counts, not decided)."""
        if data.get("format") != FORMAT:
            return None

        def cell(item: dict) -> PublishedCell:
            return PublishedCell(value=item["value"], text=item["text"], mark=item["mark"])

        return cls(
            start=date.fromisoformat(data["start"]),
            end=date.fromisoformat(data["end"]),
            state=data["state"],
            total=cell(data["total"]) if data.get("total") else None,
            breakdowns={
                key: tuple(FigureLine(key=item["key"], label=item["label"], cell=cell(item)) for item in lines)
                for key, lines in (data.get("breakdowns") or {}).items()
            },
        )


def register_figures(*, start: date, end: date, today: date | None = None) -> RegisterFigures:
    """The register block's figures for a report period: the statistics page's cells, or no figure at all."""
    if whole_period(start=start, end=end) is None:
        return RegisterFigures(start=start, end=end, state=NOT_CALENDAR)
    if not is_closed(end=end, today=today):
        return RegisterFigures(start=start, end=end, state=RUNNING)
    stats = published_statistics(start=start, end=end)
    breakdowns = {
        key: tuple(FigureLine(row.key, row.label, row.current) for row in stats.table(table).rows)
        for key, table in TABLES.items()
    }
    total = stats.table("section").total.current
    breakdowns[CHANNEL] = (FigureLine("online", CHANNEL_ONLINE, total),)
    return RegisterFigures(start=start, end=end, state=PUBLISHED, total=total, breakdowns=breakdowns)
