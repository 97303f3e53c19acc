"""Reception dates computed from the rules, and the rules in plain Russian.

Pure functions over already loaded rules and exceptions (no queries), so the
schedule page computes every official's dates from one prefetch.

A date of a rule is a day whose weekday is one of the rule's weekdays, whose
week of the month is one of the rule's weeks (none marked: every week; "last":
the last such weekday of the month), within the rule's validity. Then:

- an exception for that date cancels it, or moves it to another day (and,
  optionally, time and place);
- otherwise a non-working day of the official Russian calendar
  (``home.workdays``) is skipped and reported as a notice;
- a period of absence (vacation, sick leave, business trip) cancels it, or,
  with a deputy, leaves it to the deputy at the usual time and place;
- an exception "in another place" keeps it on its day, at the new place (and,
  optionally, time).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta

from home import textformat
from home.workdays import holiday_name, is_working_day

from .models.fields import LAST_WEEK

WEEKDAY_NAMES = ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"]
WEEKDAY_GENDERS = ["m", "m", "f", "m", "f", "f", "n"]
WEEKDAY_DATIVE_PLURAL = ["понедельникам", "вторникам", "средам", "четвергам", "пятницам", "субботам", "воскресеньям"]
WEEKDAY_SHORT = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"]
EVERY = {"m": "каждый", "f": "каждая", "n": "каждое"}
ORDINALS = {
    "m": {1: "первый", 2: "второй", 3: "третий", 4: "четвёртый", LAST_WEEK: "последний"},
    "f": {1: "первая", 2: "вторая", 3: "третья", 4: "четвёртая", LAST_WEEK: "последняя"},
    "n": {1: "первое", 2: "второе", 3: "третье", 4: "четвёртое", LAST_WEEK: "последнее"},
}
MONTHS_GENITIVE = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]  # fmt: skip
MONTHS_NOMINATIVE = [
    "Январь", "Февраль", "Март", "Апрель", "Май", "Июнь",
    "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь",
]  # fmt: skip


@dataclass(frozen=True)
class Occurrence:
    """One reception of an official on a date."""

    date: date
    time_from: time
    time_to: time
    place: object | None
    rule: object | None
    moved_from: date | None = None
    reason: str = ""
    deputy: object | None = None  # the Official who holds the reception instead
    place_changed: bool = False
    deputy_note: str = ""  # «Приём ведёт … (командировка с … по …)» when a deputy holds it

    @property
    def online_signup(self) -> bool:
        return bool(self.rule is not None and self.rule.online_signup)

    @property
    def marks(self) -> tuple[str, ...]:
        """Short marks beside the date wherever the reception is named: «перенесён с 16.12», «в другом месте»."""
        marks = []
        if self.moved_from:
            marks.append(f"перенесён с {self.moved_from:%d.%m}")
        if self.place_changed:
            marks.append("в другом месте")
        return tuple(marks)

    @property
    def deputy_line(self) -> str:
        """«Приём ведёт Первый заместитель главы, Морозова Елена Сергеевна»; empty without a deputy."""
        if self.deputy is None:
            return ""
        return f"Приём ведёт {self.deputy.position}, {self.deputy.full_name}"

    @property
    def notes(self) -> tuple[str, ...]:
        """The changes in full sentences, for e-mails and calendar files (the marks' long form)."""
        lines = []
        if self.moved_from:
            moved = f"Приём перенесён с {self.moved_from:%d.%m.%Y}"
            lines.append(f"{moved}: {self.reason}" if self.reason else moved)
            if self.deputy_note:
                lines.append(self.deputy_note)
        elif self.reason:
            lines.append(self.reason)
        if self.place_changed:
            lines.append("В этот день приём проходит в другом месте.")
        return tuple(lines)


def official_text(official) -> str:
    """«Глава городского округа, Соколов Андрей Викторович»."""
    return f"{official.position}, {official.full_name}"


def host_text(occurrence: Occurrence | None, *, official) -> str:
    """Who actually receives at a reception of ``official``'s schedule, the one wording of every sign-up
    step and calendar file: the official, or «<deputy> (вместо: <official>)» when a deputy holds it."""
    if occurrence is None or occurrence.deputy is None:
        return official_text(official)
    return f"{official_text(occurrence.deputy)} (вместо: {official_text(official)})"


@dataclass(frozen=True)
class Notice:
    """A date of a rule on which there is no reception: cancelled, moved away, or a non-working day."""

    date: date
    kind: str  # "cancelled", "moved", "holiday", "absence"
    text: str


def join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " и " + words[-1]


def format_time(value: time) -> str:
    return textformat.clock(value)


def format_time_range(time_from: time, time_to: time) -> str:
    return textformat.time_range(time_from, time_to)


def format_date_long(day: date) -> str:
    """«10 марта 2026 года, вторник»."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} года, {WEEKDAY_NAMES[day.weekday()]}"


def week_of_month(day: date) -> int:
    return (day.day - 1) // 7 + 1


def is_last_of_month(day: date) -> bool:
    return (day + timedelta(days=7)).month != day.month


def rule_matches(rule, day: date) -> bool:
    """The rule falls on this day (the working-day calendar and exceptions aside)."""
    if day.weekday() not in rule.weekdays or not rule.is_valid_on(day):
        return False
    weeks = rule.weeks
    if not weeks:
        return True
    return week_of_month(day) in weeks or (LAST_WEEK in weeks and is_last_of_month(day))


def _days(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def absence_text(absence) -> str:
    """«Приёма нет: отпуск с 01.12.2026 по 14.12.2026» (and the note for residents)."""
    text = f"Приёма нет: {absence.get_kind_display()} {absence.period_text}"
    return f"{text}. {absence.note}" if absence.note else text


def deputy_text(absence) -> str:
    deputy = absence.deputy
    text = f"Приём ведёт {deputy.position}, {deputy.full_name} ({absence.get_kind_display()} {absence.period_text})"
    return f"{text}. {absence.note}" if absence.note else text


def absence_summary(absence, *, today: date) -> str:
    """«Сейчас: отпуск по 14.12.2026; приём ведёт …» for the schedule's card."""
    when = "Сейчас" if absence.date_from <= today else f"С {absence.date_from:%d.%m.%Y}"
    if absence.deputy_id:
        who = f"приём ведёт {absence.deputy.position}, {absence.deputy.full_name}"
    else:
        who = "приёмы в эти дни отменены"
    text = f"{when}: {absence.get_kind_display()} по {absence.date_to:%d.%m.%Y}; {who}."
    return f"{text} {absence.note}" if absence.note else text


def _add_moved(exceptions, *, rules: list, absences: list, start: date, end: date, found: dict, notices: dict) -> None:
    """Moved receptions land on their new date, wherever the original date is (adds to found/notices)."""
    for exc in exceptions:
        if exc.action != "moved" or not exc.new_date or not (start <= exc.new_date <= end):
            continue
        rule = next((r for r in rules if rule_matches(r, exc.date)), None)
        if rule is None:
            continue
        absence = next((a for a in absences if a.covers(exc.new_date)), None)
        if absence is not None and not absence.deputy_id:
            notices[exc.new_date] = Notice(exc.new_date, "absence", absence_text(absence))
            continue
        time_from = exc.new_time_from or rule.time_from
        time_to = exc.new_time_to or rule.time_to
        place = exc.new_place if exc.new_place_id else rule.place
        # A reception moved into a period with a deputy is the deputy's, as every other date of the period.
        deputy = absence.deputy if absence is not None else None
        found[(exc.new_date, time_from)] = Occurrence(
            exc.new_date,
            time_from,
            time_to,
            place,
            rule,
            moved_from=exc.date,
            reason=exc.reason,
            deputy=deputy,
            deputy_note=deputy_text(absence) if deputy is not None else "",
        )


def _held(day: date, rule, exc, absence) -> Occurrence:
    """The reception of ``rule`` on ``day``: in another place for the day (``exc``), or by a deputy (``absence``)."""
    time_from, time_to, place, reason = rule.time_from, rule.time_to, rule.place, ""
    place_changed = exc is not None and exc.action == "place" and bool(exc.new_place_id)
    if place_changed:
        time_from, time_to = exc.new_time_from or time_from, exc.new_time_to or time_to
        place, reason = exc.new_place, exc.reason
    deputy = absence.deputy if absence is not None else None
    deputy_note = deputy_text(absence) if deputy is not None else ""
    if deputy is not None:
        reason = "; ".join(part for part in (deputy_note, reason) if part)
    return Occurrence(
        day,
        time_from,
        time_to,
        place,
        rule,
        reason=reason,
        deputy=deputy,
        place_changed=place_changed,
        deputy_note=deputy_note,
    )


def compute(
    *, rules: Iterable, exceptions: Iterable, start: date, end: date, absences: Iterable = ()
) -> tuple[list[Occurrence], list[Notice]]:
    """Receptions of one official between start and end (inclusive), and the notices about missed dates."""
    rules = list(rules)
    absences = [absence for absence in absences if absence.date_to >= start and absence.date_from <= end]
    by_date = {exc.date: exc for exc in exceptions}
    found: dict[tuple[date, time], Occurrence] = {}
    notices: dict[date, Notice] = {}

    # Only the weekdays some rule names can match (rule_matches starts with the weekday).
    weekdays = {weekday for rule in rules for weekday in rule.weekdays}
    for day in _days(start, end):
        if day.weekday() not in weekdays:
            continue
        for rule in rules:
            if not rule_matches(rule, day):
                continue
            exc = by_date.get(day)
            if exc is not None and exc.action in ("cancelled", "moved"):
                if exc.action == "cancelled":
                    notices[day] = Notice(day, "cancelled", f"Приём отменён: {exc.reason}")
                else:
                    moved = f" на {exc.new_date:%d.%m.%Y}" if exc.new_date else ""
                    notices[day] = Notice(day, "moved", f"Приём перенесён{moved}: {exc.reason}")
                continue
            if not is_working_day(day):
                name = holiday_name(day)
                text = f"Нерабочий праздничный день ({name}), приёма нет" if name else "Нерабочий день, приёма нет"
                notices[day] = Notice(day, "holiday", text)
                continue
            absence = next((absence for absence in absences if absence.covers(day)), None)
            if absence is not None and not absence.deputy_id:
                notices[day] = Notice(day, "absence", absence_text(absence))
                continue
            occurrence = _held(day, rule, exc, absence)
            found.setdefault((day, occurrence.time_from), occurrence)

    _add_moved(by_date.values(), rules=rules, absences=absences, start=start, end=end, found=found, notices=notices)

    occurrences = sorted(found.values(), key=lambda occ: (occ.date, occ.time_from))
    return occurrences, sorted(notices.values(), key=lambda notice: notice.date)


def next_occurrences(
    *, rules: Iterable, exceptions: Iterable, today: date, count: int, lookahead_days: int, absences: Iterable = ()
):
    occurrences, _ = compute(
        rules=rules, exceptions=exceptions, absences=absences, start=today, end=today + timedelta(lookahead_days)
    )
    return occurrences[:count]


def describe_weekdays(weekdays: list[int], weeks: list[int]) -> str:
    weekdays = sorted(weekdays)
    if not weeks:
        if len(weekdays) == 1:
            day = weekdays[0]
            return f"{EVERY[WEEKDAY_GENDERS[day]]} {WEEKDAY_NAMES[day]}"
        return "по " + join_words([WEEKDAY_DATIVE_PLURAL[day] for day in weekdays])
    ordered_weeks = sorted(weeks, key=lambda week: 99 if week == LAST_WEEK else week)
    parts = []
    for day in weekdays:
        gender = WEEKDAY_GENDERS[day]
        ordinals = join_words([ORDINALS[gender][week] for week in ordered_weeks])
        parts.append(f"{EVERY[gender]} {ordinals} {WEEKDAY_NAMES[day]}")
    return " и ".join(parts) + " месяца"


def describe_rule(rule) -> str:
    """«каждый второй и четвёртый вторник месяца, 15:00–18:00», with the validity range if any."""
    if not rule.weekdays:
        return ""
    text = f"{describe_weekdays(rule.weekdays, rule.weeks)}, {format_time_range(rule.time_from, rule.time_to)}"
    if rule.valid_from and rule.valid_to:
        text += f", с {rule.valid_from:%d.%m.%Y} по {rule.valid_to:%d.%m.%Y}"
    elif rule.valid_from:
        text += f", с {rule.valid_from:%d.%m.%Y}"
    elif rule.valid_to:
        text += f", по {rule.valid_to:%d.%m.%Y}"
    return textformat.no_break(text)
