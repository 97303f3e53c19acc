"""Shared fixtures of the appeals tests (domain and form).

addressee, topic            active reference rows
identity_email              an Identity confirmed by an e-mail code
identity_oidc               an Identity from an OpenID Connect provider (names locked)
submission_factory(**kw)    an AppealSubmission from identity_email, overridable
staged_file_factory(...)    a file put in the private storage's staging area -> StagedFile
request_meta                RequestMeta of a browser
register(**kw)              services.register_appeal with the defaults above, on-commit callbacks run
private_files(folder)       the set of file names under a folder of the private storage
"""

import hashlib
import secrets
import uuid
from datetime import UTC, datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone

from appeals_form.factories import AddresseeFactory, TopicFactory
from appeals_form.types import AppealSubmission, CoAuthorData, RequestMeta, StagedFile
from identity.types import METHOD_EMAIL_CODE, METHOD_OIDC, Identity

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def addressee(db):
    return AddresseeFactory(name="Управление жилищно-коммунального хозяйства")


@pytest.fixture
def topic(db):
    return TopicFactory(title="Оплата ЖКУ, взносов в фонд капремонта", classifier_code="0005.0005.0056.1149")


@pytest.fixture
def identity_email():
    return Identity(
        method=METHOD_EMAIL_CODE,
        verified_at=datetime(2026, 2, 2, 7, 55, tzinfo=UTC),
        email="ivanova@example.ru",
    )


@pytest.fixture
def identity_oidc():
    return Identity(
        method=METHOD_OIDC,
        verified_at=datetime(2026, 2, 2, 7, 55, tzinfo=UTC),
        email="petrov@example.ru",
        surname="Петров",
        first_name="Пётр",
        patronymic="Петрович",
        subject="sub-12345",
        issuer="https://id.example.ru",
    )


@pytest.fixture
def submission_factory(addressee, topic, identity_email):
    def make(**overrides) -> AppealSubmission:
        values = {
            "surname": "Иванова",
            "first_name": "Мария",
            "patronymic": "Петровна",
            "email": identity_email.email,
            "phone": "+7 900 123-45-67",
            "postal_address": "140000, Московская обл., г. Энск, ул. Садовая, д. 1, кв. 2",
            "addressee_id": addressee.pk,
            "topic_id": topic.pk,
            "kind": "complaint",
            "text": "Во дворе дома не горят фонари уже месяц. Прошу принять меры.",
            "consent_version": "2026-11-01",
            "consent_given_at": timezone.now(),
            "co_authors": (),
            "attachments": (),
        }
        values.update(overrides)
        return AppealSubmission(**values)

    return make


@pytest.fixture
def co_authors():
    return (
        CoAuthorData(name="Сидоров Сидор Сидорович", email="sidorov@example.ru"),
        CoAuthorData(name="Кузнецова Анна Ивановна", email=""),
    )


@pytest.fixture
def staged_file_factory():
    """Put bytes in the staging area of the private storage, as the form does."""
    storage = storages["private"]
    made = []

    def make(content: bytes = PDF_BYTES, original_name: str = "квитанция.pdf", content_type="application/pdf"):
        ext = original_name.rsplit(".", 1)[-1].lower()
        name = storage.save(f"staging/{secrets.token_hex(16)}/file.{ext}", ContentFile(content))
        made.append(name)
        return StagedFile(
            storage_name=name,
            original_name=original_name,
            content_type=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )

    yield make
    for name in made:
        if storage.exists(name):
            storage.delete(name)


@pytest.fixture
def request_meta():
    return RequestMeta(ip_address="203.0.113.7", user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")


@pytest.fixture
def register(submission_factory, identity_email, request_meta, django_capture_on_commit_callbacks):
    """Register an appeal as the form would; on-commit work (e-mail, staging clean-up) runs."""
    from appeals_form.services import register_appeal

    def do(*, submission=None, identity=None, idempotency_key=None, meta=None, now=None):
        with django_capture_on_commit_callbacks(execute=True):
            return register_appeal(
                submission=submission or submission_factory(),
                identity=identity or identity_email,
                idempotency_key=idempotency_key or str(uuid.uuid4()),
                meta=meta or request_meta,
                now=now,
            )

    return do


@pytest.fixture
def private_files():
    """A function listing every file under a folder of the private storage."""
    storage = storages["private"]

    def listing(folder: str = "appeals") -> set[str]:
        found = set()

        def walk(path):
            try:
                dirs, files = storage.listdir(path)
            except FileNotFoundError:
                return
            found.update(f"{path}/{name}" for name in files)
            for directory in dirs:
                walk(f"{path}/{directory}")

        walk(folder)
        return found

    return listing


@pytest.fixture
def officer_client(client):
    """The test client logged in as a member of the appeals department."""
    from tests.appeals.queue_helpers import APPEALS, make_user

    client.force_login(make_user("officer", APPEALS))
    return client
