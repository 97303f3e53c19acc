"""The task queue stays proportional to the deliveries: at most one waiting task per delivery.

Under an outage the retries and the sweep both want to enqueue a delivery;
before, every sweep added a task for every overdue delivery (8,673 waiting
`deliver` tasks for 1,000 appeals after the fault run). Here the real database
task backend is used, so that waiting tasks can be counted.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from forwarding import services
from forwarding.models import Delivery

DELIVER = "forwarding.tasks.deliver"


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def waiting(delivery_id: int | None = None) -> int:
    from django_tasks_db.models import DBTaskResult

    tasks = DBTaskResult.objects.filter(task_path=DELIVER, status="READY")
    if delivery_id is not None:
        tasks = tasks.filter(args_kwargs__kwargs__delivery_id=delivery_id)
    return tasks.count()


def start_all() -> None:
    """What a worker does when it picks the waiting tasks up (without running them here)."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status="READY").update(status="RUNNING", started_at=timezone.now())


@pytest.fixture
def overdue(webhook, register, db_tasks, django_capture_on_commit_callbacks):
    """Three deliveries, long overdue (their tasks lost or the workers far behind)."""
    with django_capture_on_commit_callbacks(execute=False):
        appeals = [register() for _ in range(3)]
    deliveries = []
    for appeal in appeals:
        message = appeal.outbox_messages.get()
        deliveries.extend(services.ensure_deliveries(message=message))
    Delivery.objects.update(next_attempt_at=timezone.now() - timedelta(hours=1))
    return deliveries


@pytest.mark.django_db
def test_repeated_sweeps_enqueue_one_task_per_delivery(overdue, settings, django_capture_on_commit_callbacks):
    later = timezone.now()
    for round_ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            services.sweep(now=later + timedelta(seconds=round_ * (settings.FORWARDING_REQUEUE_AFTER_SECONDS + 1)))
    assert waiting() == len(overdue) == 3
    for delivery in overdue:
        assert waiting(delivery.pk) == 1


@pytest.mark.django_db
def test_a_retry_and_the_sweep_together_leave_one_waiting_task(overdue, django_capture_on_commit_callbacks):
    delivery = overdue[0]
    assert services._schedule(delivery.pk, timezone.now() + timedelta(seconds=30)) is True
    assert services._schedule(delivery.pk) is False
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep()
    assert waiting(delivery.pk) == 1


@pytest.mark.django_db
def test_once_its_task_has_started_a_delivery_can_be_enqueued_again(overdue):
    # A started task may belong to a worker that was killed: the lease decides then.
    delivery = overdue[0]
    assert services._schedule(delivery.pk) is True
    start_all()
    assert waiting(delivery.pk) == 0
    assert services._schedule(delivery.pk) is True
    assert waiting(delivery.pk) == 1
