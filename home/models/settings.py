"""Site settings editable in the admin: the department's contacts and the menus."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from home import draft_sections


@register_setting(icon="site")
class DepartmentSettings(BaseSiteSetting):
    """Contacts of the department; 8-ФЗ art. 13 requires the responsible official and a reference phone."""

    organisation_name = models.CharField("Орган власти", max_length=255, default="Администрация городского округа")
    department_name = models.CharField(
        "Название отдела", max_length=255, default="Отдел по работе с обращениями граждан"
    )
    address = models.CharField("Почтовый адрес", max_length=255, blank=True)
    phone = models.CharField("Телефон", max_length=64, blank=True)
    email = models.EmailField("Электронная почта", blank=True)
    working_hours = models.TextField("Часы работы", blank=True)
    responsible_official = models.CharField(
        "Ответственное должностное лицо",
        max_length=255,
        blank=True,
        help_text="Фамилия, имя, отчество и должность (ст. 13 Федерального закона № 8-ФЗ).",
    )
    reference_phone = models.CharField("Справочный телефон", max_length=64, blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("department_name")], heading="Отдел"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("working_hours")],
            heading="Контакты",
        ),
        MultiFieldPanel(
            [FieldPanel("responsible_official"), FieldPanel("reference_phone")],
            heading="Ответственное лицо (8-ФЗ)",
        ),
    ]

    class Meta:
        verbose_name = "Контакты отдела"


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """Main and footer menus, edited by staff."""

    panels = [
        InlinePanel("main_items", label="Пункт главного меню", heading="Главное меню"),
        InlinePanel("footer_items", label="Ссылка в подвале", heading="Ссылки в подвале"),
    ]

    class Meta:
        verbose_name = "Навигация"


class MenuItemBase(Orderable):
    """A link in a menu: an internal page or an external address."""

    title = models.CharField(
        "Название", max_length=100, blank=True, help_text="Если пусто, берётся заголовок страницы."
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="Страница", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = models.URLField("Или внешняя ссылка", blank=True)

    panels = [FieldPanel("page"), FieldPanel("url"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = "Пункт меню"
        verbose_name_plural = "Пункты меню"

    def clean(self):
        super().clean()
        if not self.page_id and not self.url:
            raise ValidationError({"page": "Выберите страницу или укажите внешнюю ссылку."})
        if self.url and not self.page_id and not self.title:
            raise ValidationError({"title": "Для внешней ссылки укажите название."})

    @property
    def label(self) -> str:
        if self.title:
            return self.title
        return self.page.title if self.page_id else self.url

    @property
    def href(self) -> str:
        if self.page_id:
            return self.page.url or ""
        return self.url

    @property
    def is_shown(self) -> bool:
        """An external link, or a page on the site: a draft or unpublished page, or one under an unpublished
        section (home/draft_sections.py), is not linked."""
        return self.is_shown_under(draft_sections.draft_section_paths())

    def is_shown_under(self, draft_section_paths: tuple[str, ...]) -> bool:
        """``is_shown`` with the draft sections read once for a whole menu."""
        return not self.page_id or (self.page.live and not draft_sections.is_hidden(self.page, draft_section_paths))

    def __str__(self):
        return self.label


class MainMenuItem(MenuItemBase):
    setting = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="main_items")


class FooterMenuItem(MenuItemBase):
    setting = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="footer_items")
