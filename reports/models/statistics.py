"""«Статистика обращений»: live figures of the appeal register for any month, quarter, half-year or year."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.models.mixins import PortalPageMixin
from home.onsite import PortalPageManager

INTRO_FEATURES = ["bold", "italic", "link"]


class StatisticsPage(PortalPageMixin, Page):
    """The register's published statistics: the period is chosen by the visitor (GET form), figures are computed.

    Figures come from ``reports.public_statistics`` (disclosure control,
    daily cache, frozen once settled); the page only shows them.
    """

    objects = PortalPageManager()

    intro = RichTextField("Вводный текст", features=INTRO_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["reports.ReportIndexPage", "home.HomePage", "home.SectionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Статистика обращений"
        verbose_name_plural = "Статистика обращений"

    def get_context(self, request, *args, **kwargs):
        from reports.statistics_presenter import statistics_context

        context = super().get_context(request, *args, **kwargs)
        context.update(statistics_context(request))
        return context
