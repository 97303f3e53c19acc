"""Forwarding to an HTTP webhook: retries with back-off, permanent failures, signature, history."""

import hashlib
import hmac
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from appeals_form.models import AppealEvent
from appeals_form.selectors import public_history
from forwarding import services
from forwarding.models import Delivery, DeliveryAttempt, OutboxMessage
from tests.forwarding.conftest import WEBHOOK_SECRET, delivery_of, registration_message

pytestmark = pytest.mark.django_db


def start(appeal, now):
    """What the task worker does for a new outbox message."""
    return services.forward_message(message_id=registration_message(appeal).pk, now=now)


def test_fail_fail_succeed_gives_one_accepted_delivery_and_one_forwarded_event(webhook, register):
    webhook.script = [503, 503, 200]
    appeal = register()
    t0 = timezone.now()

    assert start(appeal, t0) == [Delivery.State.PENDING]
    delivery = delivery_of(appeal)
    assert delivery.attempts == 1
    assert delivery.next_attempt_at == t0 + timedelta(seconds=10)
    assert delivery.last_error == "HTTP 503"
    assert registration_message(appeal).state == OutboxMessage.State.FAILED

    # Not due yet: nobody may take it before its back-off has passed.
    assert services.attempt_delivery(delivery_id=delivery.pk, now=t0 + timedelta(seconds=9)) is None

    t1 = t0 + timedelta(seconds=10)
    assert services.attempt_delivery(delivery_id=delivery.pk, now=t1) == Delivery.State.PENDING
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == t1 + timedelta(seconds=20)  # base * factor

    t2 = t1 + timedelta(seconds=20)
    assert services.attempt_delivery(delivery_id=delivery.pk, now=t2) == Delivery.State.ACCEPTED
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.ACCEPTED
    assert delivery.attempts == 3
    assert delivery.accepted_at == t2
    assert delivery.locked_until is None
    assert list(delivery.log.values_list("number", "outcome")) == [
        (1, DeliveryAttempt.Outcome.RETRY),
        (2, DeliveryAttempt.Outcome.RETRY),
        (3, DeliveryAttempt.Outcome.ACCEPTED),
    ]

    # The receiver saw three requests with one key and accepted one delivery.
    assert len(webhook.requests) == 3
    assert {r.key for r in webhook.requests} == {str(delivery.idempotency_key)}
    assert webhook.unique_accepted == 1

    message = registration_message(appeal)
    assert message.state == OutboxMessage.State.SENT
    assert message.sent_at == t2
    assert message.attempts == 3
    forwarded = appeal.events.filter(kind=AppealEvent.Kind.FORWARDED)
    assert forwarded.count() == 1
    assert forwarded.get().public
    assert [entry.kind for entry in public_history(appeal)] == [AppealEvent.Kind.REGISTERED, AppealEvent.Kind.FORWARDED]

    # Nothing more happens to an accepted delivery.
    assert services.attempt_delivery(delivery_id=delivery.pk, now=t2 + timedelta(hours=1)) is None
    assert len(webhook.requests) == 3


def test_back_off_grows_exponentially_up_to_the_cap(retry_settings):
    retry_settings.FORWARDING_RETRY_MAX_DELAY_SECONDS = 50
    delays = [services.retry_delay(attempts=n).total_seconds() for n in range(1, 7)]
    assert delays == [10, 20, 40, 50, 50, 50]
    # Jitter only ever stretches a delay, within its percentage, and never past the cap.
    retry_settings.FORWARDING_RETRY_JITTER_PERCENT = 20
    assert services.retry_delay(attempts=1, jitter=0.2).total_seconds() == 12
    assert services.retry_delay(attempts=6, jitter=0.2).total_seconds() == 50
    assert services.retry_delay(attempts=10_000).total_seconds() == 50


def test_attempts_used_up_mark_the_delivery_failed(webhook, register):
    webhook.default = 503
    appeal = register()
    now = timezone.now()
    start(appeal, now)
    delivery = delivery_of(appeal)
    for _ in range(5):
        now += timedelta(hours=1)
        services.attempt_delivery(delivery_id=delivery.pk, now=now)
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.FAILED
    assert delivery.attempts == 3  # FORWARDING_MAX_ATTEMPTS
    assert len(webhook.requests) == 3
    assert registration_message(appeal).state == OutboxMessage.State.DEAD
    assert not appeal.events.filter(kind=AppealEvent.Kind.FORWARDED).exists()


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 410, 422, 301])
def test_a_refusal_fails_at_once_and_is_noted_for_officers_only(webhook, register, status):
    webhook.default = status
    appeal = register()
    start(appeal, timezone.now())
    delivery = delivery_of(appeal)
    assert delivery.state == Delivery.State.FAILED
    assert delivery.attempts == 1
    assert str(status) in delivery.last_error
    note = appeal.events.get(kind=AppealEvent.Kind.NOTE)
    assert not note.public
    assert "sed" in note.note
    assert [entry.kind for entry in public_history(appeal)] == [AppealEvent.Kind.REGISTERED]


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_busy_or_broken_receivers_are_retried(webhook, register, status):
    webhook.default = status
    appeal = register()
    start(appeal, timezone.now())
    delivery = delivery_of(appeal)
    assert delivery.state == Delivery.State.PENDING
    assert delivery.last_error == f"HTTP {status}"


def test_a_timeout_is_retried(webhook, register, settings):
    settings.FORWARDING_WEBHOOK_TIMEOUT_SECONDS = 0.3
    webhook.script = [("sleep", 1.0)]
    appeal = register()
    start(appeal, timezone.now())
    delivery = delivery_of(appeal)
    assert delivery.state == Delivery.State.PENDING
    assert delivery.attempts == 1
    assert "Нет ответа" in delivery.last_error
    assert delivery.log.get().outcome == DeliveryAttempt.Outcome.RETRY


def test_a_receiver_that_is_down_is_retried(settings, retry_settings, register):
    settings.FORWARDING_DESTINATIONS = [
        {"name": "sed", "type": "webhook", "url": "http://127.0.0.1:9/", "secret": WEBHOOK_SECRET}
    ]
    appeal = register()
    start(appeal, timezone.now())
    delivery = delivery_of(appeal)
    assert delivery.state == Delivery.State.PENDING
    assert "соединения" in delivery.last_error


def test_the_body_is_signed_and_carries_a_stable_key(webhook, register):
    webhook.script = [503, 200]
    appeal = register()
    now = timezone.now()
    start(appeal, now)
    services.attempt_delivery(delivery_id=delivery_of(appeal).pk, now=now + timedelta(minutes=5))

    message = registration_message(appeal)
    expected_key = str(uuid.uuid5(message.idempotency_key, "sed"))
    first, second = webhook.requests
    for request in (first, second):
        expected = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), request.body, hashlib.sha256).hexdigest()
        assert request.headers["X-Signature"] == expected
        assert request.headers["Idempotency-Key"] == expected_key
        assert request.headers["Content-Type"].startswith("application/json")
        assert request.json()["idempotency_key"] == expected_key
    assert first.body == second.body  # a retry is the same message
    # A tampered body would not verify.
    tampered = first.body.replace(appeal.number.encode(), b"OG-0000-000000")
    assert first.headers["X-Signature"] != "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), tampered, "sha256").hexdigest()


def test_the_remote_number_in_the_answer_is_shown_to_the_applicant(webhook, register, settings):
    settings.FORWARDING_SYSTEM_LABEL = "СЭД «Дело»"
    webhook.answer_json = {"registration_number": "01-12/345"}
    appeal = register()
    start(appeal, timezone.now())
    assert delivery_of(appeal).remote_number == "01-12/345"
    forwarded = [entry for entry in public_history(appeal) if entry.kind == AppealEvent.Kind.FORWARDED]
    assert forwarded[0].details == "СЭД «Дело», № 01-12/345"


def test_every_destination_must_accept_before_the_appeal_counts_as_forwarded(
    settings, retry_settings, receiver, register
):
    from tests.forwarding.receiver import Receiver

    second = Receiver(default=503).start()
    try:
        settings.FORWARDING_DESTINATIONS = [
            {"name": "sed", "type": "webhook", "url": receiver.url, "secret": WEBHOOK_SECRET},
            {"name": "archive", "type": "webhook", "url": second.url, "secret": "another-secret"},
        ]
        appeal = register()
        now = timezone.now()
        assert sorted(start(appeal, now)) == [Delivery.State.ACCEPTED, Delivery.State.PENDING]
        assert registration_message(appeal).state == OutboxMessage.State.FAILED
        assert not appeal.events.filter(kind=AppealEvent.Kind.FORWARDED).exists()

        second.default = 200
        archive = delivery_of(appeal, "archive")
        assert services.attempt_delivery(delivery_id=archive.pk, now=now + timedelta(minutes=1)) == "accepted"
        assert registration_message(appeal).state == OutboxMessage.State.SENT
        assert appeal.events.filter(kind=AppealEvent.Kind.FORWARDED).count() == 1
        # Each destination has its own key.
        assert receiver.requests[0].key != second.requests[0].key
    finally:
        second.stop()


def test_a_delivery_whose_destination_was_removed_fails(webhook, register, settings):
    webhook.default = 503
    appeal = register()
    now = timezone.now()
    start(appeal, now)
    settings.FORWARDING_DESTINATIONS = [
        {"name": "other", "type": "webhook", "url": webhook.url, "secret": WEBHOOK_SECRET}
    ]
    services.attempt_delivery(delivery_id=delivery_of(appeal).pk, now=now + timedelta(hours=1))
    delivery = delivery_of(appeal)
    assert delivery.state == Delivery.State.FAILED
    assert "удалён" in delivery.last_error
