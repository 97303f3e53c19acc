"""Reads of the appeals domain: status page lookups, public history, reference lists."""

import hmac
import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils.dateparse import parse_date

from appeals_form.models import Addressee, Appeal, AppealEvent, AppealFormPage, Topic
from appeals_form.models.appeal import hash_status_token

# A status token is 43 URL-safe base64 characters (32 bytes); anything else is
# refused before it reaches the database.
STATUS_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def get_appeal_by_token(token: str) -> Appeal | None:
    """The appeal whose private status link carries ``token``, or None.

    Only a SHA-256 of the token is stored and looked up, so neither the query
    nor its timing depends on how close a guess is; the final comparison is
    constant-time as well.
    """
    if not token or not STATUS_TOKEN_RE.match(token):
        return None
    token_hash = hash_status_token(token)
    appeal = Appeal.objects.select_related("addressee").filter(status_token_hash=token_hash).first()
    if appeal is None or not hmac.compare_digest(appeal.status_token_hash, token_hash):
        return None
    return appeal


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str
    title: str
    details: str = ""


def _format_date(value) -> str:
    parsed = parse_date(value) if isinstance(value, str) else value
    return parsed.strftime("%d.%m.%Y") if isinstance(parsed, date) else ""


def _details(event: AppealEvent) -> str:
    payload = event.payload or {}
    Kind = AppealEvent.Kind
    if event.kind == Kind.REDIRECTED:
        body = payload.get("body", "")
        return f"Обращение направлено: {body}" if body else ""
    if event.kind == Kind.EXTENDED:
        new_due = _format_date(payload.get("due_date"))
        return f"Новый срок рассмотрения: {new_due}" if new_due else ""
    if event.kind == Kind.LEFT_WITHOUT_ANSWER:
        return payload.get("reason", "")
    if event.kind == Kind.FORWARDED:
        system = payload.get("system", "")
        number = payload.get("external_number", "")
        return ", ".join(part for part in (system, f"№ {number}" if number else "") if part)
    return ""


def public_history(appeal: Appeal) -> list[HistoryEntry]:
    """What the applicant sees of the appeal's history, oldest first."""
    events = appeal.events.filter(public=True).order_by("created_at", "id")
    return [
        HistoryEntry(at=event.created_at, kind=event.kind, title=event.get_kind_display(), details=_details(event))
        for event in events
    ]


def active_addressees() -> QuerySet[Addressee]:
    return Addressee.objects.active()


def active_topics() -> QuerySet[Topic]:
    return Topic.objects.active()


def live_form_page() -> AppealFormPage | None:
    """The published online appeal form (there is at most one)."""
    return AppealFormPage.objects.live().public().first()
