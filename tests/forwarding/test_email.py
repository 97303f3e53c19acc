"""Forwarding by e-mail to the registry mailbox: a structured message with the attachments."""

import pytest
from django.core import mail
from django.utils import timezone

from appeals_form.models import AppealEvent
from forwarding import services
from forwarding.models import Delivery, OutboxMessage
from tests.forwarding.conftest import CO_AUTHOR_ADDRESS, PDF_BYTES, PNG_BYTES, delivery_of, registration_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry_mail(settings, retry_settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.FORWARDING_DESTINATIONS = [{"name": "registry-email", "type": "email", "to": ["kanc@example.ru"]}]


def test_the_registry_gets_the_appeal_with_its_attachments(registry_mail, appeal_with_files):
    appeal = appeal_with_files
    mail.outbox.clear()
    services.forward_message(message_id=registration_message(appeal).pk, now=timezone.now())

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kanc@example.ru"]
    assert appeal.number in message.subject
    assert "Жалоба" in message.subject
    assert "0005.0005.0056.1149" in message.subject
    body = message.body
    for expected in (
        f"Регистрационный номер: {appeal.number}",
        f"Срок рассмотрения: до {appeal.due_date:%d.%m.%Y} включительно",
        "Иванова Мария Петровна",
        "ivanova@example.ru",
        "Управление жилищно-коммунального хозяйства",
        "Оплата ЖКУ, взносов в фонд капремонта",
        "Код классификатора: 0005.0005.0056.1149",
        "Жилищно-коммунальная сфера",
        "1. Сидоров Сидор Сидорович, sidorov@example.ru\n",
        # A co-author without an e-mail and with a postal address (the forwarded document's version 2).
        f"2. Кузнецова Анна Ивановна, почтовый адрес: {CO_AUTHOR_ADDRESS}\n",
        "Во дворе дома не горят фонари уже месяц.",
        "Код подтверждения по электронной почте",
        "квитанция.pdf",
    ):
        assert expected in body, expected
    assert [(name, content) for name, content, _ in message.attachments] == [
        ("квитанция.pdf", PDF_BYTES),
        ("фото двора.png", PNG_BYTES),
    ]
    key = str(delivery_of(appeal, "registry-email").idempotency_key)
    assert message.extra_headers["X-Idempotency-Key"] == key
    assert key in message.extra_headers["Message-ID"]

    assert delivery_of(appeal, "registry-email").state == Delivery.State.ACCEPTED
    assert registration_message(appeal).state == OutboxMessage.State.SENT
    assert appeal.events.filter(kind=AppealEvent.Kind.FORWARDED).count() == 1


def test_a_missing_attachment_file_fails_the_delivery_instead_of_sending_without_it(
    registry_mail, appeal_with_files, private_storage
):
    attachment = appeal_with_files.attachments.first()
    (private_storage / attachment.file.name).unlink()
    mail.outbox.clear()
    services.forward_message(message_id=registration_message(appeal_with_files).pk, now=timezone.now())
    assert mail.outbox == []
    delivery = delivery_of(appeal_with_files, "registry-email")
    assert delivery.state == Delivery.State.FAILED
    assert "не найден" in delivery.last_error


def test_a_mail_server_that_is_down_is_retried(settings, retry_settings, register):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens there
    settings.EMAIL_TIMEOUT = 2
    settings.FORWARDING_DESTINATIONS = [{"name": "registry-email", "type": "email", "to": ["kanc@example.ru"]}]
    appeal = register()
    services.forward_message(message_id=registration_message(appeal).pk, now=timezone.now())
    delivery = delivery_of(appeal, "registry-email")
    assert delivery.state == Delivery.State.PENDING
    assert "недоступен" in delivery.last_error
