"""The general page types of the site: home, content pages and section indexes."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock, QuickLinkBlock
from home.models.mixins import PortalPageMixin
from home.onsite import PortalPageManager, linked, on_site

INTRO_FEATURES = ["bold", "italic", "link"]


class HomePage(PortalPageMixin, Page):
    """The department's front page: its purpose, quick links and contacts."""

    objects = PortalPageManager()

    intro = RichTextField(
        "Назначение отдела",
        features=INTRO_FEATURES,
        blank=True,
        help_text="Коротко: чем занимается отдел и как к нему обратиться.",
    )
    quick_links = StreamField(
        [("link", QuickLinkBlock())],
        verbose_name="Быстрые ссылки",
        blank=True,
        help_text="Подать обращение, графики приёма, тематические приёмы, отчёты, нормативные акты.",
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Содержание", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("quick_links"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "Главная страница"
        verbose_name_plural = "Главные страницы"

    def get_context(self, request, *args, **kwargs):
        from home.now import home_sections

        context = super().get_context(request, *args, **kwargs)
        # The next receptions and events, the latest report: computed by their apps, kept per day.
        context["now_sections"] = home_sections(self)
        context["quick_links"] = linked(self.quick_links)
        return context


class StandardPage(PortalPageMixin, Page):
    """A content page built from the reusable blocks."""

    objects = PortalPageManager()

    intro = models.TextField("Вводный абзац", blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), verbose_name="Содержание", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.SectionIndexPage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "Текстовая страница"
        verbose_name_plural = "Текстовые страницы"


class SectionIndexPage(PortalPageMixin, Page):
    """A section of the site that lists its child pages."""

    objects = PortalPageManager()

    intro = RichTextField("Вводный текст", features=INTRO_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "home.SectionIndexPage"]

    class Meta:
        verbose_name = "Раздел"
        verbose_name_plural = "Разделы"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = on_site(self.get_children(), below=self).specific().order_by("path")
        return context
