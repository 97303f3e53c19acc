"""Counts of the appeal register for a period: read-only, for the published reports.

Appeals are personal data: nothing but counts leaves this module. One
aggregate query answers every breakdown, whatever the number of appeals.

An appeal belongs to the period in which it was registered (``registered_at``
in the portal's time zone). Breakdowns:

- by channel: every appeal in the register came through the online form, so the
  channel is always «Интернет-приёмная»;
- by identification method (59-ФЗ as amended by 547-ФЗ): e-mail code or
  OpenID Connect;
- by section of the thematic classifier, from the code copied onto the appeal
  at registration (the first four digits SSSS), so editing a topic later
  changes no published figure;
- by result (the ССТУ.РФ vocabulary of ``Appeal.Result``); appeals without a
  result yet are counted as «Рассмотрение не завершено».
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from appeals_form.models import CLASSIFIER_SECTIONS, Appeal
from identity.types import METHOD_LABELS

CHANNEL_ONLINE = "Интернет-приёмная"
NO_RESULT_LABEL = "Рассмотрение не завершено"
OTHER_SECTION_LABEL = "Раздел не определён"


@dataclass(frozen=True)
class CountLine:
    """One line of a breakdown: a label and a number of appeals."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class RegisterStatistics:
    start: date
    end: date
    total: int
    by_channel: tuple[CountLine, ...]
    by_identification: tuple[CountLine, ...]
    by_section: tuple[CountLine, ...]
    by_result: tuple[CountLine, ...]

    @property
    def is_empty(self) -> bool:
        return self.total == 0

    def as_dict(self) -> dict:
        """JSON-ready form (counts only), for freezing a published report."""

        def lines(items: tuple[CountLine, ...]) -> list[dict]:
            return [{"key": item.key, "label": item.label, "count": item.count} for item in items]

        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "total": self.total,
            "by_channel": lines(self.by_channel),
            "by_identification": lines(self.by_identification),
            "by_section": lines(self.by_section),
            "by_result": lines(self.by_result),
        }

    @classmethod
    def from_dict(cls, data: dict) -> RegisterStatistics:
        def lines(name: str) -> tuple[CountLine, ...]:
            return tuple(
                CountLine(key=item["key"], label=item["label"], count=int(item["count"])) for item in data[name]
            )

        return cls(
            start=date.fromisoformat(data["start"]),
            end=date.fromisoformat(data["end"]),
            total=int(data["total"]),
            by_channel=lines("by_channel"),
            by_identification=lines("by_identification"),
            by_section=lines("by_section"),
            by_result=lines("by_result"),
        )


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def register_statistics(*, start: date, end: date) -> RegisterStatistics:
    """Counts of the appeals registered from ``start`` to ``end`` inclusive (one query)."""
    if end < start:
        raise ValueError("The period ends before it starts.")
    since, until = _bounds(start, end)
    sections = {code: Q(classifier_code__startswith=code) for code in CLASSIFIER_SECTIONS}
    aggregates = {"total": Count("pk")}
    aggregates |= {f"method_{key}": Count("pk", filter=Q(identity_method=key)) for key in METHOD_LABELS}
    aggregates |= {f"section_{code}": Count("pk", filter=q) for code, q in sections.items()}
    aggregates |= {f"result_{value}": Count("pk", filter=Q(result=value)) for value in Appeal.Result.values}
    aggregates["result_none"] = Count("pk", filter=Q(result=""))
    row = Appeal.objects.filter(registered_at__gte=since, registered_at__lt=until).aggregate(**aggregates)

    total = row["total"]
    by_identification = [CountLine(key, label, row[f"method_{key}"]) for key, label in METHOD_LABELS.items()]
    other_methods = total - sum(item.count for item in by_identification)
    if other_methods:
        by_identification.append(CountLine("other", "Другой способ", other_methods))
    by_section = [
        CountLine(code, f"{code} {label}", row[f"section_{code}"]) for code, label in CLASSIFIER_SECTIONS.items()
    ]
    other_sections = total - sum(item.count for item in by_section)
    if other_sections:
        by_section.append(CountLine("other", OTHER_SECTION_LABEL, other_sections))
    by_result = [CountLine(value, label, row[f"result_{value}"]) for value, label in Appeal.Result.choices]
    by_result.append(CountLine("none", NO_RESULT_LABEL, row["result_none"]))
    return RegisterStatistics(
        start=start,
        end=end,
        total=total,
        by_channel=(CountLine("online", CHANNEL_ONLINE, total),),
        by_identification=tuple(by_identification),
        by_section=tuple(by_section),
        by_result=tuple(by_result),
    )
