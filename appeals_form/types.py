"""Plain data passed between the form (views), identification and the services.

These dataclasses are the contract between the layers: the form builds an
``AppealSubmission`` from validated input, identification supplies an
``Identity`` (see ``identity.session``), and ``services.register_appeal``
turns both into a registered appeal in one transaction.
"""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class StagedFile:
    """An uploaded attachment already checked and stored in private storage
    under a temporary ("staging") name, waiting for the appeal to register."""

    storage_name: str  # name in storages["private"]
    original_name: str  # the resident's file name, sanitised
    content_type: str  # detected from the content, not the name
    size: int
    sha256: str


@dataclass(frozen=True)
class CoAuthorData:
    name: str
    email: str


@dataclass(frozen=True)
class AppealSubmission:
    surname: str
    first_name: str
    patronymic: str
    email: str  # normalised, in an allowed zone
    phone: str
    postal_address: str
    addressee_id: int
    topic_id: int
    kind: str  # "proposal" | "application" | "complaint"
    text: str
    consent_version: str
    consent_given_at: datetime
    co_authors: tuple[CoAuthorData, ...] = field(default_factory=tuple)
    attachments: tuple[StagedFile, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class RequestMeta:
    """The minimum kept for abuse handling."""

    ip_address: str | None
    user_agent: str = ""
