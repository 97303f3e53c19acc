"""The published figures of the register statistics (``reports.public_statistics`` builds them)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from . import disclosure
from . import formatting as fmt

SMALL_TEXT = "менее 5"
HIDDEN_TEXT = "скрыто"
NO_DATA_TEXT = "не публикуется"


@dataclass(frozen=True)
class PublishedCell:
    value: int | None  # None: not published (a small or a hidden count, or not enough data)
    text: str  # «менее 5», «скрыто», «не публикуется» or the number formatted ("1 234", "87 %")
    mark: str = disclosure.SHOWN  # disclosure.SHOWN, SMALL, HIDDEN or WITHHELD

    @property
    def published(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class PublishedRow:
    key: str
    label: str
    current: PublishedCell
    previous: PublishedCell  # the same period a year earlier
    group: str = ""  # topics: the key of their classifier section

    @property
    def change(self) -> int | None:
        """Current minus previous, when both are published."""
        if self.current.value is None or self.previous.value is None:
            return None
        return self.current.value - self.previous.value

    @property
    def change_text(self) -> str:
        return fmt.signed(self.change)


@dataclass(frozen=True)
class PublishedTable:
    key: str
    title: str
    rows: tuple[PublishedRow, ...]
    total: PublishedRow


@dataclass(frozen=True)
class PublishedStatistics:
    start: date
    end: date
    previous_start: date
    previous_end: date
    tables: tuple[PublishedTable, ...]
    indicators: tuple[PublishedRow, ...]  # on-time share, median working days, redirected, extended
    frozen_at: datetime | None
    computed_at: datetime | None = None
    complete: bool = True  # False while the period is still running (figures as of ``computed_at``)

    def table(self, key: str) -> PublishedTable:
        return next(table for table in self.tables if table.key == key)

    def as_dict(self) -> dict:
        """JSON-ready (dates as ISO strings): for the cache, the frozen row and machine-readable output."""
        data = asdict(self)
        for name in ("start", "end", "previous_start", "previous_end"):
            data[name] = data[name].isoformat()
        for name in ("frozen_at", "computed_at"):
            data[name] = data[name].isoformat() if data[name] else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> PublishedStatistics:
        def cell(item: dict) -> PublishedCell:
            return PublishedCell(**item)

        def row(item: dict) -> PublishedRow:
            return PublishedRow(
                key=item["key"],
                label=item["label"],
                current=cell(item["current"]),
                previous=cell(item["previous"]),
                group=item.get("group", ""),
            )

        def moment(value: str | None) -> datetime | None:
            return datetime.fromisoformat(value) if value else None

        return cls(
            start=date.fromisoformat(data["start"]),
            end=date.fromisoformat(data["end"]),
            previous_start=date.fromisoformat(data["previous_start"]),
            previous_end=date.fromisoformat(data["previous_end"]),
            tables=tuple(
                PublishedTable(
                    key=table["key"],
                    title=table["title"],
                    rows=tuple(row(item) for item in table["rows"]),
                    total=row(table["total"]),
                )
                for table in data["tables"]
            ),
            indicators=tuple(row(item) for item in data["indicators"]),
            frozen_at=moment(data["frozen_at"]),
            computed_at=moment(data.get("computed_at")),
            complete=data.get("complete", True),
        )
