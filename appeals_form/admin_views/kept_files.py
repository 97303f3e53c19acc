"""A file chosen on an action form, kept when the form comes back with an error.

A browser never fills a file input again: before, an officer who attached the
signed answer and forgot the result got the form back with the text kept but
the file gone, and the next «Записать ответ» sent the applicant the text
without the file, silently. A file that passed the attachment checks is now
staged in private storage (``attachments.stage_uploads``, purged with the
form's other staged files) and the form carries a signed token of it
(the appeal's id inside, so it cannot name another appeal's or a resident's
file); the officer sees it named and may choose another file to replace it.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.files.storage import storages

from appeals_form import attachments
from appeals_form.types import StagedFile

SALT = "appeals_form.admin.kept-file"


def keep(upload, *, appeal_id: int) -> tuple[StagedFile | None, str, str]:
    """Stage ``upload``: (the staged file, its token, "") or (None, "", the Russian reason it was refused)."""
    result = attachments.stage_uploads(uploads=[upload], existing=[])
    if not result.files:
        return None, "", " ".join(result.errors)
    staged = result.files[0]
    return staged, token_of(staged, appeal_id=appeal_id), ""


def token_of(staged: StagedFile, *, appeal_id: int) -> str:
    fields = [staged.storage_name, staged.original_name, staged.content_type, staged.size, staged.sha256]
    return signing.dumps({"appeal": appeal_id, "file": fields}, salt=SALT, compress=True)


def kept(token: str, *, appeal_id: int) -> StagedFile | None:
    """The staged file ``token`` names for this appeal, if it is still there; None otherwise."""
    if not token:
        return None
    max_age = settings.APPEALS_STAGING_MAX_AGE_HOURS * 3600
    try:
        value = signing.loads(token, salt=SALT, max_age=max_age)
        if value["appeal"] != appeal_id:
            return None
        staged = StagedFile(*value["file"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return staged if attachments.staged_exists(staged) else None


def read(staged: StagedFile) -> bytes:
    with storages["private"].open(staged.storage_name, "rb") as handle:
        return handle.read(settings.APPEALS_MAX_FILE_SIZE + 1)


def discard(staged: StagedFile | None) -> None:
    if staged is not None:
        attachments.delete_staged([staged])
