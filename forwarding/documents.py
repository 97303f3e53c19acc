"""The forwarded document: the appeal as the back office receives it.

Built from the appeal at each attempt (the outbox message holds identifiers
only). The shape is the JSON Schema in forwarding/schema/appeal-forwarded.v<N>.schema.json;
change both together and add a version on an incompatible change (the schemas
forbid unknown properties, so a new field is one). Each destination receives
the version it is configured for (``"schema_version"``, the latest by default):
a receiver that validates against an older schema keeps it until it upgrades.
"""

import hashlib
from datetime import date, datetime

from django.conf import settings
from django.core.files.storage import storages
from django.utils import timezone

from appeals_form.models import CLASSIFIER_SECTIONS, Appeal
from appeals_form.types import APPLICANT_FIELDS
from forwarding.destinations import SCHEMA_VERSIONS, AttachmentData, Envelope
from forwarding.models import OutboxMessage

SCHEMA_VERSION = SCHEMA_VERSIONS[-1]
SCHEMA_ID_TEMPLATE = "https://appeals-portal.example.ru/schema/appeal-forwarded.v{version}.schema.json"
SOURCE = "appeals-portal"


class AppealGone(Exception):
    """The appeal of an outbox message no longer exists (or lost its files)."""


def _iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def schema_id(version: int) -> str:
    return SCHEMA_ID_TEMPLATE.format(version=version)


def _co_author(co_author, version: int) -> dict:
    item = {"name": co_author.name, "email": co_author.email}
    if version >= 2:
        item["postal_address"] = co_author.postal_address
    return item


def appeal_document(appeal: Appeal, *, schema_version: int = SCHEMA_VERSION) -> dict:
    """The appeal without its attachment contents (they are added by the envelope)."""
    section = (appeal.classifier_code or "")[:4]
    return {
        "number": appeal.number,
        "status": appeal.status,
        "kind": appeal.kind,
        "kind_label": appeal.get_kind_display(),
        "channel": "internet",
        "received_at": _iso(appeal.received_at),
        "registered_at": _iso(appeal.registered_at),
        "due_date": _day(appeal.due_date),
        # appeals_form.types.PERSONAL_FIELDS marked applicant=True (the schema lists the same names).
        "applicant": {name: getattr(appeal, name) for name in APPLICANT_FIELDS},
        "identity": {
            "method": appeal.identity_method,
            "issuer": appeal.identity_issuer,
            "verified_at": _iso(appeal.identity_verified_at),
        },
        "addressee": {"id": appeal.addressee_id, "name": appeal.addressee.name, "kind": appeal.addressee.kind},
        "topic": {
            "id": appeal.topic_id,
            "title": appeal.topic.title,
            "classifier_code": appeal.classifier_code,
            "classifier_section": section,
            "classifier_section_name": CLASSIFIER_SECTIONS.get(section, ""),
        },
        "is_collective": appeal.is_collective,
        "co_authors": [_co_author(co, schema_version) for co in appeal.co_authors.all()],
        "text": appeal.text,
    }


def _attachments(appeal: Appeal) -> tuple[AttachmentData, ...]:
    storage = storages["private"]
    items = []
    for attachment in appeal.attachments.all():
        try:
            with storage.open(attachment.file.name, "rb") as source:
                content = source.read()
        except FileNotFoundError as exc:
            raise AppealGone(f"Файл вложения №{attachment.pk} не найден") from exc
        if hashlib.sha256(content).hexdigest() != attachment.sha256:
            raise AppealGone(f"Файл вложения №{attachment.pk} повреждён (контрольная сумма не совпадает)")
        items.append(
            AttachmentData(
                name=attachment.original_name,
                content_type=attachment.content_type,
                size=attachment.size,
                sha256=attachment.sha256,
                content=content,
            )
        )
    return tuple(items)


def build_envelope(*, message: OutboxMessage, idempotency_key: str, schema_version: int = SCHEMA_VERSION) -> Envelope:
    appeal = (
        Appeal.objects.select_related("addressee", "topic")
        .prefetch_related("co_authors", "attachments")
        .filter(pk=message.appeal_id)
        .first()
    )
    if appeal is None:
        raise AppealGone("Обращение удалено")
    document = {
        "$schema": schema_id(schema_version),
        "schema_version": schema_version,
        "event": message.event,
        "message_created_at": _iso(message.created_at),
        "source": {"system": SOURCE, "base_url": settings.PORTAL_BASE_URL},
        "appeal": appeal_document(appeal, schema_version=schema_version),
    }
    return Envelope(
        idempotency_key=idempotency_key,
        event=message.event,
        document=document,
        attachments=_attachments(appeal),
    )
