"""Reference data staff maintain as snippets: addressees and plain-language topics."""

import re

from django.core.exceptions import ValidationError
from django.db import models

# Sections of the standard all-Russian thematic classifier of appeals.
CLASSIFIER_SECTIONS = {
    "0001": "Государство, общество, политика",
    "0002": "Социальная сфера",
    "0003": "Экономика",
    "0004": "Оборона, безопасность, законность",
    "0005": "Жилищно-коммунальная сфера",
}
CLASSIFIER_CODE_RE = re.compile(r"^\d{4}\.\d{4}\.\d{4}\.\d{4}$")


def validate_classifier_code(value: str) -> None:
    """A code of the classifier: SSSS.TTTT.RRRR.QQQQ in one of the five sections."""
    if not CLASSIFIER_CODE_RE.match(value or ""):
        raise ValidationError(
            "Код классификатора записывается как ЧЧЧЧ.ЧЧЧЧ.ЧЧЧЧ.ЧЧЧЧ, например 0005.0005.0056.1149.",
            code="invalid_format",
        )
    if value[:4] not in CLASSIFIER_SECTIONS:
        raise ValidationError(
            "Раздел классификатора (первые четыре цифры) должен быть от 0001 до 0005.",
            code="invalid_section",
        )


class ActiveQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Addressee(models.Model):
    """Whom an appeal is addressed to: a body, an official or a position."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", "Должностное лицо"
        BODY = "body", "Орган, структурное подразделение"
        POSITION = "position", "Должность"

    name = models.CharField(
        "Наименование",
        max_length=255,
        unique=True,
        help_text="Как его видит заявитель, например «Глава городского округа» или «Управление ЖКХ».",
    )
    kind = models.CharField("Вид адресата", max_length=16, choices=Kind.choices, default=Kind.BODY)
    order = models.PositiveIntegerField("Порядок в списке", default=0)
    is_active = models.BooleanField(
        "Доступен в интернет-приёмной",
        default=True,
        help_text="Снимите отметку, чтобы скрыть адресата из формы; поданные обращения сохранятся.",
    )

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = "Адресат обращения"
        verbose_name_plural = "Адресаты обращений"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    """A topic in plain language, mapped to a code of the thematic classifier."""

    title = models.CharField(
        "Тема (понятным языком)",
        max_length=255,
        unique=True,
        help_text="Так тему видит заявитель, например «Оплата ЖКУ, взносов в фонд капремонта».",
    )
    classifier_code = models.CharField(
        "Код классификатора",
        max_length=19,
        validators=[validate_classifier_code],
        help_text="Код типового общероссийского тематического классификатора: 0005.0005.0056.1149.",
    )
    order = models.PositiveIntegerField("Порядок в списке", default=0)
    is_active = models.BooleanField("Доступна в интернет-приёмной", default=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = "Тема обращения"
        verbose_name_plural = "Темы обращений"
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def section(self) -> str:
        return (self.classifier_code or "")[:4]

    @property
    def section_name(self) -> str:
        return CLASSIFIER_SECTIONS.get(self.section, "")
