"""Published register statistics of settled periods, frozen for good."""

from django.db import models


class StatisticsSnapshot(models.Model):
    """The published figures (after disclosure control) of one period of «Статистика обращений».

    Written once, when the period has been closed long enough for its answers
    to be in (``reports.public_statistics.FREEZE_AFTER_DAYS``); never updated.
    Holds counts only, already protected, no personal data.
    """

    period_start = models.DateField("Начало периода")
    period_end = models.DateField("Конец периода")
    data = models.JSONField("Опубликованные числа")
    frozen_at = models.DateTimeField("Зафиксировано")

    class Meta:
        verbose_name = "Зафиксированная статистика обращений"
        verbose_name_plural = "Зафиксированная статистика обращений"
        constraints = [
            models.UniqueConstraint(fields=["period_start", "period_end"], name="reports_statistics_period"),
        ]

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}"
