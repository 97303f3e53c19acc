"""Reusable StreamField blocks of the public pages.

Headings are h2-h4 only: the page title is the single h1.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Текст заголовка", max_length=255)
    size = blocks.ChoiceBlock(
        label="Уровень",
        choices=[("h2", "Заголовок 2"), ("h3", "Заголовок 3"), ("h4", "Заголовок 4")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Заголовок"
        template = "blocks/heading_block.html"
        preview_value = {"text": "Порядок личного приёма", "size": "h2"}
        description = "Заголовок раздела страницы (уровни 2–4)."


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        kwargs.setdefault("label", "Текст")
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text_block.html"
        preview_value = (
            "<p>Обращения граждан рассматриваются в соответствии с Федеральным законом "
            "от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации».</p>"
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Изображение")
    alt_text = blocks.CharBlock(
        label="Альтернативный текст",
        max_length=255,
        help_text="Что изображено: текст прочитают программы экранного доступа и версия для слабовидящих.",
    )
    caption = blocks.CharBlock(label="Подпись", required=False, max_length=255)
    attribution = blocks.CharBlock(label="Автор / источник", required=False, max_length=255)

    class Meta:
        icon = "image"
        label = "Изображение"
        template = "blocks/image_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Документ")
    title = blocks.CharBlock(
        label="Название ссылки", required=False, max_length=255, help_text="Если пусто, берётся название документа."
    )
    description = blocks.CharBlock(label="Пояснение", required=False, max_length=255)

    class Meta:
        icon = "doc-full"
        label = "Документ"
        template = "blocks/document_link_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label="Вид",
        choices=[("info", "Информация"), ("important", "Важно"), ("warning", "Предупреждение")],
        default="info",
    )
    title = blocks.CharBlock(label="Заголовок", required=False, max_length=255)
    text = blocks.RichTextBlock(label="Текст", features=["bold", "italic", "link", "document-link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = "Выноска"
        template = "blocks/callout_block.html"
        preview_value = {
            "kind": "important",
            "title": "Срок рассмотрения",
            "text": "<p>Обращение рассматривается в течение 30 дней со дня регистрации.</p>",
        }


class DataTableBlock(TypedTableBlock):
    def __init__(self, **kwargs):
        super().__init__(
            [
                ("text", blocks.CharBlock(label="Текст")),
                ("number", blocks.DecimalBlock(label="Число")),
                ("integer", blocks.IntegerBlock(label="Целое число")),
                ("rich_text", blocks.RichTextBlock(label="Форматированный текст", features=["bold", "italic", "link"])),
            ],
            **kwargs,
        )

    class Meta:
        icon = "table"
        label = "Таблица"
        template = "blocks/table_block.html"


class TableWithCaptionBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label="Заголовок таблицы", max_length=255)
    table = DataTableBlock(label="Таблица")
    source = blocks.CharBlock(label="Источник", required=False, max_length=255)

    class Meta:
        icon = "table"
        label = "Таблица"
        template = "blocks/table_with_caption_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = RichTextBlock()
    image = ImageBlock()
    document = DocumentLinkBlock()
    table = TableWithCaptionBlock()
    callout = CalloutBlock()

    class Meta:
        block_counts = {}


class QuickLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label="Страница", required=False)
    url = blocks.URLBlock(label="Или внешняя ссылка", required=False)
    title = blocks.CharBlock(label="Название", max_length=100)
    description = blocks.CharBlock(label="Пояснение", max_length=255, required=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError("Выберите страницу или укажите внешнюю ссылку.")}
            )
        return value

    class Meta:
        icon = "link"
        label = "Быстрая ссылка"
        template = "blocks/quick_link_block.html"
        preview_value = {"title": "Подать обращение", "description": "Интернет-приёмная", "url": "https://example.ru/"}
