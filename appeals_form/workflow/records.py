"""Who saw what: downloads of private files and exports of personal data, in the history.

These are internal events (never on the applicant's status page). They hold
ids and formats only, never file names or personal data.
"""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from appeals_form.models import Appeal, AppealEvent, Attachment
from appeals_form.services import record_event

FILE_ATTACHMENT = "attachment"
FILE_ANSWER = "answer"


def record_attachment_download(
    *, attachment: Attachment, actor: AbstractBaseUser, now: datetime | None = None
) -> AppealEvent:
    return record_event(
        appeal=attachment.appeal,
        kind=AppealEvent.Kind.DOWNLOADED,
        actor=actor,
        public=False,
        at=now,
        payload={"file": FILE_ATTACHMENT, "attachment_id": attachment.pk},
    )


def record_answer_download(*, appeal: Appeal, actor: AbstractBaseUser, now: datetime | None = None) -> AppealEvent:
    return record_event(
        appeal=appeal,
        kind=AppealEvent.Kind.DOWNLOADED,
        actor=actor,
        public=False,
        at=now,
        payload={"file": FILE_ANSWER},
    )


def record_personal_data_export(
    *, appeal_ids: Iterable[int], actor: AbstractBaseUser, export_format: str, now: datetime | None = None
) -> int:
    """One internal EXPORTED event per appeal whose personal data left the system; returns the count."""
    now = now or timezone.now()
    ids = list(appeal_ids)
    payload = {"format": export_format, "rows": len(ids)}
    AppealEvent.objects.bulk_create(
        [
            AppealEvent(
                appeal_id=pk, kind=AppealEvent.Kind.EXPORTED, actor=actor, public=False, created_at=now, payload=payload
            )
            for pk in ids
        ],
        batch_size=500,
    )
    return len(ids)
