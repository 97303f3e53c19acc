"""Retention: anonymise appeals older than ``settings.APPEALS_RETENTION_YEARS``.

Personal data goes: every field of ``appeals_form.types.PERSONAL_FIELDS``
(the applicant's names, addresses, phone, the text, the answer, co-authors,
attachments and the answer file (files too), the identity subject, request
metadata) and the notes of the history. The statistics stay:
number, dates, status, kind, topic, classifier code, addressee, department,
result and flags, the legal reason, the kinds and dates of the events.

Idempotent: an anonymised appeal is marked (``anonymised_at``) and skipped.
Appeals still open (registered, in work) are not touched, whatever their age.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from appeals_form.models import Appeal, AppealEvent, Attachment, CoAuthor
from appeals_form.models.appeal import hash_status_token, new_status_salt
from appeals_form.services import record_event
from appeals_form.types import PERSONAL_FIELDS

logger = logging.getLogger(__name__)

# Event payload keys that carry no personal data; all others are dropped.
KEPT_PAYLOAD_KEYS = frozenset(
    {
        "body",
        "date",
        "days",
        "due_date",
        "previous_due_date",
        "late",
        "limit",
        "result",
        "site_visit",
        "reason",
        "reason_code",
        "notified",
        "format",
        "rows",
        "template",
        "file",
        "department_id",
        "executor_id",
        "department",
        "system",
        "external_number",
        "status",
    }
)


@dataclass
class RetentionReport:
    cutoff: date
    appeals: int = 0
    co_authors: int = 0
    attachments: int = 0
    files: int = 0
    events: int = 0
    skipped_open: int = 0


def retention_cutoff(*, now: datetime | None = None, years: int | None = None) -> date:
    """Appeals registered before this date are due for anonymisation."""
    today = timezone.localdate(now or timezone.now())
    years = settings.APPEALS_RETENTION_YEARS if years is None else years
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _due_queryset(cutoff: date):
    return Appeal.objects.filter(anonymised_at__isnull=True, registered_at__date__lt=cutoff)


def anonymise_old_appeals(
    *, dry_run: bool = False, now: datetime | None = None, years: int | None = None
) -> RetentionReport:
    now = now or timezone.now()
    cutoff = retention_cutoff(now=now, years=years)
    due = _due_queryset(cutoff)
    report = RetentionReport(cutoff=cutoff, skipped_open=due.filter(status__in=Appeal.OPEN_STATUSES).count())
    candidates = due.exclude(status__in=Appeal.OPEN_STATUSES)
    if dry_run:
        report.appeals = candidates.count()
        report.co_authors = CoAuthor.objects.filter(appeal__in=candidates).count()
        report.attachments = Attachment.objects.filter(appeal__in=candidates).count()
        report.files = report.attachments + candidates.exclude(answer_file="").count()
        report.events = AppealEvent.objects.filter(appeal__in=candidates).count()
        return report
    for pk in candidates.values_list("pk", flat=True).iterator():
        _anonymise_one(pk=pk, now=now, report=report)
    return report


def _clean_payload(payload: dict) -> dict:
    return {key: value for key, value in (payload or {}).items() if key in KEPT_PAYLOAD_KEYS}


def _anonymise_one(*, pk: int, now: datetime, report: RetentionReport) -> None:
    files: list[str] = []
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().filter(pk=pk, anonymised_at__isnull=True).first()
        if appeal is None or appeal.is_open:
            return
        attachments = list(appeal.attachments.all())
        files += [attachment.file.name for attachment in attachments if attachment.file]
        if appeal.answer_file:
            files.append(appeal.answer_file.name)
        report.attachments += len(attachments)
        report.co_authors += appeal.co_authors.count()
        for personal in PERSONAL_FIELDS:
            if personal.relation:  # co-authors, attachments (their files go after the commit)
                getattr(appeal, personal.name).all().delete()
            else:
                setattr(appeal, personal.name, personal.erased)
        # Old status links stop working; the page would show nothing personal anyway.
        appeal.status_salt = new_status_salt()
        appeal.status_token_hash = hash_status_token(appeal.status_token)
        appeal.anonymised_at = now
        appeal.save()

        events = list(appeal.events.all())
        for event in events:
            event.note = ""
            event.payload = _clean_payload(event.payload)
        AppealEvent.objects.bulk_update(events, ["note", "payload"])
        report.events += len(events)
        record_event(appeal=appeal, kind=AppealEvent.Kind.ANONYMISED, public=False, at=now)
        report.appeals += 1
        transaction.on_commit(lambda: _delete_files(files, report), robust=True)


def _delete_files(names: list[str], report: RetentionReport) -> None:
    storage = storages["private"]
    for name in names:
        try:
            if storage.exists(name):
                storage.delete(name)
                report.files += 1
        except OSError:
            logger.exception("Could not delete a private file during anonymisation")
