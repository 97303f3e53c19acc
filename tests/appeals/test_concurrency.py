"""Concurrent registrations on PostgreSQL: gapless, distinct numbers; one appeal per idempotency key."""

import threading
import uuid
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.db import connection

from appeals_form.models import Appeal, AppealCounter
from appeals_form.services import register_appeal
from forwarding.models import OutboxMessage

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
THREADS = 50

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises all writers, so there is no real concurrency to test")


def run_in_threads(count, target):
    """Start `count` threads at the same moment; collect results and errors."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def worker(index):
        try:
            barrier.wait(timeout=30)
            results[index] = target(index)
        except Exception as exc:  # noqa: BLE001 - handed to the test's thread, which fails with it
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_fifty_concurrent_registrations_get_fifty_consecutive_numbers(submission_factory, identity_email, request_meta):
    # The year's counter row does not exist yet: its creation races too.
    assert not AppealCounter.objects.exists()
    submission = submission_factory()

    def register(index):
        return register_appeal(
            submission=submission,
            identity=identity_email,
            idempotency_key=str(uuid.uuid4()),
            meta=request_meta,
            now=NOW,
        )

    results, errors = run_in_threads(THREADS, register)

    assert errors == []
    assert all(result.created for result in results)
    sequences = sorted(Appeal.objects.filter(year=2026).values_list("sequence", flat=True))
    assert sequences == list(range(1, THREADS + 1))
    numbers = set(Appeal.objects.values_list("number", flat=True))
    assert len(numbers) == THREADS
    assert "ОГ-2026-000001" in numbers and "ОГ-2026-000050" in numbers
    assert AppealCounter.objects.get(year=2026).last_sequence == THREADS
    assert OutboxMessage.objects.count() == THREADS
    assert len(mail.outbox) == THREADS


def test_a_burst_of_the_same_request_registers_one_appeal(submission_factory, identity_email, request_meta):
    submission = submission_factory()
    key = str(uuid.uuid4())

    def register(index):
        return register_appeal(
            submission=submission, identity=identity_email, idempotency_key=key, meta=request_meta, now=NOW
        )

    results, errors = run_in_threads(10, register)

    assert errors == []
    assert sum(result.created for result in results) == 1
    assert len({result.appeal.pk for result in results}) == 1
    assert Appeal.objects.count() == 1
    assert AppealCounter.objects.get(year=2026).last_sequence == 1
    assert len(mail.outbox) == 1
