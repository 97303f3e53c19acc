"""Business rules of the online sign-up to a personal reception.

No double booking, no overbooking: the session row of the reception is locked
(``select_for_update``) while the sign-up is checked and written, and a partial
unique constraint keeps one active sign-up per time slot and per person.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from identity.validators import mailbox_key
from schedules import selectors
from schedules.models import Official, ReceptionSession, SignUp

logger = logging.getLogger(__name__)

MSG_NOT_OPEN = "На эту дату запись через сайт не ведётся или уже закрыта. Выберите другую дату."
MSG_SLOT_TAKEN = "Это время уже занято. Выберите другое время."
MSG_FULL = "На этот приём мест больше нет. Выберите другую дату."
MSG_ALREADY = "Вы уже записаны на этот приём. Письмо со ссылкой для отмены записи отправлено на вашу почту."
MSG_SLOT_REQUIRED = "Выберите время приёма."


class SignUpError(Exception):
    """A sign-up that cannot be made; ``message`` is for the resident."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Resident:
    surname: str
    first_name: str
    patronymic: str
    phone: str
    email: str
    question: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _new_token_hash() -> str:
    return hash_token(secrets.token_urlsafe(32))


def _session_for(*, official: Official, occurrence) -> ReceptionSession:
    lookup = {"official": official, "date": occurrence.date, "time_from": occurrence.time_from}
    session = ReceptionSession.objects.filter(**lookup).first()
    if session is not None:
        return session
    layout = selectors.session_layout(occurrence)
    try:
        with transaction.atomic():
            return ReceptionSession.objects.create(
                **lookup, time_to=occurrence.time_to, place=occurrence.place, **layout
            )
    except IntegrityError:
        # A concurrent first sign-up created it.
        return ReceptionSession.objects.get(**lookup)


def _open_occurrence(*, official: Official, day: date, time_from: time, now: datetime):
    """The official's reception on ``day`` at ``time_from`` if it is open for sign-up, else SignUpError."""
    for occurrence in selectors.open_occurrences(official, now=now):
        if occurrence.date == day and occurrence.time_from == time_from:
            return occurrence
    raise SignUpError(MSG_NOT_OPEN, code="not_open")


def create_signup(
    *,
    official: Official,
    day: date,
    time_from: time,
    slot_start: time | None,
    resident: Resident,
    consent_version: str,
    consent_text: str,
    consent_given_at: datetime,
    now: datetime | None = None,
) -> SignUp:
    """Sign a resident up for a reception; raises SignUpError when it cannot be done."""
    now = now or timezone.now()
    occurrence = _open_occurrence(official=official, day=day, time_from=time_from, now=now)
    with transaction.atomic():
        session = _session_for(official=official, occurrence=occurrence)
        # The lock: concurrent sign-ups for this reception queue here.
        session = ReceptionSession.objects.select_for_update().get(pk=session.pk)
        active = list(session.signups.active().values_list("slot_start", "email"))
        if any(mailbox_key(email) == mailbox_key(resident.email) for _, email in active):
            raise SignUpError(MSG_ALREADY, code="already")
        if session.mode == ReceptionSession.Mode.SLOTS:
            if slot_start is None:
                raise SignUpError(MSG_SLOT_REQUIRED, code="slot_required")
            if slot_start not in session.slot_starts():
                raise SignUpError(MSG_NOT_OPEN, code="not_open")
            if slot_start in {slot for slot, _ in active}:
                raise SignUpError(MSG_SLOT_TAKEN, code="taken")
        else:
            slot_start = None
            if len(active) >= session.capacity:
                raise SignUpError(MSG_FULL, code="full")
        try:
            with transaction.atomic():
                signup = SignUp.objects.create(
                    session=session,
                    slot_start=slot_start,
                    surname=resident.surname,
                    first_name=resident.first_name,
                    patronymic=resident.patronymic,
                    phone=resident.phone,
                    email=resident.email,
                    question=resident.question,
                    consent_version=consent_version,
                    consent_text=consent_text,
                    consent_given_at=consent_given_at,
                    cancel_token_hash=_new_token_hash(),
                    created_at=now,
                )
        except IntegrityError as exc:
            # The constraints are the last guard (the lock makes this rare).
            raise SignUpError(MSG_SLOT_TAKEN, code="taken") from exc
        transaction.on_commit(lambda: _enqueue("send_signup_confirmation", signup.pk))
    logger.info("Sign-up id=%s for session id=%s", signup.pk, session.pk)
    return signup


def _enqueue(task_name: str, *args) -> None:
    from schedules import tasks

    getattr(tasks, task_name).enqueue(*args)


def issue_cancel_token(signup: SignUp) -> str:
    """A new unguessable cancel token for the e-mail (only its hash is stored; earlier links stop working)."""
    token = secrets.token_urlsafe(32)
    SignUp.objects.filter(pk=signup.pk).update(cancel_token_hash=hash_token(token))
    signup.cancel_token_hash = hash_token(token)
    return token


def cancel_url(token: str) -> str:
    from django.urls import reverse

    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("schedules:cancel", args=[token])


def find_by_token(token: str) -> SignUp | None:
    if not token or len(token) > 100:
        return None
    return selectors.find_signup_by_token_hash(hash_token(token))


def cancel_by_resident(*, signup: SignUp, now: datetime | None = None) -> bool:
    """The resident cancels with the link from the e-mail; an e-mail confirms it (through the task queue, as
    the sign-up's confirmation). False if it was no longer active (and then nothing is sent)."""
    with transaction.atomic():
        updated = SignUp.objects.filter(pk=signup.pk, status=SignUp.Status.ACTIVE).update(
            status=SignUp.Status.CANCELLED,
            cancelled_at=now or timezone.now(),
            cancelled_by=SignUp.CancelledBy.RESIDENT,
        )
        if updated:
            transaction.on_commit(lambda: _enqueue("send_signup_cancelled_by_resident", signup.pk))
    signup.refresh_from_db()
    return bool(updated)


def cancel_by_staff(*, signup: SignUp, reason: str, now: datetime | None = None) -> bool:
    """The department cancels a sign-up; the resident gets a notice with the reason."""
    with transaction.atomic():
        updated = SignUp.objects.filter(pk=signup.pk, status=SignUp.Status.ACTIVE).update(
            status=SignUp.Status.CANCELLED,
            cancelled_at=now or timezone.now(),
            cancelled_by=SignUp.CancelledBy.STAFF,
            cancel_reason=reason[:255],
        )
        if updated:
            transaction.on_commit(lambda: _enqueue("send_signup_cancelled", signup.pk))
    signup.refresh_from_db()
    return bool(updated)


def purge_old_signups(*, today: date | None = None) -> int:
    """Delete sign-ups (personal data) of receptions older than the retention period."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.SCHEDULES_SIGNUP_RETENTION_DAYS)
    deleted, _ = SignUp.objects.filter(session__date__lt=cutoff).delete()
    ReceptionSession.objects.filter(date__lt=cutoff, signups=None).delete()
    return deleted


MSG_DROPPED = "Приём отменён"


def cancel_signups_of_dropped_receptions(*, official: Official, today: date | None = None) -> int:
    """Cancel, with a notice by e-mail, the active sign-ups of receptions the schedule no longer holds.

    Run after staff change an official's schedule (a vacation, a cancelled or
    moved date): a sign-up whose session (date and start) is no longer among
    the official's receptions is cancelled by the department, the reason taken
    from the schedule's notice for that date. Returns how many were cancelled.
    """
    from schedules import rules as rules_mod

    today = today or timezone.localdate()
    sessions = list(
        ReceptionSession.objects.filter(official=official, date__gte=today, signups__status=SignUp.Status.ACTIVE)
        .distinct()
        .order_by("date")
    )
    if not sessions:
        return 0
    occurrences, notices = rules_mod.compute(
        rules=official.rules.all(),
        exceptions=official.exceptions.all(),
        absences=official.absences.all(),
        start=today,
        end=sessions[-1].date,
    )
    held = {(occ.date, occ.time_from) for occ in occurrences}
    reasons = {notice.date: notice.text for notice in notices}
    cancelled = 0
    for session in sessions:
        if (session.date, session.time_from) in held:
            continue
        reason = reasons.get(session.date, MSG_DROPPED)
        for signup in session.signups.active():
            cancelled += cancel_by_staff(signup=signup, reason=reason)
    if cancelled:
        logger.info("Schedule change of official %s cancelled %d sign-up(s)", official.pk, cancelled)
    return cancelled
