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


class Destination(ABC):
    """A configured place to deliver to. ``config`` is one item of FORWARDING_DESTINATIONS."""

    type: ClassVar[str]
    required: ClassVar[tuple[str, ...]] = ()

    def __init__(self, config: dict):
        self.config = config
        self.name: str = config["name"]
        self.label: str = config.get("label") or self.name

    @classmethod
    def config_errors(cls, config: dict) -> list[str]:
        return [f"«{config.get('name')}»: нет параметра {key}" for key in cls.required if not config.get(key)]

    @abstractmethod
    def send(self, envelope: Envelope) -> Receipt:
        """Hand the envelope over; raise TemporaryFailure or PermanentFailure on failure."""

    def describe(self) -> str:
        """Where it goes, for the admin (no secrets)."""
        return self.type
