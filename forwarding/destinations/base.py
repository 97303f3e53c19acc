"""The one small interface every destination implements, and what it hands back.

A destination takes an ``Envelope`` (the message and its idempotency key) and
either returns a ``Receipt`` (the receiver accepted it) or raises
``TemporaryFailure`` (try again later) or ``PermanentFailure`` (retrying will not
help; the delivery is marked failed at once). Error texts never contain
personal data: they are stored and shown in the admin and may be logged.
"""

import base64
import hashlib
import hmac
import json
import os
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

SIGNATURE_PREFIX = "sha256="


class DeliveryFailure(Exception):
    permanent: ClassVar[bool] = False

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TemporaryFailure(DeliveryFailure):
    """The receiver is down, slow or busy: retry with back-off."""


class PermanentFailure(DeliveryFailure):
    """The receiver refused the message (or the destination is misconfigured): do not retry."""

    permanent = True


@dataclass(frozen=True)
class AttachmentData:
    name: str
    content_type: str
    size: int
    sha256: str
    content: bytes = field(repr=False)


@dataclass(frozen=True)
class Envelope:
    """One message for one destination."""

    idempotency_key: str
    event: str
    document: dict  # the JSON body without attachment contents (see forwarding/schema/)
    attachments: tuple[AttachmentData, ...] = ()

    def body(self, *, include_content: bool = True) -> dict:
        """The JSON body: the document with each attachment (base64 content when asked)."""
        items = []
        for attachment in self.attachments:
            item = {
                "name": attachment.name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "sha256": attachment.sha256,
            }
            if include_content:
                item["content_base64"] = base64.b64encode(attachment.content).decode("ascii")
            items.append(item)
        body = dict(self.document)
        body["idempotency_key"] = self.idempotency_key
        body["appeal"] = {**body["appeal"], "attachments": items}
        return body

    def json_bytes(self, *, include_content: bool = True) -> bytes:
        return json.dumps(self.body(include_content=include_content), ensure_ascii=False, sort_keys=True).encode()


@dataclass(frozen=True)
class Receipt:
    remote_number: str = ""  # the receiver's own registration number, when it says so at once
    detail: str = ""


def sign(secret: str, payload: bytes) -> str:
    """``sha256=<hex HMAC-SHA256 of payload with secret>``."""
    return SIGNATURE_PREFIX + hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()


def resolve_secret(config: dict) -> str:
    """A destination's secret: inline ``secret`` or the environment variable named by ``secret_env``."""
    if config.get("secret"):
        return str(config["secret"])
    if config.get("secret_env"):
        return os.environ.get(str(config["secret_env"]), "")
    return ""


def signature_matches(secret: str, payload: bytes, header: str | None) -> bool:
    return bool(secret) and bool(header) and hmac.compare_digest(sign(secret, payload), header.strip())


# The forwarded document's versions (forwarding/schema/appeal-forwarded.v<N>.schema.json, built by
# forwarding.documents); version 2 adds each co-author's postal address.
SCHEMA_VERSIONS = (1, 2)

ROLE_RECORD = "record"
ROLE_NOTIFY = "notify"
ROLES = (ROLE_RECORD, ROLE_NOTIFY)


class Destination(ABC):
    """A configured place to deliver to. ``config`` is one item of FORWARDING_DESTINATIONS.

    Its ``role`` (option ``"role"``, default ``record``) says what it is for:

    - ``record``: the document system where the appeal is registered. The
      appeal counts as forwarded («Передано в ...», the FORWARDED event) once
      every record destination has accepted it; a failure is written in the
      appeal's history as «Не удалось передать в СЭД»;
    - ``notify``: a copy for someone to know (a mailbox, a chat bot). It is
      delivered with the same retries, but it never holds back «forwarded»
      and its failure is noted as a notification that did not arrive.

    ``timeout`` (option ``"timeout"``, seconds) bounds one attempt; each type
    gives its default in ``default_timeout()`` (the lease check reads it).

    ``schema_version`` (option ``"schema_version"``, the latest by default) is the
    version of the document it receives: a receiver that validates against an
    older schema (they forbid unknown properties) keeps its version until it upgrades.
    """

    type: ClassVar[str]
    required: ClassVar[tuple[str, ...]] = ()

    def __init__(self, config: dict):
        self.config = config
        self.name: str = config["name"]
        self.label: str = config.get("label") or self.name
        self.role: str = config.get("role") or ROLE_RECORD
        self.timeout: float = float(config.get("timeout") or self.default_timeout())
        self.schema_version: int = config.get("schema_version") or SCHEMA_VERSIONS[-1]

    @property
    def records(self) -> bool:
        return self.role == ROLE_RECORD

    @classmethod
    @abstractmethod
    def default_timeout(cls) -> float:
        """Seconds one attempt may take when the destination does not say (``"timeout"``)."""

    @classmethod
    def config_errors(cls, config: dict) -> list[str]:
        errors = [f"«{config.get('name')}»: нет параметра {key}" for key in cls.required if not config.get(key)]
        if config.get("role") not in (None, "", *ROLES):
            errors.append(f"«{config.get('name')}»: роль должна быть record или notify, а не {config.get('role')!r}")
        timeout = config.get("timeout")
        if timeout not in (None, "") and (not isinstance(timeout, int | float) or timeout <= 0):
            errors.append(f"«{config.get('name')}»: timeout должен быть положительным числом секунд")
        version = config.get("schema_version")
        if version is not None and (isinstance(version, bool) or version not in SCHEMA_VERSIONS):
            known = ", ".join(str(v) for v in SCHEMA_VERSIONS)
            errors.append(f"«{config.get('name')}»: schema_version — одна из версий {known}, а не {version!r}")
        return errors

    @abstractmethod
    def send(self, envelope: Envelope) -> Receipt:
        """Hand the envelope over; raise TemporaryFailure or PermanentFailure on failure."""

    def describe(self) -> str:
        """Where it goes, for the admin (no secrets)."""
        return self.type
