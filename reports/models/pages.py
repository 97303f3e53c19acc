"""The report pages: the index of all reports and one page per report.

Views live in ``reports.views``; the pages only route to them.
"""

from __future__ import annotations

from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.models.mixins import PortalPageMixin
from home.onsite import PortalPageManager
from reports import periods
from reports.blocks import ReportStreamBlock
from reports.panels import DiscrepanciesPanel

INTRO_FEATURES = ["bold", "italic", "link"]


class ReportIndexPage(PortalPageMixin, Page):
    """All reports, newest first, and the headline figure of each as a time series."""

    objects = PortalPageManager()

    intro = RichTextField("Вводный текст", features=INTRO_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "home.SectionIndexPage"]
    subpage_types = ["reports.ReportPage", "reports.StatisticsPage"]
    # Official publications: approved by the head of the department (home/approval.py).
    requires_approval = True

    class Meta:
        verbose_name = "Раздел отчётов"
        verbose_name_plural = "Разделы отчётов"

    def get_context(self, request, *args, **kwargs):
        from reports import presenters, selectors

        context = super().get_context(request, *args, **kwargs)
        reports = selectors.published_reports(self)
        context["reports"] = reports
        context["series"] = presenters.series_view(reports, request=request)
        return context


class ReportPage(RoutablePageMixin, PortalPageMixin, Page):
    """A half-year (quarter, month, year) report with computed tables, charts and open data."""

    objects = PortalPageManager()

    organisation = models.CharField(
        "Организация",
        max_length=255,
        help_text="Чей это отчёт, например «Администрация городского округа Энск».",
    )
    period_kind = models.CharField("Вид периода", max_length=16, choices=periods.KIND_CHOICES, default=periods.HALF)
    period_year = models.PositiveSmallIntegerField("Год")
    period_number = models.PositiveSmallIntegerField(
        "Номер периода", null=True, blank=True, help_text="Полугодие 1–2, квартал 1–4, месяц 1–12; для года — пусто."
    )
    period_start = models.DateField("Начало периода", null=True, editable=False)
    period_end = models.DateField("Конец периода", null=True, editable=False)
    intro = models.TextField("Вводный абзац", blank=True, max_length=1000)
    body = StreamField(ReportStreamBlock(), verbose_name="Содержание", blank=True)
    # The report's headline figure (see reports.kinds.headline), kept for the index's time series.
    headline_value = models.PositiveIntegerField("Главный показатель", null=True, editable=False)
    headline_label = models.CharField("Что показывает главный показатель", max_length=255, blank=True, editable=False)

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text="Должен содержать период отчёта, например "
            "«Работа с обращениями граждан за 1 полугодие 2020 года».",
        ),
        DiscrepanciesPanel(),
        FieldPanel("organisation"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("period_kind"), FieldPanel("period_year"), FieldPanel("period_number")])],
            heading="Отчётный период",
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("organisation"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("period_start"),
    ]
    parent_page_types = ["reports.ReportIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Отчёт"
        verbose_name_plural = "Отчёты"

    # ---- the period --------------------------------------------------------------------------------------------

    @property
    def period(self) -> periods.Period | None:
        try:
            return periods.Period(kind=self.period_kind, year=self.period_year, number=self.period_number or None)
        except periods.PeriodError:
            return None

    @property
    def period_label(self) -> str:
        period = self.period
        return period.label if period is not None else ""

    def clean(self):
        super().clean()
        try:
            period = periods.Period(kind=self.period_kind, year=self.period_year, number=self.period_number or None)
        except periods.PeriodError as error:
            raise ValidationError({error.field: str(error)}) from error
        if self.title and not periods.title_names_period(self.title, period):
            raise ValidationError(
                {
                    "title": f"Заголовок должен содержать период отчёта: «{period.label}», "
                    f"например «Работа с обращениями граждан за {period.label}»."
                }
            )

    def save(self, *args, **kwargs):
        # The derived fields follow the content being saved in full (creating, publishing). A partial
        # save (a draft revision only touches the revision bookkeeping) leaves the live values alone.
        if kwargs.get("update_fields") is None:
            self.refresh_derived_fields()
        return super().save(*args, **kwargs)

    def refresh_derived_fields(self) -> None:
        from reports import kinds

        period = self.period
        self.period_start = period.start if period else None
        self.period_end = period.end if period else None
        headline = kinds.headline(self.body)
        self.headline_label, self.headline_value = headline if headline else ("", None)

    # ---- routes ------------------------------------------------------------------------------------------------

    @cached_property
    def _own_url(self) -> str:
        # Once per instance (a page object lives for one request): three links
        # per table would otherwise look the page's URL up again each time.
        return self.url

    def table_url(self, slug: str, fmt: str) -> str:
        return self._own_url + self.reverse_subpage("table_export", kwargs={"table_slug": slug, "fmt": fmt})

    @path("")
    def index_route(self, request):
        return super().index_route(request)

    @path("tables/<slug:table_slug>/<str:fmt>/", name="table_export")
    def table_export_route(self, request, table_slug, fmt):
        from reports import views

        return views.table_export(self, request, table_slug=table_slug, fmt=fmt)

    def get_context(self, request, *args, **kwargs):
        from reports import presenters

        context = super().get_context(request, *args, **kwargs)
        context["items"] = presenters.report_items(
            self,
            request=request,
            preview=getattr(request, "is_preview", False),
        )
        return context
