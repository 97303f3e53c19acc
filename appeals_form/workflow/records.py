"""Who saw what: downloads of private files and exports of personal data, in the history.

These are internal events (never on the applicant's status page). They hold
ids and formats only, never file names or personal data.
"""

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from appeals_form.models import Appeal, AppealEvent, Attachment
from appeals_form.services import record_event

logger = logging.getLogger(__name__)

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
    *,
    actor: AbstractBaseUser,
    export_format: str,
    filters: Mapping[str, Sequence[str]],
    rows: int,
    now: datetime | None = None,
) -> None:
    """Record ONE export of applicants' personal data: who, when, which format, filter and row count.

    Called once per export, before its first byte (never once per row).
    Storage: helper h13's export record replaces this body (the lead merges);
    until then a log line without personal data (filter names, not values).
    """
    now = now or timezone.now()
    logger.info(
        "personal data export: user=%s format=%s rows=%s filters=%s at=%s",
        getattr(actor, "pk", None),
        export_format,
        rows,
        sorted(filters),
        now.isoformat(),
    )
