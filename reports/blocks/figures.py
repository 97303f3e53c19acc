"""Key figures of a report and the statistics computed from the appeal register."""

from __future__ import annotations

from wagtail import blocks
from wagtail.blocks.struct_block import BlockGroup

from .importing import slug_block

BREAKDOWN_CHANNEL = "channel"
BREAKDOWN_IDENTIFICATION = "identification"
BREAKDOWN_SECTION = "section"
BREAKDOWN_RESULT = "result"
# The download address of each breakdown's table is "<block slug>-<suffix>".
BREAKDOWN_SLUGS = {
    BREAKDOWN_CHANNEL: "kanaly",
    BREAKDOWN_IDENTIFICATION: "identifikatsiya",
    BREAKDOWN_SECTION: "razdely",
    BREAKDOWN_RESULT: "rezultaty",
}
BREAKDOWNS = [
    (BREAKDOWN_CHANNEL, "По каналам поступления"),
    (BREAKDOWN_SECTION, "По разделам тематического классификатора"),
    (BREAKDOWN_RESULT, "По результатам рассмотрения"),
    (BREAKDOWN_IDENTIFICATION, "По способу подтверждения личности"),
]


class KeyFigureBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Что означает число", max_length=255, help_text="Например: «обращений поступило».")
    value = blocks.IntegerBlock(label="Число", min_value=0)
    previous = blocks.IntegerBlock(
        label="Число за предыдущий период",
        required=False,
        min_value=0,
        help_text="Если указать, разница и изменение в процентах вычислятся.",
    )
    previous_label = blocks.CharBlock(
        label="Предыдущий период",
        required=False,
        max_length=100,
        help_text="Например: «1 полугодие 2019 года». Если пусто — тот же период годом раньше.",
    )

    class Meta:
        icon = "order"
        label = "Показатель"
        form_layout = BlockGroup(["label", "value", "previous"], settings=["previous_label"])


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Заголовок", required=False, max_length=255)
    figures = blocks.ListBlock(KeyFigureBlock(), label="Показатели", min_num=1)

    class Meta:
        icon = "pick"
        label = "Ключевые показатели"
        template = "reports/blocks/key_figures.html"
        preview_value = {
            "heading": "Главное за полугодие",
            "figures": [
                {"label": "обращений поступило в администрацию", "value": 3456, "previous": 6067},
                {"label": "сообщений с портала «Добродел»", "value": 8208},
            ],
        }
        description = "Крупные числа с подписями; если указан предыдущий период — разница и изменение в %."

    def get_context(self, value, parent_context=None):
        from reports import presenters

        context = super().get_context(value, parent_context=parent_context)
        context["figures"] = presenters.key_figures_view(value, page=None)
        context["heading"] = value.get("heading") or ""
        return context


class RegisterStatisticsBlock(blocks.StructBlock):
    """Counts of the appeals registered through the online form during the report's period.

    Computed from the register when the page is published and frozen then (see
    ``reports.snapshots``): a published report never changes by itself. The draft
    preview shows the live numbers, labelled as such.
    """

    heading = blocks.CharBlock(
        label="Заголовок", max_length=255, default="Обращения, поступившие через интернет-приёмную"
    )
    breakdowns = blocks.MultipleChoiceBlock(
        label="Разрезы",
        choices=BREAKDOWNS,
        default=[BREAKDOWN_CHANNEL, BREAKDOWN_SECTION, BREAKDOWN_RESULT],
        help_text="Каждый разрез — таблица с долями, диаграммой и файлами для скачивания.",
    )
    slug = slug_block()

    class Meta:
        icon = "form"
        label = "Статистика интернет-приёмной"
        template = "reports/blocks/register_statistics.html"
        form_layout = BlockGroup(["heading", "breakdowns"], settings=["slug"])
        description = (
            "Числа из реестра обращений за период отчёта. Фиксируются при публикации страницы: "
            "опубликованный отчёт сам по себе не меняется."
        )

    def clean(self, value):
        from reports import slugs

        value = super().clean(value)
        if not value.get("slug"):
            value["slug"] = slugs.transliterate(value.get("heading") or "", fallback="internet-priemnaya")
        return value

    def get_context(self, value, parent_context=None):
        from reports import presenters

        context = super().get_context(value, parent_context=parent_context)
        context["register"] = presenters.register_preview_view(value)
        return context
