"""Statistics tables of a report: categories with shares, and this period against the previous one.

The stored form is a list of rows (a ListBlock of StructBlocks): the figures as
counted, plus, optionally, the figures as published in the source document
(a share, a difference, a total), which are only checked, never shown as the
result. Totals, shares, differences and changes are computed by
``reports.stats``; the templates display what the presenters hand them.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import BlockGroup, StructBlockValidationError

from reports import stats, tabular

from .importing import ImportableTableBlock, compound_block, paste_block, slug_block, upload_block

CHART_BARS = "bars"
CHART_PIE = "pie"
CHART_NONE = "none"

HEADLINE_HELP = (
    "Итог этой таблицы — главный показатель отчёта: он показывается на графике на странице всех отчётов. "
    "Отметьте не больше одной таблицы; если не отмечена ни одна, берётся итог первой таблицы по категориям."
)
PART_HELP = "Строка — часть строки выше (например, «в том числе Главой городского округа»)."
TABLE_TEMPLATE = "reports/blocks/table.html"


class PercentBlock(blocks.DecimalBlock):
    """A percentage typed as in the source; stored as text ("-57", "12.5") like the JSON it lives in."""

    def get_prep_value(self, value):
        return str(value) if value is not None else None


def _import_group(help_text: str) -> BlockGroup:
    return BlockGroup(
        ["paste", "upload", "compound"], heading="Импорт таблицы", classname="collapsed", help_text=help_text
    )


def _share_places(rows, total) -> str:
    """«2» when the source printed a share with two decimals or more («5,77»), else «1»."""
    typed = [row.get("share") for row in rows] + [(total or {}).get("share")]
    places = [max(0, -value.as_tuple().exponent) for value in typed if isinstance(value, Decimal)]
    return "2" if places and max(places) >= 2 else "1"


class CategoryRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Категория", max_length=tabular.columns.MAX_TEXT_LENGTH)
    count = blocks.IntegerBlock(label="Количество", min_value=0)
    is_part = blocks.BooleanBlock(label="В том числе", required=False, help_text=PART_HELP)
    share = PercentBlock(
        label="Доля в исходном документе, %",
        required=False,
        min_value=0,
        help_text="Только если доля напечатана в исходном документе: её сверят с вычисленной.",
    )

    class Meta:
        icon = "list-ul"
        label = "Строка"
        form_layout = BlockGroup(["label", "count", "is_part"], settings=["share"])


class CategoryTableBlock(ImportableTableBlock):
    """Rows (label, count): the total and each share in % are computed; a bar or pie chart."""

    caption = blocks.CharBlock(label="Заголовок таблицы", max_length=255)
    rows = blocks.ListBlock(CategoryRowBlock(), label="Строки", min_num=0, default=[])
    slug = slug_block()
    label_title = blocks.CharBlock(label="Заголовок столбца категорий", required=False, max_length=100)
    count_title = blocks.CharBlock(label="Заголовок столбца количества", required=False, max_length=100)
    show_total = blocks.BooleanBlock(label="Показывать строку «Итого»", required=False, default=True)
    typed_total = blocks.IntegerBlock(
        label="Итого в исходном документе",
        required=False,
        help_text="Только если итог напечатан в исходном документе: его сверят с суммой строк.",
    )
    share_places = blocks.ChoiceBlock(
        label="Точность долей",
        choices=[("1", "0,1 %"), ("2", "0,01 %")],
        default="1",
        help_text="Как в исходном документе: при импорте ставится 0,01 %, если доли напечатаны с двумя знаками.",
    )
    chart = blocks.ChoiceBlock(
        label="Диаграмма",
        choices=[(CHART_BARS, "Горизонтальные полосы"), (CHART_PIE, "Круговая (доли)"), (CHART_NONE, "Без диаграммы")],
        default=CHART_BARS,
        help_text="Круговая диаграмма — только для таблиц без строк «в том числе».",
    )
    headline = blocks.BooleanBlock(label="Главный показатель отчёта", required=False, help_text=HEADLINE_HELP)
    source = blocks.CharBlock(label="Источник данных", required=False, max_length=255)
    paste = paste_block(tabular.CATEGORY_COLUMNS)
    upload = upload_block()
    compound = compound_block()

    import_columns = tabular.CATEGORY_COLUMNS

    class Meta:
        icon = "table"
        label = "Таблица по категориям"
        template = TABLE_TEMPLATE
        form_layout = BlockGroup(
            children=[
                "caption",
                "rows",
                _import_group("Вставьте таблицу или выберите файл: строки заменятся при сохранении."),
            ],
            settings=[
                "slug",
                "label_title",
                "count_title",
                "show_total",
                "typed_total",
                "share_places",
                "chart",
                "headline",
                "source",
            ],
        )
        preview_value = {
            "caption": "Каналы поступления обращений",
            "slug": "kanaly",
            "rows": [
                {"label": "Письменные обращения", "count": 1528, "is_part": False},
                {"label": "Официальный сайт", "count": 1021, "is_part": False},
                {"label": "Личный приём", "count": 208, "is_part": False},
                {"label": "Главой городского округа", "count": 84, "is_part": True},
            ],
            "chart": CHART_BARS,
            "show_total": True,
        }
        description = "Строки «название — количество»: итог и доли в процентах вычисляются, рядом — диаграмма."

    def imported_values(self, value, parsed):
        typed = parsed.typed_total or {}
        result = {"typed_total": typed.get("count"), "share_places": _share_places(parsed.rows, typed)}
        titles = parsed.source_titles or {}
        for key, name in (("label", "label_title"), ("count", "count_title")):
            title = titles.get(key, "")
            if not value.get(name) and title and not tabular.columns.is_standard_title(title):
                result[name] = title[:100]
        return result

    def row_value(self, row):
        return {
            "label": row.get("label") or "",
            "count": row.get("count") or 0,
            "is_part": bool(row.get("is_part")),
            "share": row.get("share"),
        }

    def clean(self, value):
        value = super().clean(value)
        rows = list(value.get("rows") or [])
        errors = {}
        structural = stats.structure_errors([row["label"] for row in rows], [bool(row["is_part"]) for row in rows])
        if structural:
            errors["rows"] = ListBlockValidationError(non_block_errors=[ValidationError(m) for m in structural])
        if value.get("chart") == CHART_PIE and any(row["is_part"] for row in rows):
            errors["chart"] = ValidationError(
                "Круговая диаграмма показывает доли, которые в сумме дают 100 %: в таблице со строками "
                "«в том числе» она невозможна. Выберите горизонтальные полосы."
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        from reports import presenters

        context = super().get_context(value, parent_context=parent_context)
        context["table"] = presenters.category_view(value, block_id="preview", page=None, vision=context.get("vision"))
        return context


class ComparisonRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Показатель", max_length=tabular.columns.MAX_TEXT_LENGTH)
    current = blocks.IntegerBlock(label="Отчётный период", min_value=0)
    previous = blocks.IntegerBlock(label="Предыдущий период", min_value=0)
    difference = blocks.IntegerBlock(
        label="Разница (+/−) в исходном документе",
        required=False,
        help_text="Только если разница напечатана в исходном документе: её сверят с вычисленной.",
    )
    is_part = blocks.BooleanBlock(label="В том числе", required=False, help_text=PART_HELP)

    class Meta:
        icon = "list-ul"
        label = "Строка"
        form_layout = BlockGroup(["label", "current", "previous", "is_part"], settings=["difference"])


class ComparisonTableBlock(ImportableTableBlock):
    """Rows (label, this period, the previous period): difference and % change computed; two-series bars."""

    caption = blocks.CharBlock(label="Заголовок таблицы", max_length=255)
    rows = blocks.ListBlock(ComparisonRowBlock(), label="Строки", min_num=0, default=[])
    slug = slug_block()
    label_title = blocks.CharBlock(label="Заголовок столбца показателей", required=False, max_length=100)
    current_title = blocks.CharBlock(
        label="Заголовок отчётного периода",
        required=False,
        max_length=100,
        help_text="Если пусто — период отчёта, например «1 полугодие 2020 года».",
    )
    previous_title = blocks.CharBlock(
        label="Заголовок предыдущего периода",
        required=False,
        max_length=100,
        help_text="Если пусто — тот же период годом раньше, например «1 полугодие 2019 года».",
    )
    show_total = blocks.BooleanBlock(
        label="Показывать строку «Итого»",
        required=False,
        default=True,
        help_text="Снимите отметку, если строки — не все обращения (например, только некоторые источники).",
    )
    typed_total_current = blocks.IntegerBlock(label="Итого за отчётный период в исходном документе", required=False)
    typed_total_previous = blocks.IntegerBlock(label="Итого за предыдущий период в исходном документе", required=False)
    typed_total_difference = blocks.IntegerBlock(label="Итоговая разница в исходном документе", required=False)
    typed_total_change = PercentBlock(
        label="Изменение итога в % в исходном документе",
        required=False,
        help_text="Например −57, если в тексте написано «на 57 % меньше».",
    )
    chart = blocks.ChoiceBlock(
        label="Диаграмма",
        choices=[(CHART_BARS, "Горизонтальные полосы (два периода)"), (CHART_NONE, "Без диаграммы")],
        default=CHART_BARS,
    )
    headline = blocks.BooleanBlock(label="Главный показатель отчёта", required=False, help_text=HEADLINE_HELP)
    source = blocks.CharBlock(label="Источник данных", required=False, max_length=255)
    paste = paste_block(tabular.COMPARISON_COLUMNS)
    upload = upload_block()
    compound = compound_block()

    import_columns = tabular.COMPARISON_COLUMNS

    class Meta:
        icon = "table"
        label = "Таблица сравнения с прошлым периодом"
        template = TABLE_TEMPLATE
        form_layout = BlockGroup(
            children=[
                "caption",
                "rows",
                _import_group("Вставьте таблицу или выберите файл: строки заменятся при сохранении."),
            ],
            settings=[
                "slug",
                "label_title",
                "current_title",
                "previous_title",
                "show_total",
                BlockGroup(
                    ["typed_total_current", "typed_total_previous", "typed_total_difference", "typed_total_change"],
                    heading="Итоги, как в исходном документе",
                    classname="collapsed",
                ),
                "chart",
                "headline",
                "source",
            ],
        )
        preview_value = {
            "caption": "Обращения по темам",
            "slug": "po-temam",
            "current_title": "1 полугодие 2020 года",
            "previous_title": "1 полугодие 2019 года",
            "rows": [
                {"label": "Социальная сфера", "current": 885, "previous": 322},
                {"label": "Образование", "current": 125, "previous": 150},
            ],
            "chart": CHART_BARS,
            "show_total": True,
        }
        description = "Два периода рядом: разница и изменение в процентах вычисляются и сверяются с документом."

    def imported_values(self, value, parsed):
        typed = parsed.typed_total or {}
        result = {
            "typed_total_current": typed.get("current"),
            "typed_total_previous": typed.get("previous"),
            "typed_total_difference": typed.get("difference"),
            "typed_total_change": typed.get("typed_change"),
        }
        titles = parsed.source_titles or {}
        for key, name in (("label", "label_title"), ("current", "current_title"), ("previous", "previous_title")):
            title = titles.get(key, "")
            if not value.get(name) and title and not tabular.columns.is_standard_title(title):
                result[name] = title[:100]
        return result

    def row_value(self, row):
        return {
            "label": row.get("label") or "",
            "current": row.get("current") or 0,
            "previous": row.get("previous") or 0,
            "difference": row.get("difference"),
            "is_part": bool(row.get("is_part")),
        }

    def clean(self, value):
        value = super().clean(value)
        rows = list(value.get("rows") or [])
        structural = stats.structure_errors([row["label"] for row in rows], [bool(row["is_part"]) for row in rows])
        if structural:
            raise StructBlockValidationError(
                block_errors={
                    "rows": ListBlockValidationError(non_block_errors=[ValidationError(m) for m in structural])
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        from reports import presenters

        context = super().get_context(value, parent_context=parent_context)
        context["table"] = presenters.comparison_view(
            value, block_id="preview", page=None, vision=context.get("vision")
        )
        return context
