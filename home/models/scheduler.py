"""Slots of the periodic scheduler (see home/scheduler.py).

One row per job and slot (the time the run was due). The unique constraint is
what makes several schedulers on several hosts enqueue each run once: the one
whose insert wins enqueues the task in the same transaction.
"""

from django.db import models


class ScheduledRun(models.Model):
    job = models.CharField("Задание", max_length=100)
    slot = models.DateTimeField("Запуск по расписанию")
    enqueued_at = models.DateTimeField("Поставлено в очередь")
    task_id = models.CharField("Идентификатор задачи", max_length=64, blank=True)
    host = models.CharField("Планировщик", max_length=128, blank=True)

    class Meta:
        verbose_name = "запуск периодического задания"
        verbose_name_plural = "запуски периодических заданий"
        ordering = ["-slot", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="home_scheduled_run_once_per_slot")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M:%S}"
