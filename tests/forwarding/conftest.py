"""Fixtures of the forwarding tests.

receiver                  a local HTTP receiver on 127.0.0.1 (tests/forwarding/receiver.py)
retry_settings            deterministic back-off: base 10 s, factor 2, cap 100 s, 3 attempts, no jitter
webhook(receiver)         FORWARDING_DESTINATIONS = one webhook to the receiver (secret WEBHOOK_SECRET)
register(**kw)            register an appeal through services.register_appeal; on-commit work runs
                          only with run_on_commit=True (then forwarding starts at once: immediate backend)
appeal_with_files         a collective appeal with two co-authors (one with a postal address) and two attachments
                          (on-commit not run)
delivery_of(appeal)       the single delivery of the appeal's registration message
officer / editor          users of the appeals department / of the editors' group
"""

import hashlib
import secrets
import uuid
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone

from appeals_form.factories import AddresseeFactory, TopicFactory
from appeals_form.types import AppealSubmission, CoAuthorData, RequestMeta, StagedFile
from forwarding.models import Delivery, OutboxMessage
from identity.types import METHOD_EMAIL_CODE, Identity
from tests.forwarding.receiver import Receiver

WEBHOOK_SECRET = "webhook-secret-for-tests"
CO_AUTHOR_ADDRESS = "140001, Московская обл., г. Энск, ул. Садовая, д. 3"
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
APPEALS = "Отдел по работе с обращениями"
EDITORS = "Редакторы"


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def retry_settings(settings):
    settings.FORWARDING_RETRY_BASE_SECONDS = 10
    settings.FORWARDING_RETRY_FACTOR = 2
    settings.FORWARDING_RETRY_MAX_DELAY_SECONDS = 100
    settings.FORWARDING_RETRY_JITTER_PERCENT = 0
    settings.FORWARDING_MAX_ATTEMPTS = 3
    settings.FORWARDING_LEASE_SECONDS = 60
    settings.FORWARDING_WEBHOOK_TIMEOUT_SECONDS = 5
    return settings


@pytest.fixture
def webhook(settings, retry_settings, receiver):
    settings.FORWARDING_DESTINATIONS = [
        {"name": "sed", "type": "webhook", "url": receiver.url, "secret": WEBHOOK_SECRET}
    ]
    return receiver


@pytest.fixture
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    return tmp_path / "private"


@pytest.fixture
def addressee(db):
    return AddresseeFactory(name="Управление жилищно-коммунального хозяйства")


@pytest.fixture
def topic(db):
    return TopicFactory(title="Оплата ЖКУ, взносов в фонд капремонта", classifier_code="0005.0005.0056.1149")


@pytest.fixture
def identity():
    return Identity(
        method=METHOD_EMAIL_CODE, verified_at=datetime(2026, 2, 2, 7, 55, tzinfo=UTC), email="ivanova@example.ru"
    )


def stage(content: bytes, original_name: str, content_type: str) -> StagedFile:
    ext = original_name.rsplit(".", 1)[-1]
    name = storages["private"].save(f"staging/{secrets.token_hex(16)}/file.{ext}", ContentFile(content))
    return StagedFile(
        storage_name=name,
        original_name=original_name,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


@pytest.fixture
def register(db, addressee, topic, identity, private_storage, django_capture_on_commit_callbacks):
    from appeals_form.services import register_appeal

    def do(*, run_on_commit: bool = False, co_authors=(), attachments=(), text: str | None = None):
        submission = AppealSubmission(
            surname="Иванова",
            first_name="Мария",
            patronymic="Петровна",
            email=identity.email,
            phone="+7 900 123-45-67",
            postal_address="140000, Московская обл., г. Энск, ул. Садовая, д. 1, кв. 2",
            addressee_id=addressee.pk,
            topic_id=topic.pk,
            kind="complaint",
            text=text or "Во дворе дома не горят фонари уже месяц. Прошу принять меры.",
            consent_version="2026-11-01",
            consent_given_at=timezone.now(),
            co_authors=tuple(co_authors),
            attachments=tuple(attachments),
        )
        with django_capture_on_commit_callbacks(execute=run_on_commit):
            result = register_appeal(
                submission=submission,
                identity=identity,
                idempotency_key=str(uuid.uuid4()),
                meta=RequestMeta(ip_address="203.0.113.7", user_agent="pytest"),
            )
        return result.appeal

    return do


@pytest.fixture
def appeal_with_files(register):
    return register(
        co_authors=[
            CoAuthorData(name="Сидоров Сидор Сидорович", email="sidorov@example.ru"),
            CoAuthorData(
                name="Кузнецова Анна Ивановна",
                email="",
                postal_address="140001, Московская обл., г. Энск, ул. Садовая, д. 3",
            ),
        ],
        attachments=[
            stage(PDF_BYTES, "квитанция.pdf", "application/pdf"),
            stage(PNG_BYTES, "фото двора.png", "image/png"),
        ],
    )


def registration_message(appeal) -> OutboxMessage:
    return OutboxMessage.objects.get(appeal=appeal, event=OutboxMessage.EVENT_APPEAL_REGISTERED)


def delivery_of(appeal, destination: str = "sed") -> Delivery:
    return Delivery.objects.get(message__appeal=appeal, destination=destination)


def make_user(username: str, group: str | None = None):
    user = get_user_model().objects.create_user(username=username, password="pass-12345-word")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def officer(db):
    return make_user("officer", APPEALS)


@pytest.fixture
def editor(db):
    return make_user("editor", EDITORS)
