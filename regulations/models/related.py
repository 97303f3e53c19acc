"""An act's children: its amendments and its links to related acts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from regulations import naming

from .choices import Kind


class RegulationAmendment(Orderable):
    """An act that amended this one, e.g. 547-ФЗ of 28.12.2024 amending 59-ФЗ."""

    page = ParentalKey("regulations.RegulationPage", on_delete=models.CASCADE, related_name="amendments")
    kind = models.CharField(
        "Вид изменяющего документа",
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text="Если пусто — того же вида и того же органа, что и изменяемый документ.",
    )
    number = models.CharField("Номер", max_length=64, help_text="Без знака №, например: 547-ФЗ.")
    date = models.DateField("Дата")
    title = models.CharField(
        "Наименование",
        max_length=500,
        help_text="Без внешних кавычек: О внесении изменений в Федеральный закон «О порядке рассмотрения …».",
    )
    summary = models.TextField("Что изменилось", blank=True, help_text="Коротко, простыми словами.")
    in_force_from = models.DateField("Изменения вступили в силу", null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("date")]),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("in_force_from"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Изменение"
        verbose_name_plural = "Изменения"

    def __str__(self) -> str:
        return f"{self.number} от {self.date:%d.%m.%Y}" if self.date else self.number

    def clean(self) -> None:
        super().clean()
        self.number = naming.clean_number(self.number)
        self.title = naming.clean_title(self.title)
        if self.in_force_from and self.date and self.in_force_from < self.date:
            raise ValidationError({"in_force_from": "Изменения не могут вступить в силу раньше даты документа."})

    def full_name_for(self, act) -> str:
        """The amending act's official name; an amendment of the act's own kind shares its issuer."""
        kind = self.kind or act.kind
        issuer = act.issuer_in_name if kind == act.kind else ""
        return naming.full_name(kind=kind, issuer=issuer, day=self.date, number=self.number, title=self.title)


class RegulationRelatedAct(Orderable):
    """A link from an act to a related one; the related act shows the link back."""

    page = ParentalKey("regulations.RegulationPage", on_delete=models.CASCADE, related_name="related_links")
    act = models.ForeignKey(
        "regulations.RegulationPage",
        verbose_name="Документ",
        on_delete=models.CASCADE,
        related_name="related_backlinks",
    )

    panels = [FieldPanel("act")]

    class Meta(Orderable.Meta):
        verbose_name = "Связанный документ"
        verbose_name_plural = "Связанные документы"

    def clean(self) -> None:
        super().clean()
        if self.act_id and self.page_id and self.act_id == self.page_id:
            raise ValidationError({"act": "Документ не может быть связан сам с собой."})
