"""The open data catalogue page and the stored versions of the data files (old versions stay reachable)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.models.mixins import PortalPageMixin
from home.onsite import PortalPageManager

TEXT_FEATURES = ["bold", "italic", "link", "document-link"]
DEFAULT_TERMS = (
    "<p>Данные можно свободно и бесплатно использовать, в том числе в коммерческих целях, без заключения "
    "договора, при условии ссылки на источник — официальный сайт отдела по работе с обращениями граждан.</p>"
)


INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def validate_inn_checksum(value: str) -> None:
    """A legal entity's 10-digit ИНН ends with its control digit: a typo would publish wrong set identifiers."""
    if len(value) == 10 and value.isdigit():
        control = sum(int(digit) * weight for digit, weight in zip(value, INN_WEIGHTS, strict=False)) % 11 % 10
        if control != int(value[-1]):
            raise ValidationError("ИНН указан с ошибкой: не сходится контрольная цифра. Проверьте по выписке ЕГРЮЛ.")


class OpenDataCatalogPage(PortalPageMixin, Page):
    """«Открытые данные»: the list of the data sets with their passports, structures and versions.

    The files themselves live at fixed addresses under ``/opendata/`` (``opendata.urls``); this page, placed by
    editors (usually at ``/opendata/``), describes them and states the publisher's ИНН the identifiers start with.
    """

    objects = PortalPageManager()

    intro = RichTextField("Вводный текст", features=TEXT_FEATURES, blank=True)
    publisher_inn = models.CharField(
        "ИНН органа власти",
        max_length=12,
        validators=[RegexValidator(r"^[0-9]{10}$", "ИНН органа власти — 10 цифр."), validate_inn_checksum],
        help_text="Идентификатор каждого набора начинается с ИНН: «ИНН-код набора».",
    )
    terms = RichTextField("Условия использования", features=TEXT_FEATURES, default=DEFAULT_TERMS)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("publisher_inn"), FieldPanel("terms")]
    max_count = 1
    subpage_types: list[str] = []
    template = "opendata/open_data_catalog_page.html"

    class Meta:
        verbose_name = "Открытые данные"
        verbose_name_plural = "Открытые данные"

    def get_context(self, request, *args, **kwargs):
        from opendata.selectors import catalogue_entries

        context = super().get_context(request, *args, **kwargs)
        context["datasets"] = catalogue_entries(self)
        return context


class DatasetVersion(models.Model):
    """A data file as served while its version was the current one; kept so that its address keeps working."""

    identifier = models.CharField("Идентификатор набора", max_length=100)
    version = models.DateField("Версия данных")
    structure = models.DateField("Версия структуры")
    content = models.TextField("Данные (CSV)")
    structure_content = models.TextField("Структура (CSV)")
    updated_at = models.DateTimeField("Обновлено", auto_now=True)

    class Meta:
        verbose_name = "Версия набора открытых данных"
        verbose_name_plural = "Версии наборов открытых данных"
        constraints = [models.UniqueConstraint(fields=["identifier", "version"], name="opendata_version_unique")]
        ordering = ["identifier", "-version"]

    def __str__(self) -> str:
        return f"{self.identifier} {self.version:%Y%m%d}"
