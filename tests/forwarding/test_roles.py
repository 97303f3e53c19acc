"""Destination roles: the document system records the appeal, a notification only informs.

A failing notify destination (a mailbox, a chat) must not hold back
«Передано в ...» nor write «Не удалось передать в СЭД» into the appeal's
history; each destination declares its own timeout, which the lease check reads.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured

from appeals_form.models import AppealEvent
from forwarding import destinations
from forwarding.checks import check_destinations, check_lease
from forwarding.models import Delivery, OutboxMessage
from tests.forwarding.conftest import WEBHOOK_SECRET, registration_message
from tests.forwarding.receiver import Receiver


@pytest.fixture
def notify_receiver():
    server = Receiver(default=422).start()  # refuses everything: a permanent failure
    yield server
    server.stop()


@pytest.fixture
def record_and_notify(settings, retry_settings, receiver, notify_receiver):
    settings.FORWARDING_DESTINATIONS = [
        {"name": "sed", "type": "webhook", "url": receiver.url, "secret": WEBHOOK_SECRET},
        {"name": "chat", "type": "webhook", "role": "notify", "url": notify_receiver.url, "secret": "s"},
    ]


def notes(appeal) -> list[str]:
    return list(AppealEvent.objects.filter(appeal=appeal, kind=AppealEvent.Kind.NOTE).values_list("note", flat=True))


@pytest.mark.django_db
def test_a_failing_notification_does_not_hold_back_forwarded(record_and_notify, register, notify_receiver):
    appeal = register(run_on_commit=True)

    deliveries = {delivery.destination: delivery for delivery in Delivery.objects.filter(message__appeal=appeal)}
    assert deliveries["sed"].state == Delivery.State.ACCEPTED
    assert deliveries["chat"].state == Delivery.State.FAILED
    assert len(notify_receiver.requests) == 1
    message = registration_message(appeal)
    assert message.state == OutboxMessage.State.SENT
    forwarded = AppealEvent.objects.get(appeal=appeal, kind=AppealEvent.Kind.FORWARDED)
    assert forwarded.public and forwarded.payload["destinations"] == ["sed"]
    assert not any("Не удалось передать в СЭД" in note for note in notes(appeal))
    assert any(note.startswith("Уведомление не доставлено (получатель «chat»)") for note in notes(appeal))


@pytest.mark.django_db
def test_a_failing_record_destination_still_holds_back_forwarded(
    settings, retry_settings, receiver, notify_receiver, register
):
    settings.FORWARDING_DESTINATIONS = [
        {"name": "sed", "type": "webhook", "url": notify_receiver.url, "secret": WEBHOOK_SECRET},
        {"name": "copy", "type": "webhook", "role": "notify", "url": receiver.url, "secret": "s"},
    ]
    appeal = register(run_on_commit=True)

    assert registration_message(appeal).state == OutboxMessage.State.DEAD
    assert not AppealEvent.objects.filter(appeal=appeal, kind=AppealEvent.Kind.FORWARDED).exists()
    assert any("Не удалось передать в СЭД (получатель «sed»)" in note for note in notes(appeal))
    assert Delivery.objects.get(destination="copy").state == Delivery.State.ACCEPTED


@pytest.mark.django_db
def test_a_notification_retried_while_the_appeal_is_already_forwarded(settings, retry_settings, receiver, register):
    down = Receiver(default=503).start()
    try:
        settings.FORWARDING_DESTINATIONS = [
            {"name": "sed", "type": "webhook", "url": receiver.url, "secret": WEBHOOK_SECRET},
            {"name": "mail", "type": "webhook", "role": "notify", "url": down.url, "secret": "s"},
        ]
        appeal = register(run_on_commit=True)
    finally:
        down.stop()
    message = registration_message(appeal)
    assert message.state == OutboxMessage.State.SENT and message.last_error == ""
    assert Delivery.objects.get(destination="mail").state == Delivery.State.PENDING  # retried later
    assert AppealEvent.objects.filter(appeal=appeal, kind=AppealEvent.Kind.FORWARDED).count() == 1


def test_roles_are_checked(settings):
    settings.FORWARDING_DESTINATIONS = [
        {"name": "sed", "type": "webhook", "url": "https://sed.example.ru/", "secret": "s", "role": "archive"},
        {"name": "mail", "type": "email", "to": ["kanc@example.ru"], "role": "notify", "timeout": "soon"},
    ]
    messages = [error.msg for error in check_destinations()]
    assert any("record или notify" in message for message in messages)
    assert any("timeout" in message for message in messages)

    settings.FORWARDING_DESTINATIONS = [{"name": "mail", "type": "email", "to": ["k@example.ru"], "role": "notify"}]
    assert any("хотя бы один получатель с ролью record" in error.msg for error in check_destinations())
    with pytest.raises(ImproperlyConfigured):
        destinations.configured()


def test_each_destination_declares_its_timeout_and_the_lease_check_reads_it(settings):
    settings.EMAIL_TIMEOUT = 25
    settings.FORWARDING_WEBHOOK_TIMEOUT_SECONDS = 10
    settings.FORWARDING_DESTINATIONS = [
        {"name": "sed", "type": "webhook", "url": "https://sed.example.ru/", "secret": "s"},
        {"name": "fast", "type": "webhook", "url": "https://sed.example.ru/", "secret": "s", "timeout": 2},
        {"name": "mail", "type": "email", "to": ["kanc@example.ru"], "role": "notify"},
    ]
    timeouts = {destination.name: destination.timeout for destination in destinations.configured()}
    assert timeouts == {"sed": 10, "fast": 2, "mail": 25}
    assert [destination.role for destination in destinations.configured()] == ["record", "record", "notify"]

    settings.FORWARDING_LEASE_SECONDS = 60  # < 3 × 25 s of the mailbox
    assert [warning.id for warning in check_lease()] == ["forwarding.W001"]
    settings.FORWARDING_LEASE_SECONDS = 75
    assert check_lease() == []


def test_a_new_destination_type_brings_its_own_timeout():
    # No list of types in the lease check: a type without a default timeout cannot be defined.
    class Fax(destinations.Destination):
        type = "fax"

        def send(self, envelope):
            raise NotImplementedError

    with pytest.raises(TypeError):
        Fax({"name": "fax", "type": "fax"})
