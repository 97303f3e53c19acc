"""Public pages: the reception schedule, the events index and the events.

Views live in ``schedules.views``; the pages only route to them.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.models.mixins import PortalPageMixin
from home.onsite import PortalPageManager

from .reference import EventTopic

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]
SHORT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ReceptionSchedulePage(RoutablePageMixin, PortalPageMixin, Page):
    """Every official's personal reception: rule, place, phone, next dates; a page per official; sign-up."""

    objects = PortalPageManager()

    intro = RichTextField("Вводный текст", features=TEXT_FEATURES, blank=True)
    signup_text = RichTextField(
        "Как записаться",
        features=SHORT_FEATURES,
        blank=True,
        help_text="Запись по телефону, что взять с собой на приём.",
    )
    consent_text = RichTextField(
        "Текст согласия на обработку персональных данных",
        features=SHORT_FEATURES,
        help_text="Отдельное согласие по 152-ФЗ для записи на приём. При изменении текста смените редакцию.",
    )
    consent_version = models.CharField("Редакция согласия", max_length=64, help_text="Например: 2026-11-01.")

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("signup_text"),
        MultiFieldPanel(
            [FieldPanel("consent_text"), FieldPanel("consent_version")],
            heading="Согласие на обработку персональных данных (запись через сайт)",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "home.SectionIndexPage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "График личного приёма"
        verbose_name_plural = "Графики личного приёма"

    def official_url(self, official, route: str = "official") -> str:
        return self.url + self.reverse_subpage(route, kwargs={"official_slug": official.slug})

    def get_sitemap_urls(self, request=None):
        """The schedule and each official's page shown in it (search engines bring residents who type a name).

        The sign-up forms stay out: a form is no page to find.
        """
        from schedules.selectors import active_officials

        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        lastmod = urls[0]["lastmod"] if urls else None
        for official in active_officials():
            path = self.reverse_subpage("official", kwargs={"official_slug": official.slug})
            urls.append({"location": base + path, "lastmod": lastmod})
        return urls

    @path("")
    def index_route(self, request):
        from schedules.views import schedule

        return schedule.schedule_index(self, request)

    @path("<slug:official_slug>/", name="official")
    def official_route(self, request, official_slug):
        from schedules.views import schedule

        return schedule.official_detail(self, request, official_slug)

    @path("<slug:official_slug>/ical/", name="official_ics")
    def official_ics_route(self, request, official_slug):
        from schedules.views import feeds

        return feeds.official_ics(self, request, official_slug)

    @path("<slug:official_slug>/zapis/", name="signup")
    def signup_route(self, request, official_slug):
        from schedules.views import signup

        return signup.signup_form(self, request, official_slug)


class EventIndexPage(RoutablePageMixin, PortalPageMixin, Page):
    """Thematic receptions, live broadcasts, meetings and field receptions: the upcoming ones, then the archive
    by year (``arhiv/2025/``) and month (``arhiv/2025/03/``).
    """

    objects = PortalPageManager()

    intro = RichTextField("Вводный текст", features=TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "home.SectionIndexPage"]
    subpage_types = ["schedules.EventPage"]

    class Meta:
        verbose_name = "Мероприятия"
        verbose_name_plural = "Разделы мероприятий"

    @path("")
    def index_route(self, request):
        from schedules.views import events

        return events.event_index(self, request)

    @re_path(r"^arhiv/(?P<year>\d{4})/$", name="archive_year")
    def archive_year_route(self, request, year):
        from schedules.views import events

        return events.event_archive_year(self, request, year)

    @re_path(r"^arhiv/(?P<year>\d{4})/(?P<month>\d{2})/$", name="archive_month")
    def archive_month_route(self, request, year, month):
        from schedules.views import events

        return events.event_archive_month(self, request, year, month)

    @path("rss/", name="rss")
    def rss_route(self, request):
        from schedules.views import feeds

        return feeds.events_rss(self, request)

    @path("ical/", name="ics")
    def ics_route(self, request):
        from schedules.views import feeds

        return feeds.events_ics(self, request)


class EventPage(RoutablePageMixin, PortalPageMixin, Page):
    """A dated event where residents' questions are taken: one model, several kinds."""

    objects = PortalPageManager()

    class Kind(models.TextChoices):
        THEMATIC = "thematic", "Тематический приём"
        BROADCAST = "broadcast", "Прямой эфир"
        MEETING = "meeting", "Встреча с жителями"
        FIELD = "field", "Выездной приём"

    kind = models.CharField("Вид мероприятия", max_length=16, choices=Kind.choices, default=Kind.THEMATIC)
    date = models.DateField("Дата")
    time_from = models.TimeField("Начало")
    time_to = models.TimeField("Окончание", null=True, blank=True)
    topic = models.ForeignKey(
        EventTopic, verbose_name="Тема", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    places = ParentalManyToManyField("schedules.Place", verbose_name="Места проведения", blank=True)
    hosts = models.TextField("Кто ведёт приём", blank=True, help_text="Должностные лица, участники.")
    signup_info = RichTextField("Как записаться", features=SHORT_FEATURES, blank=True)
    stream_url = models.URLField("Ссылка на трансляцию", blank=True, help_text="Для прямого эфира.")
    body = RichTextField("Описание", features=TEXT_FEATURES, blank=True)
    # A change announced to residents: every place that shows the event says it (``change_label``).
    cancelled = models.BooleanField(
        "Мероприятие отменено",
        default=False,
        help_text="Страница остаётся: жители увидят отметку «Отменено» в списках, календаре и на странице.",
    )
    previous_date = models.DateField(
        "Прежняя дата",
        null=True,
        blank=True,
        help_text="Если мероприятие перенесено: укажите дату, которая была объявлена, а выше — новую дату.",
    )
    change_note = models.CharField(
        "Причина отмены или переноса", max_length=255, blank=True, help_text="Показывается жителям."
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("topic")]),
        FieldRowPanel([FieldPanel("date"), FieldPanel("time_from"), FieldPanel("time_to")]),
        MultiFieldPanel(
            [FieldPanel("cancelled"), FieldPanel("previous_date"), FieldPanel("change_note")],
            heading="Отмена или перенос",
        ),
        FieldPanel("places", widget=forms.CheckboxSelectMultiple),
        FieldPanel("hosts"),
        FieldPanel("signup_info"),
        FieldPanel("stream_url"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hosts"), index.SearchField("body")]
    parent_page_types = ["schedules.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Мероприятие"
        verbose_name_plural = "Мероприятия"

    def clean(self):
        super().clean()
        errors = {}
        if self.previous_date and self.previous_date == self.date:
            errors["previous_date"] = "Прежняя дата совпадает с датой мероприятия: укажите новую дату в поле «Дата»."
        if self.time_from and self.time_to and self.time_to <= self.time_from:
            start = f"{self.time_from:%H:%M}"
            errors["time_to"] = f"Окончание должно быть позже начала ({start}): проверьте время или оставьте пустым."
        if errors:
            raise ValidationError(errors)

    @property
    def moved(self) -> bool:
        return bool(self.previous_date) and self.previous_date != self.date

    @property
    def listed_title(self) -> str:
        """The title as a list, a feed or a calendar names the event: «Отменено: …» once it is called off."""
        return f"Отменено: {self.title}" if self.cancelled else self.title

    @property
    def change_label(self) -> str:
        """«Отменено» or «Перенесено с 12 марта 2026 года» for residents; empty when nothing changed."""
        from schedules.rules import MONTHS_GENITIVE

        if self.cancelled:
            return "Отменено"
        if self.moved:
            day = self.previous_date
            return f"Перенесено с {day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} года"
        return ""

    @path("")
    def index_route(self, request):
        from schedules.views import events

        return events.event_detail(self, request)

    @path("ical/", name="ics")
    def ics_route(self, request):
        from schedules.views import feeds

        return feeds.event_ics(self, request)
