"""What happened to an appeal (its history). What must still be sent out is forwarding's outbox."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .appeal import Appeal


class AppealEvent(models.Model):
    """One step in an appeal's life. Public events appear on the status page."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", "Обращение зарегистрировано"
        FORWARDED = "forwarded", "Передано в систему электронного документооборота"
        ASSIGNED = "assigned", "Назначен исполнитель"
        IN_WORK = "in_work", "Обращение принято к рассмотрению"
        REDIRECTED = "redirected", "Направлено по компетенции"
        EXTENDED = "extended", "Срок рассмотрения продлён"
        ANSWERED = "answered", "Дан ответ"
        LEFT_WITHOUT_ANSWER = "left_without_answer", "Оставлено без ответа"
        PUBLISHED_ANSWER = "published_answer", "Сообщён адрес ответа, опубликованного на официальном сайте"
        COMPLAINT_AGAINST = "complaint_against", "Указано, на чьё решение или действие жалоба"
        NOTIFIED = "notified", "Заявителю направлено уведомление"
        NOTE = "note", "Служебная отметка"
        EXPORTED = "exported", "Выгрузка персональных данных"
        CLOSED = "closed", "Рассмотрение обращения завершено"
        DOWNLOADED = "downloaded", "Файл скачан сотрудником"
        ANONYMISED = "anonymised", "Персональные данные обезличены"

    # Whether a kind is shown to the applicant unless told otherwise.
    PUBLIC_KINDS = frozenset(
        {
            Kind.REGISTERED,
            Kind.FORWARDED,
            Kind.IN_WORK,
            Kind.REDIRECTED,
            Kind.EXTENDED,
            Kind.ANSWERED,
            Kind.LEFT_WITHOUT_ANSWER,
            Kind.PUBLISHED_ANSWER,
            Kind.CLOSED,
        }
    )

    appeal = models.ForeignKey(Appeal, verbose_name="Обращение", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("Событие", max_length=32, choices=Kind.choices)
    created_at = models.DateTimeField("Дата и время", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Сотрудник",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    public = models.BooleanField("Показывать заявителю", default=False)
    note = models.TextField("Примечание", blank=True)
    payload = models.JSONField(
        "Данные события",
        default=dict,
        blank=True,
        help_text="Например новый срок (due_date), орган при переадресации (body), основание (reason).",
    )

    class Meta:
        verbose_name = "Событие по обращению"
        verbose_name_plural = "История обращения"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.appeal_id}: {self.get_kind_display()}"
