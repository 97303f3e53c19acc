"""Counts of the appeal register for the public statistics page: counts only.

``public_counts`` answers every breakdown of a period in four queries (one
aggregate, one ``GROUP BY`` the classifier code, the titles of those topics,
one list of registration and answer dates for the median) whatever the number of appeals. Disclosure
control (small cells) is applied by ``reports.disclosure``; nothing here is
published as is.

Breakdowns partition the period's total (each appeal is in exactly one line of
each), so a reader can add them up: by classifier section, by topic (the
classifier code copied onto the appeal at registration, grouped by section),
by kind, by identification method and by result (ССТУ.РФ). Indicators: appeals
answered, answered within the legal term (``answered_late`` is unset),
redirected by competence, extended, and the working days from registration to
answer of each answered appeal (for the median).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q
from django.utils import timezone

from appeals_form.models import CLASSIFIER_SECTIONS, Appeal, Topic
from appeals_form.statistics import NO_RESULT_LABEL, OTHER_SECTION_LABEL, CountLine, _bounds
from home.workdays import working_days_between
from identity.types import METHOD_LABELS

NO_TOPIC_LABEL = "Тема не определена"


@dataclass(frozen=True)
class TopicLine:
    """A topic of the classifier and its count; ``section`` groups topics under their section line."""

    key: str
    label: str
    section: str
    count: int


@dataclass(frozen=True)
class PublicCounts:
    start: date
    end: date
    total: int
    by_section: tuple[CountLine, ...]
    by_topic: tuple[TopicLine, ...]
    by_kind: tuple[CountLine, ...]
    by_identification: tuple[CountLine, ...]
    by_result: tuple[CountLine, ...]
    answered: int
    answered_on_time: int
    redirected: int
    extended: int
    answer_working_days: tuple[int, ...]  # one number per answered appeal, sorted; no identifiers


def _local_date(moment) -> date:
    return timezone.localtime(moment).date()


def public_counts(*, start: date, end: date) -> PublicCounts:
    """Every count the statistics page publishes for appeals registered from ``start`` to ``end`` inclusive."""
    if end < start:
        raise ValueError("The period ends before it starts.")
    since, until = _bounds(start, end)
    appeals = Appeal.objects.filter(registered_at__gte=since, registered_at__lt=until)
    answered_q = Q(answered_at__isnull=False)
    aggregates = {
        "total": Count("pk"),
        "answered": Count("pk", filter=answered_q),
        "on_time": Count("pk", filter=answered_q & Q(answered_late=False)),
        "redirected": Count("pk", filter=Q(redirected_on__isnull=False) | Q(status=Appeal.Status.REDIRECTED)),
        "extended": Count("pk", filter=Q(extended_at__isnull=False)),
        "result_none": Count("pk", filter=Q(result="")),
    }
    aggregates |= {f"method_{key}": Count("pk", filter=Q(identity_method=key)) for key in METHOD_LABELS}
    aggregates |= {f"kind_{value}": Count("pk", filter=Q(kind=value)) for value in Appeal.Kind.values}
    aggregates |= {f"result_{value}": Count("pk", filter=Q(result=value)) for value in Appeal.Result.values}
    row = appeals.aggregate(**aggregates)
    total = row["total"]

    by_topic = _topic_lines(appeals)
    by_section = _section_lines(by_topic)
    by_kind, by_identification, by_result = _breakdowns(row)

    dates = appeals.filter(answered_q).values_list("registered_at", "answered_at")
    durations = sorted(working_days_between(_local_date(reg), _local_date(ans)) for reg, ans in dates)
    return PublicCounts(
        start=start,
        end=end,
        total=total,
        by_section=tuple(by_section),
        by_topic=tuple(by_topic),
        by_kind=tuple(by_kind),
        by_identification=tuple(by_identification),
        by_result=tuple(by_result),
        answered=row["answered"],
        answered_on_time=row["on_time"],
        redirected=row["redirected"],
        extended=row["extended"],
        answer_working_days=tuple(durations),
    )


def _topic_lines(appeals) -> list[TopicLine]:
    """Counts by classifier code, each with its topic's title and its section (one query and a lookup)."""
    codes = dict(appeals.values_list("classifier_code").annotate(n=Count("pk")).values_list("classifier_code", "n"))
    titles = dict(
        Topic.objects.filter(classifier_code__in=[code for code in codes if code]).values_list(
            "classifier_code", "title"
        )
    )
    return sorted(
        (
            TopicLine(
                key=code or "none",
                label=f"{code} {titles[code]}" if code in titles else (code or NO_TOPIC_LABEL),
                section=code[:4] if code[:4] in CLASSIFIER_SECTIONS else "other",
                count=count,
            )
            for code, count in codes.items()
        ),
        key=lambda line: line.key,
    )


def _section_lines(by_topic: list[TopicLine]) -> list[CountLine]:
    section_counts: dict[str, int] = {}
    for line in by_topic:
        section_counts[line.section] = section_counts.get(line.section, 0) + line.count
    by_section = [
        CountLine(code, f"{code} {label}", section_counts.get(code, 0)) for code, label in CLASSIFIER_SECTIONS.items()
    ]
    if section_counts.get("other"):
        by_section.append(CountLine("other", OTHER_SECTION_LABEL, section_counts["other"]))
    return by_section


def _breakdowns(row: dict) -> tuple[list[CountLine], list[CountLine], list[CountLine]]:
    """By kind, by identification method and by result, from the aggregate row."""
    total = row["total"]
    by_kind = [CountLine(value, label, row[f"kind_{value}"]) for value, label in Appeal.Kind.choices]
    other_kinds = total - sum(line.count for line in by_kind)
    if other_kinds:
        by_kind.append(CountLine("other", "Вид не указан", other_kinds))
    by_identification = [CountLine(key, label, row[f"method_{key}"]) for key, label in METHOD_LABELS.items()]
    other_methods = total - sum(line.count for line in by_identification)
    if other_methods:
        by_identification.append(CountLine("other", "Другой способ", other_methods))
    by_result = [CountLine(value, label, row[f"result_{value}"]) for value, label in Appeal.Result.choices]
    by_result.append(CountLine("none", NO_RESULT_LABEL, row["result_none"]))
    return by_kind, by_identification, by_result


def _summed_lines(groups: list[tuple[CountLine, ...]]) -> tuple[CountLine, ...]:
    order: dict[str, CountLine] = {}
    counts: dict[str, int] = {}
    for lines in groups:
        for line in lines:
            order.setdefault(line.key, line)
            counts[line.key] = counts.get(line.key, 0) + line.count
    return tuple(CountLine(key, line.label, counts[key]) for key, line in order.items())


def combined(parts: list[PublicCounts], *, start: date, end: date) -> PublicCounts:
    """The counts of a period made of consecutive periods (a quarter of its months): each line the sum of theirs."""
    topics: dict[str, TopicLine] = {}
    for counts in parts:
        for line in counts.by_topic:
            seen = topics.get(line.key)
            topics[line.key] = TopicLine(line.key, line.label, line.section, line.count + (seen.count if seen else 0))
    return PublicCounts(
        start=start,
        end=end,
        total=sum(counts.total for counts in parts),
        by_section=_summed_lines([counts.by_section for counts in parts]),
        by_topic=tuple(sorted(topics.values(), key=lambda line: line.key)),
        by_kind=_summed_lines([counts.by_kind for counts in parts]),
        by_identification=_summed_lines([counts.by_identification for counts in parts]),
        by_result=_summed_lines([counts.by_result for counts in parts]),
        answered=sum(counts.answered for counts in parts),
        answered_on_time=sum(counts.answered_on_time for counts in parts),
        redirected=sum(counts.redirected for counts in parts),
        extended=sum(counts.extended for counts in parts),
        answer_working_days=tuple(sorted(day for counts in parts for day in counts.answer_working_days)),
    )


def fingerprint(*, start: date, end: date) -> str:
    """What changes whenever a count of the period can: its appeals' number, newest id and last change (one query)."""
    since, until = _bounds(start, end)
    row = Appeal.objects.filter(registered_at__gte=since, registered_at__lt=until).aggregate(
        n=Count("pk"), last=Max("pk"), changed=Max("updated_at")
    )
    changed = row["changed"].isoformat() if row["changed"] else "-"
    return f"{row['n']}:{row['last'] or 0}:{changed}"
