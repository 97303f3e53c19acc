"""Routing rules: which department (and executor) an appeal goes to, by its topic or addressee.

Staff of the appeals department keep them as a snippet («Справочники →
Правила распределения»). The assign screen pre-fills the rule's department and
executor and asks for a confirmation when the officer picks otherwise; the
history records the rule and the deviation (appeals_form.workflow.actions).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from .reference import Addressee, Topic


def appeals_officers_q() -> models.Q:
    """Who may be an executor: active staff of the appeals department."""
    from appeals_form.workflow.actions import APPEALS_GROUP

    return models.Q(groups__name=APPEALS_GROUP, is_active=True)


class RoutingRule(models.Model):
    topic = models.ForeignKey(
        Topic,
        verbose_name="Тема обращения",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="routing_rules",
        help_text="Пусто — любая тема.",
    )
    addressee = models.ForeignKey(
        Addressee,
        verbose_name="Адресат обращения",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="routing_rules",
        help_text="Кому адресовал заявитель. Пусто — любой адресат.",
    )
    department = models.ForeignKey(
        Addressee,
        verbose_name="Ответственное подразделение",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="routed_by_rules",
        limit_choices_to={"kind": "body"},
        help_text="Орган или структурное подразделение, которое готовит ответ.",
    )
    executor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Исполнитель",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=appeals_officers_q,
        help_text="Сотрудник отдела, который ведёт такие обращения.",
    )
    note = models.CharField("Примечание", max_length=255, blank=True)
    is_active = models.BooleanField("Действует", default=True)

    panels = [
        MultiFieldPanel([FieldRowPanel([FieldPanel("topic"), FieldPanel("addressee")])], heading="Если"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("department"), FieldPanel("executor")])], heading="То"),
        FieldPanel("note"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = "Правило распределения"
        verbose_name_plural = "Правила распределения"
        ordering = ["topic__title", "addressee__name"]

    def __str__(self) -> str:
        return f"{self.condition_label} → {self.outcome_label}"

    @property
    def condition_label(self) -> str:
        parts = []
        if self.topic_id:
            parts.append(f"тема «{self.topic.title}»")
        if self.addressee_id:
            parts.append(f"адресат «{self.addressee.name}»")
        return " и ".join(parts) or "—"

    @property
    def outcome_label(self) -> str:
        parts = []
        if self.department_id:
            parts.append(self.department.name)
        if self.executor_id:
            parts.append(f"исполнитель {self.executor.get_full_name() or self.executor.get_username()}")
        return "; ".join(parts) or "—"

    @property
    def specificity(self) -> int:
        """Topic and addressee beat a topic alone, which beats an addressee alone."""
        return (2 if self.topic_id else 0) + (1 if self.addressee_id else 0)

    def clean(self):
        errors = {}
        if not self.topic_id and not self.addressee_id:
            errors["topic"] = "Укажите тему, адресата или и то и другое."
        if not self.department_id and not self.executor_id:
            errors["department"] = "Укажите подразделение, исполнителя или и то и другое."
        if self.department_id and self.department.kind != Addressee.Kind.BODY:
            errors["department"] = "Подразделением может быть только орган или структурное подразделение."
        same = RoutingRule.objects.filter(topic_id=self.topic_id, addressee_id=self.addressee_id).exclude(pk=self.pk)
        if not errors and same.exists():
            errors["topic"] = "Правило с такой темой и таким адресатом уже есть: измените его."
        if errors:
            raise ValidationError(errors)
