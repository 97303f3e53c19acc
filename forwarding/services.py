"""Delivering outbox messages to the configured destinations.

The life of a delivery (one per outbox message and destination)::

    PENDING --claim (lease)--> send --2xx/confirm--> ACCEPTED
       ^                          |--temporary--> PENDING, next_attempt_at = now + back-off
       |                          '--permanent or attempts used up--> FAILED
       '------------- resend (admin button) ---------------------------'

Claiming sets a lease (``locked_until``) in a short transaction; on
PostgreSQL the row is read with ``SELECT ... FOR UPDATE SKIP LOCKED`` and the
lease is set by a conditional UPDATE, so two workers never own the same
delivery at once (on SQLite the single writer serialises the same steps). A
worker killed mid-attempt leaves a lease that expires; the sweep then enqueues
the delivery again and it is sent again with the same idempotency key, which
the receiver uses to discard the repeat. Results are written only by the
holder of the current lease (``lock_token``).

When every configured destination has accepted a message, the message is
marked sent and the appeal gets one public FORWARDED event.

All functions take keyword arguments only; ``now`` is for tests.
"""

import logging
import os
import random
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from appeals_form.models import AppealEvent
from appeals_form.services import record_event
from forwarding import destinations
from forwarding.destinations import DeliveryFailure, Receipt
from forwarding.documents import AppealGone, build_envelope
from forwarding.models import Delivery, DeliveryAttempt, OutboxMessage, delivery_key

logger = logging.getLogger(__name__)

ERROR_MAX_LENGTH = 1000


class NotResendable(Exception):
    """Only a failed delivery can be sent again."""


@dataclass(frozen=True)
class Claim:
    delivery: Delivery
    token: uuid.UUID
    attempt: DeliveryAttempt
    worker: str


@dataclass(frozen=True)
class SweepResult:
    created: int
    enqueued: int


def worker_name() -> str:
    """Who holds a lease: host, process and thread."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"[:128]


def retry_delay(*, attempts: int, jitter: float | None = None) -> timedelta:
    """Back-off after the ``attempts``-th failed attempt: base * factor^(n-1), capped, plus jitter."""
    base = settings.FORWARDING_RETRY_BASE_SECONDS
    cap = settings.FORWARDING_RETRY_MAX_DELAY_SECONDS
    exponent = max(0, attempts - 1)
    # Compare in the exponent's domain first, so that a large attempt count cannot overflow.
    seconds = cap if exponent > 64 else min(cap, base * settings.FORWARDING_RETRY_FACTOR**exponent)
    if jitter is None:
        jitter = random.random() * settings.FORWARDING_RETRY_JITTER_PERCENT / 100  # noqa: S311 (not security)
    return timedelta(seconds=min(cap, seconds * (1 + jitter)))


# --------------------------------------------------------------------------
# Deliveries


def ensure_deliveries(*, message: OutboxMessage, now: datetime | None = None) -> list[Delivery]:
    """One delivery per configured destination for ``message`` (created when missing)."""
    now = now or timezone.now()
    configured = destinations.configured()
    if not configured:
        return []
    if message.state != OutboxMessage.State.SENT:
        Delivery.objects.bulk_create(
            [
                Delivery(
                    message=message,
                    destination=destination.name,
                    destination_type=destination.type,
                    idempotency_key=delivery_key(message_key=message.idempotency_key, destination=destination.name),
                    next_attempt_at=now,
                    created_at=now,
                )
                for destination in configured
            ],
            ignore_conflicts=True,
        )
    names = [destination.name for destination in configured]
    return list(Delivery.objects.filter(message=message, destination__in=names).order_by("id"))


def _due(now: datetime) -> Q:
    free = Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    return Q(state=Delivery.State.PENDING, next_attempt_at__lte=now) & free


def claim(*, delivery_id: int | None = None, now: datetime | None = None, worker: str | None = None) -> Claim | None:
    """Take a due delivery (the given one, or the most overdue) under a lease; None when there is none."""
    now = now or timezone.now()
    worker = (worker or worker_name())[:128]
    with transaction.atomic():
        candidates = Delivery.objects.filter(_due(now)).order_by("next_attempt_at", "id")
        if delivery_id is not None:
            candidates = candidates.filter(pk=delivery_id)
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        delivery = candidates.first()
        if delivery is None:
            return None
        token = uuid.uuid4()
        taken = Delivery.objects.filter(_due(now), pk=delivery.pk).update(
            locked_until=now + timedelta(seconds=settings.FORWARDING_LEASE_SECONDS),
            locked_by=worker,
            lock_token=token,
            attempts=F("attempts") + 1,
            last_attempt_at=now,
        )
        if not taken:
            return None
        # An attempt still open belongs to a worker whose lease expired: it was interrupted.
        DeliveryAttempt.objects.filter(delivery=delivery, finished_at__isnull=True).update(
            outcome=DeliveryAttempt.Outcome.INTERRUPTED, finished_at=now
        )
        delivery.refresh_from_db()
        attempt = DeliveryAttempt.objects.create(
            delivery=delivery, number=delivery.attempts, worker=worker, started_at=now
        )
    return Claim(delivery=delivery, token=token, attempt=attempt, worker=worker)


def attempt_delivery(
    *, delivery_id: int | None = None, now: datetime | None = None, worker: str | None = None
) -> str | None:
    """Claim a due delivery and try it once. Returns its new state, or None when nothing was claimed."""
    taken = claim(delivery_id=delivery_id, now=now, worker=worker)
    if taken is None:
        return None
    return perform(claim=taken, now=now)


def perform(*, claim: Claim, now: datetime | None = None) -> str | None:
    """Send a claimed delivery and record the outcome (None when the lease was lost meanwhile)."""
    delivery = claim.delivery
    try:
        destination = destinations.get(delivery.destination)
        if destination is None:
            raise destinations.PermanentFailure("Получатель удалён из настроек")
        envelope = build_envelope(
            message=delivery.message,
            idempotency_key=str(delivery.idempotency_key),
            schema_version=destination.schema_version,
        )
        receipt = destination.send(envelope)
    except DeliveryFailure as exc:
        return _finish(claim=claim, now=now, error=exc.message, permanent=exc.permanent)
    except AppealGone as exc:
        return _finish(claim=claim, now=now, error=str(exc), permanent=True)
    except ImproperlyConfigured:
        return _finish(claim=claim, now=now, error="Ошибка в настройках получателей", permanent=False)
    except Exception as exc:  # noqa: BLE001 - whatever a destination raises, the attempt is recorded
        # Not logged with its message: it might quote the appeal.
        logger.error("Delivery id=%s: unexpected %s", delivery.pk, type(exc).__name__)
        return _finish(claim=claim, now=now, error=f"Внутренняя ошибка ({type(exc).__name__})", permanent=False)
    return _finish(claim=claim, now=now, receipt=receipt)


def _finish(
    *,
    claim: Claim,
    now: datetime | None,
    receipt: Receipt | None = None,
    error: str = "",
    permanent: bool = False,
) -> str | None:
    now = now or timezone.now()
    error = error[:ERROR_MAX_LENGTH]
    with transaction.atomic():
        # Lock order everywhere: the message, then its delivery.
        message = OutboxMessage.objects.select_for_update().get(pk=claim.delivery.message_id)
        delivery = Delivery.objects.select_for_update().filter(pk=claim.delivery.pk, lock_token=claim.token).first()
        if delivery is None:
            logger.warning("Delivery id=%s: lease lost before the result was recorded", claim.delivery.pk)
            return None
        delivery.locked_until = None
        delivery.locked_by = ""
        delivery.lock_token = None
        message.attempts += 1
        if receipt is not None:
            outcome = DeliveryAttempt.Outcome.ACCEPTED
            delivery.state = Delivery.State.ACCEPTED
            delivery.accepted_at = now
            delivery.last_error = ""
            delivery.remote_number = receipt.remote_number or delivery.remote_number
        elif permanent or delivery.attempts >= settings.FORWARDING_MAX_ATTEMPTS:
            outcome = DeliveryAttempt.Outcome.FAILED
            delivery.state = Delivery.State.FAILED
            delivery.failed_at = now
            delivery.last_error = error
        else:
            outcome = DeliveryAttempt.Outcome.RETRY
            delivery.next_attempt_at = now + retry_delay(attempts=delivery.attempts)
            delivery.last_error = error
        delivery.save()
        DeliveryAttempt.objects.filter(pk=claim.attempt.pk, finished_at__isnull=True).update(
            outcome=outcome, finished_at=now, error=error
        )
        if outcome == DeliveryAttempt.Outcome.ACCEPTED:
            message.save(update_fields=["attempts"])
            _complete_if_done(message=message, now=now)
        else:
            _record_failure(message=message, delivery=delivery, outcome=outcome, error=error, now=now)
    if outcome == DeliveryAttempt.Outcome.RETRY:
        transaction.on_commit(partial(_schedule, delivery.pk, delivery.next_attempt_at), robust=True)
    return delivery.state


def _records(name: str) -> bool:
    """Whether the destination is (still) a record one; a removed destination counts as one."""
    destination = destinations.get(name)
    return destination is None or destination.records


def _record_failure(*, message: OutboxMessage, delivery: Delivery, outcome: str, error: str, now: datetime) -> None:
    failed = outcome == DeliveryAttempt.Outcome.FAILED
    if failed:
        logger.warning(
            "Delivery id=%s to %s failed after %s attempts", delivery.pk, delivery.destination, delivery.attempts
        )
    payload = {"delivery_id": delivery.pk, "destination": delivery.destination, "attempts": delivery.attempts}
    if not _records(delivery.destination):
        # A notification: it does not change whether the appeal was forwarded.
        message.save(update_fields=["attempts"])
        if failed:
            note = f"Уведомление не доставлено (получатель «{delivery.destination}»): {error}"
            record_event(
                appeal=message.appeal, kind=AppealEvent.Kind.NOTE, public=False, note=note, payload=payload, at=now
            )
        return
    label = f"{delivery.destination}: {error}"[:ERROR_MAX_LENGTH]
    fields = ["attempts", "last_error"]
    message.last_error = label
    if message.state != OutboxMessage.State.SENT:
        message.state = OutboxMessage.State.DEAD if failed else OutboxMessage.State.FAILED
        fields.append("state")
    message.save(update_fields=fields)
    if failed:
        record_event(
            appeal=message.appeal,
            kind=AppealEvent.Kind.NOTE,
            public=False,
            note=f"Не удалось передать в СЭД (получатель «{delivery.destination}»): {error}",
            payload=payload,
            at=now,
        )


def _complete_if_done(*, message: OutboxMessage, now: datetime) -> bool:
    """Mark the message sent and record FORWARDED once, when every record destination has accepted it.

    Notify destinations (``role: notify``) are delivered on their own and never hold this back.
    """
    names = {destination.name for destination in destinations.configured() if destination.records}
    accepted = list(message.deliveries.filter(state=Delivery.State.ACCEPTED, destination__in=names))
    if not names or not names <= {delivery.destination for delivery in accepted}:
        return False
    marked = (
        OutboxMessage.objects.filter(pk=message.pk)
        .exclude(state=OutboxMessage.State.SENT)
        .update(state=OutboxMessage.State.SENT, sent_at=now, last_error="")
    )
    if not marked:
        return False
    if message.event == OutboxMessage.EVENT_APPEAL_REGISTERED:
        numbers = [delivery.remote_number for delivery in accepted if delivery.remote_number]
        payload = {"system": settings.FORWARDING_SYSTEM_LABEL, "destinations": sorted(names)}
        if numbers:
            payload["external_number"] = numbers[0]
        record_event(appeal=message.appeal, kind=AppealEvent.Kind.FORWARDED, payload=payload, at=now)
    return True


# --------------------------------------------------------------------------
# Task scheduling


def _schedule(delivery_id: int, when: datetime | None = None) -> bool:
    """Enqueue a delivery task (deferred to ``when`` if the backend can defer), unless one already waits.

    At most one waiting task per delivery: the task's id is kept on the
    delivery, and while that task has not started no other is enqueued. So an
    outage cannot pile up tasks (retries plus the sweep) for the same
    delivery: the queue stays as long as the list of deliveries to make.
    Returns whether a task was enqueued.
    """
    from forwarding.tasks import deliver

    task = deliver
    backend = task.get_backend()
    if when is not None and when > timezone.now():
        if not backend.supports_defer:
            return False  # the sweep picks it up when it is due
        task = task.using(run_after=when)
    if not backend.supports_get_result:
        task.enqueue(delivery_id=delivery_id)  # the backend cannot tell what waits
        return True
    with transaction.atomic():
        # The row lock makes a concurrent sweep and retry see each other's task.
        current = Delivery.objects.select_for_update().filter(pk=delivery_id).values_list("task_id", flat=True)
        task_id = current.first()
        if task_id is None or (task_id and waiting_task_ids([task_id])):
            return False
        result = task.enqueue(delivery_id=delivery_id)
        Delivery.objects.filter(pk=delivery_id).update(task_id=str(result.id)[:64])
    return True


def waiting_task_ids(task_ids: list[str]) -> set[str]:
    """Which of these task ids are enqueued and not started yet (one query with the database backend)."""
    from django_tasks import TaskResultStatus
    from django_tasks.exceptions import TaskResultDoesNotExist

    from forwarding.tasks import deliver

    task_ids = [task_id for task_id in task_ids if task_id]
    if not task_ids:
        return set()
    backend = deliver.get_backend()
    if backend.__class__.__module__.startswith("django_tasks_db."):
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(id__in=task_ids, status=TaskResultStatus.READY)
        return {str(task_id) for task_id in waiting.values_list("id", flat=True)}
    found = set()
    for task_id in task_ids:
        try:
            if backend.get_result(task_id).status == TaskResultStatus.READY:
                found.add(task_id)
        except TaskResultDoesNotExist:
            continue
    return found


def enqueue_deliveries(delivery_ids: list[int]) -> None:
    """Start forwarding a new outbox message (on commit of its transaction): one task per delivery given."""
    for delivery_id in delivery_ids:
        _schedule(delivery_id)


def forward_message(*, message_id: int, now: datetime | None = None) -> list[str | None]:
    """Create the deliveries of a message (when missing) and try each of them once, here and now."""
    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is None or message.state == OutboxMessage.State.SENT:
        return []
    return [
        attempt_delivery(delivery_id=delivery.pk, now=now)
        for delivery in ensure_deliveries(message=message, now=now)
        if delivery.state == Delivery.State.PENDING
    ]


def sweep(*, now: datetime | None = None) -> SweepResult:
    """Catch up on what the normal path missed (periodic task).

    Marks sent the messages every destination has accepted (after a
    destination was removed), creates the deliveries missing for unsent
    messages (a new destination, a lost task), and enqueues deliveries whose
    lease expired (a killed worker) or that are overdue without progress (a
    lost task, a backend that cannot defer), each at most once per
    FORWARDING_REQUEUE_AFTER_SECONDS.
    """
    now = now or timezone.now()
    configured = destinations.configured()
    if not configured:
        return SweepResult(created=0, enqueued=0)
    batch = settings.FORWARDING_SWEEP_BATCH
    grace = now - timedelta(seconds=settings.FORWARDING_REQUEUE_AFTER_SECONDS)
    unsent = OutboxMessage.objects.exclude(state=OutboxMessage.State.SENT)
    names = [destination.name for destination in configured]
    record_names = [destination.name for destination in configured if destination.records]
    # Accepted by every record destination but not marked sent (a destination
    # was removed or became a notify one meanwhile): finish them.
    finished = unsent.filter(pk__in=_complete_sets(names=record_names, accepted=True)).values_list("pk", flat=True)
    for message_id in finished[:batch]:
        with transaction.atomic():
            _complete_if_done(message=OutboxMessage.objects.select_for_update().get(pk=message_id), now=now)
    # A message younger than the grace period may still be committing its deliveries.
    missing = unsent.exclude(pk__in=_complete_sets(names=names)).filter(created_at__lte=grace).order_by("id")[:batch]
    created_ids: set[int] = set()
    for message in missing:
        before = set(message.deliveries.values_list("pk", flat=True))
        created_ids |= {delivery.pk for delivery in ensure_deliveries(message=message, now=now)} - before
    expired_lease = Q(locked_until__lte=now) & (Q(requeued_at__isnull=True) | Q(requeued_at__lt=F("locked_until")))
    overdue = (
        (Q(locked_until__isnull=True) | Q(locked_until__lte=now))
        & Q(next_attempt_at__lte=grace)
        & (Q(requeued_at__isnull=True) | Q(requeued_at__lte=grace))
    )
    stale = (
        Delivery.objects.filter(state=Delivery.State.PENDING, next_attempt_at__lte=now)
        .filter(expired_lease | overdue)
        .exclude(pk__in=created_ids)
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)
    )
    ids = sorted(created_ids) + list(stale[: max(0, batch - len(created_ids))])
    created = len(created_ids)
    # A delivery whose task still waits (workers behind, not lost) keeps that task.
    task_ids = dict(Delivery.objects.filter(pk__in=ids).exclude(task_id="").values_list("pk", "task_id"))
    waiting = waiting_task_ids(list(task_ids.values()))
    ids = [delivery_id for delivery_id in ids if task_ids.get(delivery_id) not in waiting]
    if ids:
        Delivery.objects.filter(pk__in=ids).update(requeued_at=now)
        for delivery_id in ids:
            transaction.on_commit(partial(_schedule, delivery_id), robust=True)
    if created or ids:
        logger.info("Forwarding sweep: %s deliveries created, %s enqueued", created, len(ids))
    return SweepResult(created=created, enqueued=len(ids))


def _complete_sets(*, names: list[str], accepted: bool = False):
    """Ids of messages with a delivery (an accepted one, if asked) for every destination in ``names``."""
    deliveries = Delivery.objects.filter(destination__in=names)
    if accepted:
        deliveries = deliveries.filter(state=Delivery.State.ACCEPTED)
    return deliveries.values("message_id").annotate(n=Count("id")).filter(n=len(names)).values("message_id")


# --------------------------------------------------------------------------
# The admin's "send again"


def resend(*, delivery_id: int, actor, now: datetime | None = None) -> Delivery:
    """Put a failed delivery back in the queue with a fresh set of attempts; recorded in the history."""
    now = now or timezone.now()
    with transaction.atomic():
        message_id = Delivery.objects.filter(pk=delivery_id).values_list("message_id", flat=True).first()
        if message_id is None:
            raise Delivery.DoesNotExist
        message = OutboxMessage.objects.select_for_update().get(pk=message_id)
        delivery = Delivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.state != Delivery.State.FAILED:
            raise NotResendable("Повторно отправить можно только недоставленное сообщение.")
        previous_error = delivery.last_error
        delivery.state = Delivery.State.PENDING
        delivery.attempts = 0
        delivery.next_attempt_at = now
        delivery.failed_at = None
        delivery.locked_until = None
        delivery.locked_by = ""
        delivery.lock_token = None
        delivery.requeued_at = now
        delivery.save()
        if message.state != OutboxMessage.State.SENT:
            message.state = OutboxMessage.State.PENDING
            message.save(update_fields=["state"])
        record_event(
            appeal=message.appeal,
            kind=AppealEvent.Kind.NOTE,
            actor=actor,
            public=False,
            note=f"Повторная отправка в СЭД (получатель «{delivery.destination}»)",
            payload={"delivery_id": delivery.pk, "destination": delivery.destination, "previous_error": previous_error},
            at=now,
        )
        transaction.on_commit(partial(_schedule, delivery.pk), robust=True)
    logger.info("Delivery id=%s re-sent by user id=%s", delivery.pk, getattr(actor, "pk", None))
    return delivery
