"""The outbox, deliveries of its messages to the back office, their attempts, and status reports back.

One ``Delivery`` per outbox message and destination. It carries its own
idempotency key (derived from the outbox message's key and the destination's
name, so it is the same on every retry); receivers discard repeats by it.
No personal data is stored here: the message body is built from the appeal at
each attempt.
"""

import uuid

from django.db import models
from django.utils import timezone

from appeals_form.models import Appeal


class OutboxMessage(models.Model):
    """A message to another system, written in the same transaction as the change.

    Written by the ``appeal_registered`` receiver (forwarding/signals.py)
    inside the registration transaction; the workers then deliver it to every
    configured destination (at least once; receivers deduplicate by the
    deliveries' idempotency keys). It holds no copy of the appeal: the
    document is built from the appeal at each attempt.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Ожидает отправки"
        SENT = "sent", "Отправлено"
        FAILED = "failed", "Ошибка, будет повторено"
        DEAD = "dead", "Не доставлено"

    EVENT_APPEAL_REGISTERED = "appeal.registered"
    # What staff read for each event (the identifier goes to the document system).
    EVENT_LABELS = {EVENT_APPEAL_REGISTERED: "Регистрация обращения"}

    appeal = models.ForeignKey(
        Appeal, verbose_name="Обращение", on_delete=models.CASCADE, related_name="outbox_messages"
    )
    event = models.CharField("Событие", max_length=64)
    idempotency_key = models.UUIDField("Ключ идемпотентности", default=uuid.uuid4, unique=True, editable=False)
    state = models.CharField("Состояние", max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField("Попыток", default=0)
    last_error = models.TextField("Последняя ошибка", blank=True)
    created_at = models.DateTimeField("Создано", default=timezone.now)
    sent_at = models.DateTimeField("Отправлено", null=True, blank=True)

    class Meta:
        verbose_name = "Исходящее сообщение"
        verbose_name_plural = "Исходящие сообщения"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["state", "created_at"], name="forwarding_outbox_state_idx")]

    def __str__(self) -> str:
        return f"{self.event} #{self.pk}"

    @property
    def event_label(self) -> str:
        return self.EVENT_LABELS.get(self.event, self.event)


def delivery_key(*, message_key: uuid.UUID | str, destination: str) -> uuid.UUID:
    """The idempotency key of a delivery: stable for the message and the destination."""
    return uuid.uuid5(uuid.UUID(str(message_key)), destination)


class Delivery(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Ожидает отправки"
        ACCEPTED = "accepted", "Принято получателем"
        FAILED = "failed", "Не доставлено"

    message = models.ForeignKey(
        OutboxMessage, verbose_name="Исходящее сообщение", on_delete=models.CASCADE, related_name="deliveries"
    )
    destination = models.CharField("Получатель", max_length=64)
    destination_type = models.CharField("Способ передачи", max_length=16)
    idempotency_key = models.UUIDField("Ключ идемпотентности", unique=True, editable=False)
    state = models.CharField("Состояние", max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField("Попыток", default=0)
    next_attempt_at = models.DateTimeField("Следующая попытка", default=timezone.now)
    # The lease: the worker that claimed the delivery owns it until then.
    locked_until = models.DateTimeField("Занято до", null=True, blank=True)
    locked_by = models.CharField("Обработчик", max_length=128, blank=True)
    lock_token = models.UUIDField(null=True, blank=True, editable=False)
    # When the sweep last enqueued a task for it (so that it does not flood the queue).
    requeued_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The last task enqueued for it: while that task waits, no other is enqueued
    # (at most one waiting task per delivery; forwarding.services._schedule).
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    last_error = models.TextField("Последняя ошибка", blank=True)
    last_attempt_at = models.DateTimeField("Последняя попытка", null=True, blank=True)
    accepted_at = models.DateTimeField("Принято", null=True, blank=True)
    failed_at = models.DateTimeField("Отмечено как недоставленное", null=True, blank=True)
    # What the document system reports: its own number and status.
    remote_number = models.CharField("Номер в СЭД", max_length=64, blank=True)
    remote_status = models.CharField("Статус в СЭД", max_length=32, blank=True)
    remote_updated_at = models.DateTimeField("Статус из СЭД получен", null=True, blank=True)
    created_at = models.DateTimeField("Создано", default=timezone.now)

    class Meta:
        verbose_name = "Передача в СЭД"
        verbose_name_plural = "Передачи в СЭД"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["message", "destination"], name="forwarding_one_delivery_per_destination")
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="forwarding_due_idx")]
        permissions = [("resend_delivery", "Может повторно отправлять обращения в СЭД")]

    def __str__(self) -> str:
        return f"{self.message_id} → {self.destination}"


class DeliveryAttempt(models.Model):
    """One try to hand a delivery over; written when the worker claims it."""

    class Outcome(models.TextChoices):
        IN_PROGRESS = "", "Выполняется"
        ACCEPTED = "accepted", "Принято"
        RETRY = "retry", "Ошибка, будет повторено"
        FAILED = "failed", "Ошибка, без повтора"
        INTERRUPTED = "interrupted", "Прервано (обработчик остановлен)"

    delivery = models.ForeignKey(Delivery, verbose_name="Передача", on_delete=models.CASCADE, related_name="log")
    number = models.PositiveIntegerField("Номер попытки")
    worker = models.CharField("Обработчик", max_length=128, blank=True)
    started_at = models.DateTimeField("Начало")
    finished_at = models.DateTimeField("Окончание", null=True, blank=True)
    outcome = models.CharField("Итог", max_length=16, choices=Outcome.choices, blank=True, default="")
    error = models.TextField("Ошибка", blank=True)

    class Meta:
        verbose_name = "Попытка передачи"
        verbose_name_plural = "Попытки передачи"
        ordering = ["delivery", "number", "id"]

    def __str__(self) -> str:
        return f"{self.delivery_id} #{self.number}"


class StatusReport(models.Model):
    """A status reported back by the document system (inbound webhook), kept once per event id."""

    class Status(models.TextChoices):
        REGISTERED = "registered", "Зарегистрировано в СЭД"
        ANSWERED = "answered", "Дан ответ"

    event_id = models.CharField("Идентификатор события", max_length=128, unique=True)
    appeal = models.ForeignKey(Appeal, verbose_name="Обращение", on_delete=models.CASCADE, related_name="+")
    delivery = models.ForeignKey(
        Delivery, verbose_name="Передача", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    status = models.CharField("Статус", max_length=16, choices=Status.choices)
    remote_number = models.CharField("Номер в СЭД", max_length=64, blank=True)
    reported_on = models.DateField("Дата в СЭД", null=True, blank=True)
    received_at = models.DateTimeField("Получено", default=timezone.now)

    class Meta:
        verbose_name = "Статус из СЭД"
        verbose_name_plural = "Статусы из СЭД"
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.status}"
