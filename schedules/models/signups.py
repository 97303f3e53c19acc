"""Online sign-ups to personal receptions: personal data, never public, never indexed.

A ``ReceptionSession`` is one computed reception (official, date, time), made
on the first sign-up; its row is locked (``select_for_update``) while a sign-up
is added, so that concurrent requests never overbook it. A partial unique
constraint keeps one active sign-up per time slot as a second guard.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone

from home.textformat import time_range

from .reference import Official, Place


class ReceptionSession(models.Model):
    class Mode(models.TextChoices):
        SLOTS = "slots", "по времени"
        PLACES = "places", "по количеству мест"

    official = models.ForeignKey(Official, verbose_name="Должностное лицо", on_delete=models.PROTECT, related_name="+")
    date = models.DateField("Дата")
    time_from = models.TimeField("Начало")
    time_to = models.TimeField("Окончание")
    place = models.ForeignKey(Place, verbose_name="Место", null=True, on_delete=models.SET_NULL, related_name="+")
    mode = models.CharField("Запись", max_length=10, choices=Mode.choices)
    slot_minutes = models.PositiveSmallIntegerField("Интервал, минут", default=15)
    capacity = models.PositiveSmallIntegerField("Мест", default=1)
    created_at = models.DateTimeField("Создано", auto_now_add=True)

    class Meta:
        verbose_name = "Приём (сеанс записи)"
        verbose_name_plural = "Приёмы (сеансы записи)"
        ordering = ["date", "time_from"]
        constraints = [
            models.UniqueConstraint(fields=["official", "date", "time_from"], name="schedules_one_session_per_time")
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {time_range(self.time_from, self.time_to)}, {self.official.full_name}"

    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.date, self.time_from))

    def slot_starts(self) -> list:
        if self.mode != self.Mode.SLOTS:
            return []
        step = timedelta(minutes=max(1, self.slot_minutes))
        start = datetime.combine(self.date, self.time_from)
        end = datetime.combine(self.date, self.time_to)
        slots = []
        while start + step <= end:
            slots.append(start.time())
            start += step
        return slots

    @property
    def total_places(self) -> int:
        return len(self.slot_starts()) if self.mode == self.Mode.SLOTS else self.capacity


class SignUpQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=SignUp.Status.ACTIVE)


class SignUp(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "записан"
        CANCELLED = "cancelled", "отменена"

    class CancelledBy(models.TextChoices):
        RESIDENT = "resident", "заявителем"
        STAFF = "staff", "отделом"

    session = models.ForeignKey(
        ReceptionSession, verbose_name="Приём", on_delete=models.CASCADE, related_name="signups"
    )
    slot_start = models.TimeField("Время", null=True, blank=True)
    surname = models.CharField("Фамилия", max_length=100)
    first_name = models.CharField("Имя", max_length=100)
    patronymic = models.CharField("Отчество", max_length=100, blank=True)
    phone = models.CharField("Телефон", max_length=32)
    email = models.CharField("Электронная почта", max_length=254)
    question = models.TextField("Вопрос")
    consent_version = models.CharField("Редакция согласия", max_length=64)
    consent_text = models.TextField("Текст согласия")
    consent_given_at = models.DateTimeField("Согласие дано")
    status = models.CharField("Состояние", max_length=10, choices=Status.choices, default=Status.ACTIVE)
    cancel_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("Записан", default=timezone.now)
    cancelled_at = models.DateTimeField("Отменена", null=True, blank=True)
    cancelled_by = models.CharField("Кем отменена", max_length=10, choices=CancelledBy.choices, blank=True)
    cancel_reason = models.CharField("Причина отмены", max_length=255, blank=True)
    staff_note = models.TextField("Служебная отметка", blank=True)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        verbose_name = "Запись на приём"
        verbose_name_plural = "Записи на приём"
        ordering = ["session__date", "slot_start", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "slot_start"],
                condition=Q(status="active", slot_start__isnull=False),
                name="schedules_one_signup_per_slot",
            ),
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=Q(status="active"),
                name="schedules_one_signup_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name}, {self.session}"

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.first_name, self.patronymic) if part)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def time_range(self) -> tuple:
        """(start, end) of this resident's reception time."""
        session = self.session
        if self.slot_start is None:
            return session.time_from, session.time_to
        end = (datetime.combine(session.date, self.slot_start) + timedelta(minutes=session.slot_minutes)).time()
        return self.slot_start, end
