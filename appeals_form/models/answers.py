"""Answers published on the site (59-ФЗ art. 10 part 4 and art. 11 part 5.1) as Wagtail pages.

A question that concerns many residents is answered once, for everyone, on the official site; an appeal
asking it again within the law's terms gets that answer's address (``workflow.tell_published_answer``),
which the officer picks in this section (the page chooser opens here). The pages hold no personal data:
the question as residents ask it, never who asked (art. 6 part 2).
"""

from django.core.paginator import Paginator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.models.mixins import PortalPageMixin
from home.onsite import PortalPageManager, on_site

from .pages import TEXT_FEATURES

ANSWERS_PER_PAGE = 20


class PublishedAnswerIndexPage(PortalPageMixin, Page):
    """The section «Ответы на вопросы из обращений»: the published answers, newest first."""

    objects = PortalPageManager()

    intro = RichTextField(
        "Вводный текст",
        features=["bold", "italic", "link"],
        blank=True,
        help_text="Что здесь публикуется: ответы на вопросы, которые затрагивают интересы многих жителей.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "home.SectionIndexPage"]
    subpage_types = ["appeals_form.PublishedAnswerPage"]
    max_count = 1

    class Meta:
        verbose_name = "Раздел опубликованных ответов"
        verbose_name_plural = "Разделы опубликованных ответов"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        answers = (
            on_site(PublishedAnswerPage.objects.child_of(self), below=self)
            .select_related("topic")
            .order_by("-answered_on", "-pk")
        )
        # get_page() never fails: a non-number gives the first page, a number past the end the last one.
        context["answers"] = Paginator(answers, ANSWERS_PER_PAGE).get_page(request.GET.get("page"))
        return context


class PublishedAnswerPage(PortalPageMixin, Page):
    """One question and its answer, as published for everyone."""

    objects = PortalPageManager()

    question = models.TextField(
        "Вопрос",
        max_length=2000,
        help_text="Как его ставят в обращениях, без имён, адресов и других сведений о заявителях (ч. 2 ст. 6 59-ФЗ).",
    )
    answer = RichTextField("Ответ", features=TEXT_FEATURES)
    answered_on = models.DateField("Дата ответа")
    topic = models.ForeignKey(
        "appeals_form.Topic",
        verbose_name="Тема",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Тема обращений, на вопрос которых это ответ.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("answered_on"),
        FieldPanel("topic"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("question"), index.SearchField("answer")]

    parent_page_types = ["appeals_form.PublishedAnswerIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Опубликованный ответ"
        verbose_name_plural = "Опубликованные ответы"
