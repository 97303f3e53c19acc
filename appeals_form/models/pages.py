"""The online appeal form (интернет-приёмная) as a Wagtail page."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.models.mixins import PortalPageMixin
from home.onsite import PortalPageManager

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class AppealFormPage(PortalPageMixin, Page):
    """Where residents write to the administration after identifying themselves.

    The page holds only public texts; the form, identification and
    registration are served by ``appeals_form.views``.
    """

    objects = PortalPageManager()

    intro = RichTextField(
        "Вводный текст",
        features=TEXT_FEATURES,
        blank=True,
        help_text="Как проходит идентификация, сроки рассмотрения, что можно приложить.",
    )
    consent_text = RichTextField(
        "Текст согласия на обработку персональных данных",
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="Отдельное согласие по 152-ФЗ. При изменении текста смените редакцию согласия.",
    )
    consent_version = models.CharField(
        "Редакция согласия",
        max_length=64,
        help_text="Например дата утверждения текста: 2026-11-01. Сохраняется вместе с каждым обращением.",
    )
    confirmation_text = RichTextField(
        "Текст после регистрации",
        features=["bold", "italic", "link", "ol", "ul"],
        blank=True,
        help_text="Показывается заявителю сразу после регистрации обращения.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("consent_text"), FieldPanel("consent_version")],
            heading="Согласие на обработку персональных данных",
        ),
        FieldPanel("confirmation_text"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "home.SectionIndexPage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "Интернет-приёмная"
        verbose_name_plural = "Интернет-приёмные"

    def serve(self, request, *args, **kwargs):
        from appeals_form.views import serve_appeal_form

        return serve_appeal_form(self, request, *args, **kwargs)

    @property
    def preview_modes(self):
        from appeals_form.views import PREVIEW_MODES

        return PREVIEW_MODES

    def serve_preview(self, request, mode_name):
        from appeals_form.views import serve_preview

        return serve_preview(self, request, mode_name)
