"""Reads of the schedules app: officials with their rules, next dates, sign-up options, events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from schedules import rules as rules_mod
from schedules.models import (
    Absence,
    Official,
    ReceptionException,
    ReceptionRule,
    ReceptionSession,
    SignUp,
)


def _prefetched(instance, name: str, model, items: list) -> None:
    """Put ``items`` where ``instance.<name>.all()`` finds them, as ``prefetch_related`` would."""
    cached = model.objects.all()
    cached._result_cache = items
    cached._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = cached


def _with_rules(officials: list[Official]) -> list[Official]:
    """Each official's rules (with places) and exceptions, as ``official.rules.all()`` and
    ``official.exceptions.all()`` give them: two queries whatever the number of officials
    (``prefetch_related`` through modelcluster's managers does the same for much more work).
    """
    if not officials:
        return officials
    by_pk = {official.pk: official for official in officials}
    for name, queryset in (
        ("rules", ReceptionRule.objects.select_related("place").order_by("sort_order", "pk")),
        ("exceptions", ReceptionException.objects.select_related("new_place").order_by("date")),
        ("absences", Absence.objects.select_related("deputy").order_by("date_from")),
    ):
        grouped: dict[int, list] = {pk: [] for pk in by_pk}
        for item in queryset.filter(official_id__in=list(by_pk)):
            item.official = by_pk[item.official_id]
            grouped[item.official_id].append(item)
        for pk, items in grouped.items():
            _prefetched(by_pk[pk], name, queryset.model, items)
    return officials


def active_officials(*, department: str = "", weekday: int | None = None) -> list[Official]:
    """Officials shown in the schedule, with rules and exceptions: three queries whatever their number."""
    queryset = Official.objects.filter(is_active=True)
    if department:
        queryset = queryset.filter(department=department)
    officials = _with_rules(list(queryset.order_by("order", "surname", "first_name")))
    if weekday is not None:
        officials = [o for o in officials if any(weekday in rule.weekdays for rule in o.rules.all())]
    return officials


def published_officials(*, department: str = "") -> list[Official]:
    """``active_officials`` for what publishes them beside the schedule page (the API, the open data): none
    while the reception schedule page is not on the site (a hidden section's data does not publish)."""
    from schedules.models import ReceptionSchedulePage

    if not ReceptionSchedulePage.objects.on_site().exists():
        return []
    return active_officials(department=department)


def filter_officials(officials: list[Official], *, department: str = "", weekday: int | None = None) -> list[Official]:
    """``active_officials(department=..., weekday=...)`` over officials already read (no query)."""
    if department:
        officials = [o for o in officials if o.department == department]
    if weekday is not None:
        officials = [o for o in officials if any(weekday in rule.weekdays for rule in o.rules.all())]
    return officials


def departments_of(officials: list[Official]) -> list[str]:
    """``departments()`` over the active officials already read (no query)."""
    return sorted({o.department for o in officials if o.department})


def departments() -> list[str]:
    values = Official.objects.filter(is_active=True).exclude(department="").values_list("department", flat=True)
    return sorted(set(values))


def active_official_slugs() -> frozenset[str]:
    return frozenset(Official.objects.filter(is_active=True).values_list("slug", flat=True))


def official_by_slug(slug: str) -> Official | None:
    official = Official.objects.filter(is_active=True, slug=slug).select_related("photo").first()
    return _with_rules([official])[0] if official is not None else None


# The first window schedule_row computes before the whole look-ahead.
SHORT_WINDOW_DAYS = 62


@dataclass
class ScheduleRow:
    official: Official
    rules: list = field(default_factory=list)  # (rule, text)
    next_dates: list = field(default_factory=list)  # Occurrence
    notices: list = field(default_factory=list)  # Notice
    online_signup: bool = False
    absence_notes: list = field(default_factory=list)  # str: absences now and within the notices' horizon


def schedule_row(official: Official, *, today: date, count: int | None = None, notices_days: int = 60) -> ScheduleRow:
    rules = list(official.rules.all())
    exceptions = list(official.exceptions.all())
    absences = list(official.absences.all())
    wanted = count or settings.SCHEDULES_NEXT_DATES
    lookahead = settings.SCHEDULES_LOOKAHEAD_DAYS
    # The next dates are the first `wanted` of the whole look-ahead, and the
    # notices only reach `notices_days`: a shorter window usually holds both,
    # and computing it is a fraction of the work (the full one when it does not).
    windows = sorted({min(lookahead, max(notices_days, SHORT_WINDOW_DAYS)), lookahead})
    for days in windows:
        occurrences, notices = rules_mod.compute(
            rules=rules, exceptions=exceptions, absences=absences, start=today, end=today + timedelta(days=days)
        )
        if len(occurrences) >= wanted:
            break
    horizon = today + timedelta(days=notices_days)
    return ScheduleRow(
        official=official,
        rules=[(rule, rules_mod.describe_rule(rule)) for rule in rules if not rule.valid_to or rule.valid_to >= today],
        next_dates=occurrences[:wanted],
        notices=[notice for notice in notices if notice.date <= horizon],
        online_signup=any(rule.online_signup for rule in rules),
        absence_notes=[
            rules_mod.absence_summary(absence, today=today)
            for absence in absences
            if absence.date_to >= today and absence.date_from <= horizon
        ],
    )


def schedule_rows(officials: list[Official], *, today: date) -> list[ScheduleRow]:
    return [schedule_row(official, today=today) for official in officials]


# -- Sign-up ---------------------------------------------------------------------------------------------------


@dataclass
class SessionOption:
    """A reception open for online sign-up, with what is still free."""

    occurrence: rules_mod.Occurrence
    mode: str
    slot_minutes: int
    capacity: int
    free_slots: list[time] = field(default_factory=list)
    free_places: int = 0
    host: str = ""  # «<deputy> (вместо: <official>)» when a deputy holds the reception (rules.host_text)

    @property
    def date(self) -> date:
        return self.occurrence.date

    @property
    def is_full(self) -> bool:
        return not self.free_slots if self.mode == ReceptionSession.Mode.SLOTS else self.free_places <= 0


def option_value(day: date, time_from: time, slot: time | None = None) -> str:
    """The form value of a choice: 2026-12-01_1500 (places) or 2026-12-01_1500_1515 (a time slot)."""
    value = f"{day.isoformat()}_{time_from:%H%M}"
    return f"{value}_{slot:%H%M}" if slot else value


def parse_option_value(value: str) -> tuple[date, time, time | None] | None:
    try:
        parts = value.split("_")
        day = date.fromisoformat(parts[0])
        start = datetime.strptime(parts[1], "%H%M").time()
        slot = datetime.strptime(parts[2], "%H%M").time() if len(parts) == 3 else None
    except (ValueError, IndexError, AttributeError):
        return None
    if len(parts) > 3:
        return None
    return day, start, slot


def session_layout(occurrence: rules_mod.Occurrence) -> dict:
    """Mode, slot length and capacity of a session, from its rule."""
    rule = occurrence.rule
    mode = rule.signup_mode
    return {
        "mode": mode,
        "slot_minutes": rule.slot_minutes or settings.SCHEDULES_SLOT_MINUTES,
        "capacity": rule.places or settings.SCHEDULES_PLACES_PER_SESSION,
    }


def _slots(day: date, time_from: time, time_to: time, minutes: int) -> list[time]:
    step = timedelta(minutes=max(1, minutes))
    start, end = datetime.combine(day, time_from), datetime.combine(day, time_to)
    slots = []
    while start + step <= end:
        slots.append(start.time())
        start += step
    return slots


def open_occurrences(official: Official, *, now: datetime | None = None) -> list[rules_mod.Occurrence]:
    """Receptions of the official open for online sign-up: within the horizon, not closing too soon."""
    now = timezone.localtime(now or timezone.now())
    today = now.date()
    occurrences, _ = rules_mod.compute(
        rules=official.rules.all(),
        exceptions=official.exceptions.all(),
        absences=official.absences.all(),
        start=today,
        end=today + timedelta(days=settings.SCHEDULES_SIGNUP_HORIZON_DAYS),
    )
    closes = timedelta(hours=settings.SCHEDULES_SIGNUP_CLOSES_HOURS)
    return [
        occ
        for occ in occurrences
        if occ.online_signup and timezone.make_aware(datetime.combine(occ.date, occ.time_from)) - closes > now
    ]


def signup_options(official: Official, *, now: datetime | None = None) -> list[SessionOption]:
    """Open receptions with their free slots or places (two queries)."""
    occurrences = open_occurrences(official, now=now)
    if not occurrences:
        return []
    sessions = {
        (s.date, s.time_from): s
        for s in ReceptionSession.objects.filter(
            official=official, date__gte=occurrences[0].date, date__lte=occurrences[-1].date
        )
    }
    taken: dict[int, list] = {}
    for session_id, slot in (
        SignUp.objects.active().filter(session__in=sessions.values()).values_list("session_id", "slot_start")
    ):
        taken.setdefault(session_id, []).append(slot)
    options = []
    for occ in occurrences:
        session = sessions.get((occ.date, occ.time_from))
        if session is not None:
            layout = {"mode": session.mode, "slot_minutes": session.slot_minutes, "capacity": session.capacity}
            time_to = session.time_to
        else:
            layout = session_layout(occ)
            time_to = occ.time_to
        booked = taken.get(session.pk, []) if session else []
        host = rules_mod.host_text(occ, official=official) if occ.deputy is not None else ""
        option = SessionOption(occurrence=occ, host=host, **layout)
        if option.mode == ReceptionSession.Mode.SLOTS:
            slots = _slots(occ.date, occ.time_from, time_to, option.slot_minutes)
            option.free_slots = [slot for slot in slots if slot not in booked]
        else:
            option.free_places = max(0, option.capacity - len(booked))
        options.append(option)
    return options


@dataclass(frozen=True)
class BookedReception:
    """What every step of a sign-up says about its reception (the page after it, the e-mails, the .ics file,
    the cancel page): who actually receives and what changed, from the official's schedule as it is now."""

    official: Official
    host: str  # «Кто принимает»: rules.host_text
    deputy: Official | None = None
    marks: tuple[str, ...] = ()  # «перенесён с 16.12», «в другом месте»: as the schedule page's badges
    notes: tuple[str, ...] = ()  # the same in full sentences


def booked_reception(session: ReceptionSession) -> BookedReception:
    """The reception of a session as the schedule computes it (three queries). A reception the schedule no
    longer holds (cancelled since, or past a rule's end) is named by its official alone."""
    official = _with_rules([session.official])[0]
    occurrences, _ = rules_mod.compute(
        rules=official.rules.all(),
        exceptions=official.exceptions.all(),
        absences=official.absences.all(),
        start=session.date,
        end=session.date,
    )
    occ = next((o for o in occurrences if o.time_from == session.time_from), None)
    if occ is None:
        return BookedReception(official=official, host=rules_mod.host_text(None, official=official))
    return BookedReception(
        official=official,
        host=rules_mod.host_text(occ, official=official),
        deputy=occ.deputy,
        marks=occ.marks,
        notes=occ.notes,
    )


def calendar_occurrences(official: Official, *, start: date, end: date) -> list[tuple[rules_mod.Occurrence, Official]]:
    """An official's calendar feed: (reception, whose schedule it is), by date and start.

    Her own receptions (those a deputy holds for her too, named so), and the
    receptions she holds as a deputy for another active official in his
    absence: a resident who follows her calendar sees every reception she
    actually holds. Four queries, three more when she deputises for anyone.
    """
    entries = [
        (occ, official)
        for occ in rules_mod.compute(
            rules=official.rules.all(),
            exceptions=official.exceptions.all(),
            absences=official.absences.all(),
            start=start,
            end=end,
        )[0]
    ]
    absent = list(
        Official.objects.filter(
            is_active=True, absences__deputy=official, absences__date_to__gte=start, absences__date_from__lte=end
        )
        .exclude(pk=official.pk)
        .distinct()
    )
    for other in _with_rules(absent):
        periods = [a for a in other.absences.all() if a.deputy_id == official.pk]
        occurrences, _ = rules_mod.compute(
            rules=other.rules.all(),
            exceptions=other.exceptions.all(),
            absences=other.absences.all(),
            start=max(start, min(a.date_from for a in periods)),
            end=min(end, max(a.date_to for a in periods)),
        )
        entries += [(occ, other) for occ in occurrences if occ.deputy is not None and occ.deputy.pk == official.pk]
    return sorted(entries, key=lambda entry: (entry[0].date, entry[0].time_from, entry[1].pk))


def find_signup_by_token_hash(token_hash: str) -> SignUp | None:
    return (
        SignUp.objects.select_related("session__official", "session__place")
        .filter(cancel_token_hash=token_hash)
        .first()
    )


# -- Staff: the day's list -------------------------------------------------------------------------------------


def day_sessions(day: date) -> list[ReceptionSession]:
    """Sessions of a day with their active sign-ups (for the admin list and the printout)."""
    return list(
        ReceptionSession.objects.filter(date=day)
        .select_related("official", "place")
        .prefetch_related(
            Prefetch("signups", queryset=SignUp.objects.order_by("slot_start", "created_at"), to_attr="all_signups")
        )
        .annotate(active_count=Count("signups", filter=Q(signups__status=SignUp.Status.ACTIVE)))
        .order_by("time_from", "official__order", "official__surname")
    )


def upcoming_session_days(*, today: date, limit: int = 20) -> list[tuple[date, int]]:
    rows = (
        SignUp.objects.active()
        .filter(session__date__gte=today)
        .values_list("session__date")
        .annotate(n=Count("pk"))
        .order_by("session__date")[:limit]
    )
    return list(rows)


def official_signup_path(official: Official) -> str:
    """The path of the official's sign-up form on the schedule page on the site, or "" (no such page)."""
    from schedules.models import ReceptionSchedulePage

    schedule = ReceptionSchedulePage.objects.on_site().first()
    if schedule is None or not schedule.url:
        return ""
    return schedule.official_url(official, "signup")
