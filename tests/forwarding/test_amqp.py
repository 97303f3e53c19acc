"""Forwarding to an AMQP queue on the local RabbitMQ (127.0.0.1:5672, guest/guest).

Skipped, with the reason, only when no broker answers there.
"""

import json
import uuid

import pika
import pytest
from django.utils import timezone

from appeals_form.models import AppealEvent
from forwarding import services
from forwarding.models import Delivery, OutboxMessage
from tests.forwarding.conftest import delivery_of, registration_message

pytestmark = pytest.mark.django_db

AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"


@pytest.fixture
def broker_channel():
    try:
        connection = pika.BlockingConnection(pika.URLParameters(AMQP_URL + "?socket_timeout=2&connection_attempts=1"))
    except pika.exceptions.AMQPError as exc:
        pytest.skip(f"RabbitMQ is not reachable on 127.0.0.1:5672 ({type(exc).__name__})")
    channel = connection.channel()
    yield channel
    connection.close()


@pytest.fixture
def queue_name(broker_channel):
    name = f"portal-test-{uuid.uuid4().hex}"
    yield name
    broker_channel.queue_delete(queue=name)


def test_the_appeal_is_published_persistently_with_its_key_as_message_id(
    settings, retry_settings, broker_channel, queue_name, appeal_with_files
):
    settings.FORWARDING_DESTINATIONS = [
        {"name": "msed", "type": "amqp", "url": AMQP_URL, "queue": queue_name, "secret": "amqp-secret"}
    ]
    appeal = appeal_with_files
    assert services.forward_message(message_id=registration_message(appeal).pk, now=timezone.now()) == [
        Delivery.State.ACCEPTED
    ]

    method, properties, body = broker_channel.basic_get(queue=queue_name, auto_ack=True)
    assert method is not None, "no message in the queue"
    delivery = delivery_of(appeal, "msed")
    assert properties.message_id == str(delivery.idempotency_key)
    assert properties.delivery_mode == 2
    assert properties.content_type == "application/json"
    assert properties.type == OutboxMessage.EVENT_APPEAL_REGISTERED
    data = json.loads(body)
    assert data["appeal"]["number"] == appeal.number
    assert data["idempotency_key"] == str(delivery.idempotency_key)
    assert [a["name"] for a in data["appeal"]["attachments"]] == ["квитанция.pdf", "фото двора.png"]
    from forwarding.destinations import sign

    assert properties.headers["x-signature"] == sign("amqp-secret", body)
    # Exactly one message: the queue is empty now.
    assert broker_channel.basic_get(queue=queue_name, auto_ack=True)[0] is None
    assert registration_message(appeal).state == OutboxMessage.State.SENT
    assert appeal.events.filter(kind=AppealEvent.Kind.FORWARDED).count() == 1


def test_an_unreachable_broker_is_retried(settings, retry_settings, register):
    settings.FORWARDING_AMQP_TIMEOUT_SECONDS = 2
    settings.FORWARDING_DESTINATIONS = [
        {"name": "msed", "type": "amqp", "url": "amqp://guest:guest@127.0.0.1:9/%2F", "queue": "appeals"}
    ]
    appeal = register()
    services.forward_message(message_id=registration_message(appeal).pk, now=timezone.now())
    delivery = delivery_of(appeal, "msed")
    assert delivery.state == Delivery.State.PENDING
    assert "недоступен" in delivery.last_error


def test_a_queue_declared_differently_is_a_permanent_failure(
    settings, retry_settings, broker_channel, queue_name, register
):
    # The consumer declared the queue non-durable; our durable declaration is refused (406).
    broker_channel.queue_declare(queue=queue_name, durable=False)
    settings.FORWARDING_DESTINATIONS = [{"name": "msed", "type": "amqp", "url": AMQP_URL, "queue": queue_name}]
    appeal = register()
    services.forward_message(message_id=registration_message(appeal).pk, now=timezone.now())
    delivery = delivery_of(appeal, "msed")
    assert delivery.state == Delivery.State.FAILED
    assert "406" in delivery.last_error
