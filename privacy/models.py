"""The export log: one row per export of personal data."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class PersonalDataExport(models.Model):
    """Who exported which personal data, when, in what format, with which filter, how many rows.

    Holds no personal data of residents itself beyond the filter the staff
    member typed (a search may be a surname): the log is personal data too and
    is seen only by the department (view permission) and superusers.
    """

    class Dataset(models.TextChoices):
        APPEALS = "appeals", "Обращения граждан"
        SIGNUPS = "signups", "Записи на приём"

    dataset = models.CharField("Что выгружено", max_length=32, choices=Dataset.choices)
    created_at = models.DateTimeField("Когда", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Сотрудник",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept when the account is deleted: the log must still say who it was.
    actor_username = models.CharField("Учётная запись", max_length=150)
    export_format = models.CharField("Формат", max_length=16)
    query = models.JSONField("Фильтр и поиск", default=dict, blank=True)
    rows = models.PositiveIntegerField("Строк")

    class Meta:
        # Wagtail puts these into its own sentences («Нет … для отображения», «3 …»): common nouns,
        # not the log's title (ExportLogViewSet.LOG_TITLE).
        verbose_name = "выгрузка персональных данных"
        verbose_name_plural = "выгрузки персональных данных"
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.get_dataset_display()}, {self.export_format}, {self.rows} стр. ({self.actor_username})"

    @property
    def created_display(self) -> str:
        """The exact local date and time, as an audit log needs (not «только что»)."""
        return timezone.localtime(self.created_at).strftime("%d.%m.%Y %H:%M")

    @property
    def query_display(self) -> str:
        return "; ".join(f"{key}={', '.join(values)}" for key, values in sorted(self.query.items())) or "без фильтра"
