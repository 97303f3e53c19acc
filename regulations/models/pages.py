"""The list of acts and the page of an act.

The pages only hold data and route: reads are in ``regulations.selectors``, the
rules an editor must follow in ``regulations.services``, the context of the
templates in ``regulations.views``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home import wagtail_compat
from home.blocks import BaseStreamBlock
from home.models.mixins import PortalPageMixin
from home.onsite import PortalPageManager
from regulations import naming

from .choices import CURRENT_STATUSES, Kind, Status

INTRO_FEATURES = ["bold", "italic", "link", "document-link"]


class RegulationIndexPage(PortalPageMixin, Page):
    """Laws, resolutions and the regulation: a list filtered by kind, status and year."""

    objects = PortalPageManager()

    intro = RichTextField("Вводный текст", features=INTRO_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "home.SectionIndexPage"]
    subpage_types = ["regulations.RegulationPage"]
    # Official publications: approved by the head of the department (home/approval.py).
    requires_approval = True

    class Meta:
        verbose_name = "Список нормативных документов"
        verbose_name_plural = "Списки нормативных документов"

    def route(self, request, path_components):
        """Fetch an act with its file in one query (Wagtail's default fetches a child, then its specific page)."""
        if path_components:
            act = (
                RegulationPage.objects.child_of(self).filter(slug=path_components[0]).select_related("document").first()
            )
            if act is not None:
                wagtail_compat.set_cached_parent(act, self)
                return act.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from regulations.views import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context


class RegulationPage(PortalPageMixin, Page):
    """One act: its details, status, official file and/or text, amendments and links."""

    objects = PortalPageManager()

    kind = models.CharField("Вид документа", max_length=20, choices=Kind.choices, default=Kind.RESOLUTION)
    issuer_in_name = models.CharField(
        "Орган в наименовании",
        max_length=255,
        blank=True,
        help_text="Как в официальном наименовании, в родительном падеже: «Московской области» (закон субъекта), "
        "«администрации городского округа Энск» (постановление, распоряжение, регламент). "
        "Для федерального закона не нужен.",
    )
    number = models.CharField(
        "Номер",
        max_length=64,
        help_text="Без знака №: 59-ФЗ, 164/2006-ОЗ, 2307-ПА. У регламента — номер утвердившего его постановления.",
    )
    date = models.DateField(
        "Дата принятия",
        help_text="Дата в реквизитах документа. У регламента — дата утвердившего его постановления.",
    )
    issuing_body = models.CharField(
        "Принявший орган",
        max_length=255,
        help_text="Полностью: «Администрация городского округа Энск Московской области».",
    )
    status = models.CharField("Статус", max_length=16, choices=Status.choices, default=Status.IN_FORCE)
    in_force_from = models.DateField("Вступил в силу", null=True, blank=True)
    replaced_by = models.ForeignKey(
        "regulations.RegulationPage",
        verbose_name="Заменён документом",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text="Документ, который заменил этот. Только для документов, утративших силу; "
        "на заменяющем документе ссылка появится сама.",
    )
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name="Официальный файл",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="PDF или другой файл официального текста. Нужен файл, текст или и то и другое.",
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name="Текст документа или краткое изложение",
        blank=True,
        help_text="Заголовки внутри текста — уровня 3 и 4: уровень 2 у раздела «Содержание».",
    )

    details_panels = [
        FieldPanel("title", heading="Наименование", help_text="Без кавычек и без вида документа: «О порядке …»."),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("date")], heading="Реквизиты"),
        FieldPanel("issuer_in_name"),
        FieldPanel("issuing_body"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("in_force_from"), FieldPanel("replaced_by")],
            heading="Действие документа",
        ),
    ]
    text_panels = [FieldPanel("document"), FieldPanel("body")]
    links_panels = [
        InlinePanel("amendments", heading="Изменения", label="Изменение"),
        InlinePanel(
            "related_links",
            heading="Связанные документы",
            label="Связанный документ",
            help_text="На связанном документе ссылка на этот появится сама.",
        ),
    ]
    content_panels = details_panels
    edit_handler = TabbedInterface(
        [
            ObjectList(details_panels, heading="Документ"),
            ObjectList(text_panels, heading="Текст и файл"),
            ObjectList(links_panels, heading="Изменения и связи"),
            ObjectList(PortalPageMixin.promote_panels, heading="Продвижение"),
            ObjectList(Page.settings_panels, heading="Настройки"),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("number", boost=2),
        index.AutocompleteField("number"),
        index.SearchField("issuing_body"),
        index.SearchField("body"),
        index.RelatedFields("amendments", [index.SearchField("number"), index.SearchField("title")]),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("date"),
    ]
    parent_page_types = ["regulations.RegulationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Нормативный документ"
        verbose_name_plural = "Нормативные документы"

    @property
    def designation(self) -> str:
        """E.g. «Федеральный закон от 02.05.2006 № 59-ФЗ»."""
        return naming.designation(kind=self.kind, issuer=self.issuer_in_name, day=self.date, number=self.number)

    @property
    def full_name(self) -> str:
        """The designation and the title in quotes; see regulations.naming."""
        return naming.full_name(
            kind=self.kind, issuer=self.issuer_in_name, day=self.date, number=self.number, title=self.title
        )

    @property
    def is_in_force(self) -> bool:
        return self.status in CURRENT_STATUSES

    def clean(self) -> None:
        from regulations import services

        services.normalise_act(act=self)
        super().clean()
        errors = services.act_errors(act=self)
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from regulations.views import act_context

        context = super().get_context(request, *args, **kwargs)
        context.update(act_context(self, request))
        return context
