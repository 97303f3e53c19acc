"""Plain data passed between the form (views), identification and the services.

These dataclasses are the contract between the layers: the form builds an
``AppealSubmission`` from validated input, identification supplies an
``Identity`` (see ``identity.session``), and ``services.register_appeal``
turns both into a registered appeal in one transaction.

``PERSONAL_FIELDS`` is the one list of the appeal's personal data: the
registration copies the submitted ones, retention erases them all, the queue
export shows the exported ones only to holders of the personal-data
permission, and the forwarded document's ``applicant`` is built from it.
Adding a field: docs/appeal-fields.md.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime

ANONYMISED = "обезличено"


@dataclass(frozen=True)
class PersonalField:
    """A field of ``Appeal`` (or a relation) that holds personal data."""

    name: str
    erased: object = ""  # what retention writes over it (a relation's rows are deleted instead)
    submitted: bool = False  # typed in the form and carried by AppealSubmission (stripped on registration)
    applicant: bool = False  # in the forwarded document's "applicant" object (forwarding/schema!)
    export_heading: str = ""  # its column in the queue export (personal-data permission); "" none of its own
    relation: bool = False  # rows of another model (co_authors, attachments)


PERSONAL_FIELDS: tuple[PersonalField, ...] = (
    PersonalField("surname", erased=ANONYMISED, submitted=True, applicant=True),
    PersonalField("first_name", erased=ANONYMISED, submitted=True, applicant=True),
    PersonalField("patronymic", submitted=True, applicant=True),
    PersonalField("email", submitted=True, applicant=True, export_heading="Адрес электронной почты"),
    PersonalField("phone", submitted=True, applicant=True, export_heading="Телефон"),
    PersonalField("postal_address", submitted=True, applicant=True, export_heading="Почтовый адрес"),
    PersonalField("co_authors", relation=True, export_heading="Соавторы"),
    PersonalField("text", submitted=True, export_heading="Текст обращения"),
    PersonalField("attachments", relation=True),
    PersonalField("answer_text"),
    PersonalField("answer_file"),
    PersonalField("answer_file_name"),
    PersonalField("extension_reason"),
    PersonalField("identity_subject"),
    PersonalField("ip_address", erased=None),
    PersonalField("user_agent"),
    PersonalField("search_extra"),  # the queue search's copy of the phone, address and co-authors
)
APPLICANT_FIELDS = tuple(f.name for f in PERSONAL_FIELDS if f.applicant)
SUBMITTED_FIELDS = tuple(f.name for f in PERSONAL_FIELDS if f.submitted)
# Every other field of Appeal: numbers, dates, workflow and statistics, kept after anonymisation.
# tests/appeals/test_personal_fields.py fails for a field of Appeal in neither list.
NOT_PERSONAL_FIELDS = frozenset(
    {
        "id",
        "number",
        "year",
        "sequence",
        "status",
        "kind",
        "received_at",
        "registered_at",
        "due_date",
        "addressee",
        "topic",
        "classifier_code",
        "is_collective",
        "identity_method",
        "identity_issuer",
        "identity_verified_at",
        "consent_version",
        "consent_given_at",
        "status_salt",
        "status_token_hash",
        "idempotency_key",
        "department",
        "executor",
        "assigned_at",
        "original_due_date",
        "extended_at",
        "extension_days",
        "complaint_against",
        "redirected_to",
        "redirected_on",
        "published_answer_url",
        "published_answer_title",
        "result",
        "site_visit",
        "answered_late",
        "answered_at",
        "answer_file_type",
        "no_answer_reason",
        "closed_at",
        "anonymised_at",
        "updated_at",
        "events",
        "outbox_messages",
    }
)


@dataclass(frozen=True)
class StagedFile:
    """An uploaded attachment already checked and stored in private storage
    under a temporary ("staging") name, waiting for the appeal to register."""

    storage_name: str  # name in storages["private"]
    original_name: str  # the resident's file name, sanitised
    content_type: str  # detected from the content, not the name
    size: int
    sha256: str
    # The name the resident sent, when the content is another allowed type and the file is kept under
    # the right extension («двор.jpg» kept as «двор.png»): the check step tells them. "" otherwise.
    sent_name: str = ""


@dataclass(frozen=True)
class CoAuthorData:
    name: str
    email: str
    postal_address: str = ""

    def as_stored(self) -> dict[str, str]:
        """The co-author's fields as registration stores them: trimmed, the e-mail in lower case."""
        return {
            "name": self.name.strip(),
            "email": self.email.strip().lower(),
            "postal_address": self.postal_address.strip(),
        }


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

    @classmethod
    def from_cleaned_data(
        cls,
        data: Mapping,
        *,
        consent_version: str,
        consent_given_at: datetime,
        co_authors: tuple[CoAuthorData, ...] = (),
        attachments: tuple[StagedFile, ...] = (),
    ) -> "AppealSubmission":
        """The submission from ``AppealForm.cleaned_data``: each field from the form field of the same name.

        The addressee and the topic come as model instances and go on as ids; the
        consent, co-authors and staged files come from elsewhere (the draft, their forms).
        """
        given = {"addressee_id", "topic_id", "consent_version", "consent_given_at", "co_authors", "attachments"}
        values = {f.name: data[f.name] for f in fields(cls) if f.name not in given}
        return cls(
            **values,
            addressee_id=data["addressee"].pk,
            topic_id=data["topic"].pk,
            consent_version=consent_version,
            consent_given_at=consent_given_at,
            co_authors=tuple(co_authors),
            attachments=tuple(attachments),
        )


@dataclass(frozen=True)
class RequestMeta:
    """The minimum kept for abuse handling."""

    ip_address: str | None
    user_agent: str = ""
