"""Leases: a killed worker's delivery is taken again after its lease; concurrent workers never share one."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from appeals_form.models import AppealEvent
from forwarding import services
from forwarding.models import Delivery, DeliveryAttempt, OutboxMessage
from tests.forwarding.conftest import delivery_of, registration_message


def registered_quietly(register, count):
    """Appeals registered while no destination is configured (outside a test transaction
    forwarding would otherwise start at once, on commit)."""
    from django.conf import settings

    configured, settings.FORWARDING_DESTINATIONS = settings.FORWARDING_DESTINATIONS, []
    try:
        return [register(text=f"Обращение номер {n}: во дворе не горят фонари.") for n in range(count)]
    finally:
        settings.FORWARDING_DESTINATIONS = configured


def prepare(appeal, now):
    """The appeal's delivery (written with the registration), due since ``now``."""
    delivery = services.ensure_deliveries(message=registration_message(appeal), now=now)[0]
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=now, created_at=now)
    delivery.refresh_from_db()
    return delivery


@pytest.mark.django_db
def test_a_killed_worker_leaves_a_lease_that_expires_and_the_delivery_is_sent_again(webhook, register):
    appeal = register()
    t0 = timezone.now()
    delivery = prepare(appeal, t0)

    # Worker A claims the delivery, the receiver accepts it ... and A dies before recording that.
    claim_a = services.claim(delivery_id=delivery.pk, now=t0, worker="worker-a")
    assert claim_a is not None
    webhook.script = [200]
    from forwarding.destinations import get
    from forwarding.documents import build_envelope

    get("sed").send(build_envelope(message=registration_message(appeal), idempotency_key=str(delivery.idempotency_key)))
    assert webhook.unique_accepted == 1

    # While the lease runs nobody else may take it.
    assert services.claim(delivery_id=delivery.pk, now=t0 + timedelta(seconds=59), worker="worker-b") is None

    # After the lease (60 s) worker B takes it and sends it again with the same key.
    assert services.attempt_delivery(delivery_id=delivery.pk, now=t0 + timedelta(seconds=61), worker="worker-b") == (
        Delivery.State.ACCEPTED
    )
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert list(delivery.log.values_list("worker", "outcome")) == [
        ("worker-a", DeliveryAttempt.Outcome.INTERRUPTED),
        ("worker-b", DeliveryAttempt.Outcome.ACCEPTED),
    ]
    # The receiver discarded the repeat: one accepted delivery for it, one duplicate.
    assert webhook.unique_accepted == 1
    assert webhook.duplicates == 1
    assert appeal.events.filter(kind=AppealEvent.Kind.FORWARDED).count() == 1

    # If worker A was only slow, not dead, its late result is not recorded over B's.
    assert services.perform(claim=claim_a, now=t0 + timedelta(seconds=62)) is None
    assert appeal.events.filter(kind=AppealEvent.Kind.FORWARDED).count() == 1


@pytest.mark.django_db
def test_the_sweep_enqueues_deliveries_with_expired_leases(webhook, register, django_capture_on_commit_callbacks):
    appeal = register()
    past = timezone.now() - timedelta(minutes=10)
    delivery = prepare(appeal, past)
    assert services.claim(delivery_id=delivery.pk, now=past, worker="killed") is not None

    with django_capture_on_commit_callbacks(execute=True):
        result = services.sweep()
    assert result.enqueued == 1
    # The immediate task backend of the tests ran the delivery task at once.
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.ACCEPTED
    assert delivery.requeued_at is not None

    # A second sweep finds nothing to do.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep().enqueued == 0


@pytest.mark.django_db
def test_the_sweep_creates_deliveries_for_messages_waiting_without_a_destination(
    settings, retry_settings, receiver, register, django_capture_on_commit_callbacks
):
    settings.FORWARDING_DESTINATIONS = []
    appeal = register(run_on_commit=True)
    assert registration_message(appeal).state == OutboxMessage.State.PENDING
    assert not Delivery.objects.exists()

    settings.FORWARDING_DESTINATIONS = [{"name": "sed", "type": "webhook", "url": receiver.url, "secret": "s"}]
    # A message younger than the grace period is left alone (it may still be committing).
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep().created == 0
    OutboxMessage.objects.update(created_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        result = services.sweep()
    assert (result.created, result.enqueued) == (1, 1)
    assert delivery_of(appeal).state == Delivery.State.ACCEPTED
    assert registration_message(appeal).state == OutboxMessage.State.SENT


@pytest.mark.django_db
def test_the_sweep_retries_a_due_delivery_whose_task_was_lost(webhook, register, django_capture_on_commit_callbacks):
    webhook.script = [503]
    appeal = register()
    long_ago = timezone.now() - timedelta(hours=1)
    prepare(appeal, long_ago)
    services.forward_message(message_id=registration_message(appeal).pk, now=long_ago)
    assert delivery_of(appeal).state == Delivery.State.PENDING  # due since 10 s after long_ago
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep().enqueued == 1
    assert delivery_of(appeal).state == Delivery.State.ACCEPTED


@pytest.mark.django_db
def test_the_sweep_does_not_touch_retries_that_are_not_due(webhook, register, django_capture_on_commit_callbacks):
    webhook.script = [503]
    appeal = register()
    services.forward_message(message_id=registration_message(appeal).pk, now=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep().enqueued == 0
    assert len(webhook.requests) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_claiming_at_once_never_take_the_same_delivery(webhook, register):
    if connection.vendor != "postgresql":
        pytest.skip("row locking with SKIP LOCKED needs PostgreSQL; SQLite has a single writer")
    appeals = registered_quietly(register, 30)
    now = timezone.now()
    for appeal in appeals:
        prepare(appeal, now)
    barrier = threading.Barrier(2)
    taken: dict[str, list[int]] = {"a": [], "b": []}

    def worker(name):
        try:
            barrier.wait()
            while (claim := services.claim(now=now, worker=name)) is not None:
                taken[name].append(claim.delivery.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(name,)) for name in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not set(taken["a"]) & set(taken["b"])
    assert sorted(taken["a"] + taken["b"]) == sorted(Delivery.objects.values_list("pk", flat=True))
    assert taken["a"] and taken["b"], "both workers should have found work"
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_delivering_at_once_send_each_appeal_once(webhook, register):
    if connection.vendor != "postgresql":
        pytest.skip("row locking with SKIP LOCKED needs PostgreSQL; SQLite has a single writer")
    appeals = registered_quietly(register, 20)
    now = timezone.now()
    for appeal in appeals:
        prepare(appeal, now)
    barrier = threading.Barrier(2)

    def worker(name):
        try:
            barrier.wait()
            while services.attempt_delivery(now=now, worker=name) is not None:
                pass
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(webhook.requests) == 20
    assert webhook.unique_accepted == 20
    assert webhook.duplicates == 0
    assert Delivery.objects.filter(state=Delivery.State.ACCEPTED).count() == 20
    assert AppealEvent.objects.filter(kind=AppealEvent.Kind.FORWARDED).count() == 20
    assert set(Delivery.objects.values_list("log__worker", flat=True)) == {"a", "b"}


@pytest.mark.django_db
def test_when_a_destination_is_removed_the_sweep_finishes_messages_the_others_accepted(
    settings, retry_settings, receiver, register, django_capture_on_commit_callbacks
):
    from tests.forwarding.receiver import Receiver

    down = Receiver(default=503).start()
    try:
        sed = {"name": "sed", "type": "webhook", "url": receiver.url, "secret": "s"}
        settings.FORWARDING_DESTINATIONS = [sed, {"name": "old", "type": "webhook", "url": down.url, "secret": "s"}]
        appeal = register()
        services.forward_message(message_id=registration_message(appeal).pk, now=timezone.now())
        assert registration_message(appeal).state == OutboxMessage.State.FAILED

        settings.FORWARDING_DESTINATIONS = [sed]
        with django_capture_on_commit_callbacks(execute=True):
            services.sweep()
        assert registration_message(appeal).state == OutboxMessage.State.SENT
        assert appeal.events.filter(kind=AppealEvent.Kind.FORWARDED).count() == 1
    finally:
        down.stop()
