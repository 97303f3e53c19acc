"""Who saw what: downloads of private files and exports of personal data, in the history.

Downloads are internal events of the appeal (never on the applicant's status
page), holding ids only, never file names or personal data. An export of
personal data is one row of the export log (privacy.PersonalDataExport).
"""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser

from appeals_form.models import Appeal, AppealEvent, Attachment
from appeals_form.services import record_event
from privacy.models import PersonalDataExport
from privacy.services import record_export

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
    *, actor: AbstractBaseUser, export_format: str, query: dict[str, list[str]], rows: int
) -> PersonalDataExport:
    """One record in the export log for one export of applicants' personal data, whatever its size."""
    return record_export(
        dataset=PersonalDataExport.Dataset.APPEALS, actor=actor, export_format=export_format, query=query, rows=rows
    )
