"""Register statistics frozen when a report is published."""

from django.db import models


class RegisterSnapshot(models.Model):
    """The counts of one register statistics block of a report, as they were when the report was published.

    Keyed by the page and the block's id; replaced each time the page is
    published (see ``reports.snapshots``). Holds counts only, no personal data.
    """

    page = models.ForeignKey(
        "reports.ReportPage", verbose_name="Отчёт", on_delete=models.CASCADE, related_name="register_snapshots"
    )
    block_id = models.CharField("Блок", max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="Опубликованная версия",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    period_start = models.DateField("Начало периода")
    period_end = models.DateField("Конец периода")
    data = models.JSONField("Числа")
    computed_at = models.DateTimeField("Вычислено")

    class Meta:
        verbose_name = "Зафиксированная статистика реестра"
        verbose_name_plural = "Зафиксированная статистика реестра"
        constraints = [
            models.UniqueConstraint(fields=["page", "block_id"], name="reports_snapshot_page_block"),
        ]

    def __str__(self) -> str:
        return f"{self.page_id}/{self.block_id}"
