"""The body of a report: text pieces from home.blocks and the statistics blocks of this app.

The table children come from the registry of table kinds (``reports.kinds``): one child per kind, named by
its block type, between the key figures and the register block (the order the migrations record).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError, StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError

from home.blocks import CalloutBlock, DocumentLinkBlock, HeadingBlock, RichTextBlock
from reports import kinds, slugs

from .figures import BREAKDOWN_SLUGS, KeyFiguresBlock, RegisterStatisticsBlock

REGISTER = "register_statistics"


def _slugged(block_type: str) -> bool:
    """Whether a child publishes downloadable tables under slugs: every table kind and the register block."""
    return block_type == REGISTER or kinds.is_table(block_type)


def _imports_both(child) -> bool:
    """Whether a table child asks to import its compound cells as two tables (and has something to import)."""
    value = child.value
    return (
        kinds.is_table(child.block_type)
        and value.get("compound") == "both"
        and bool((value.get("paste") or "").strip() or value.get("upload"))
    )


def register_table_slugs(value) -> list[str]:
    """The download slugs of a register statistics block: one table per breakdown."""
    return [
        f"{value['slug']}-{BREAKDOWN_SLUGS[key]}" for key in value.get("breakdowns") or [] if key in BREAKDOWN_SLUGS
    ]


def _children() -> list[tuple[str, blocks.Block]]:
    """The body's blocks in the order of the editor's «add» menu: one table child per registered kind."""
    return [
        ("heading", HeadingBlock()),
        ("paragraph", RichTextBlock()),
        ("callout", CalloutBlock()),
        ("document", DocumentLinkBlock()),
        ("key_figures", KeyFiguresBlock()),
        *((kind.block_type, kind.block()) for kind in kinds.registered().values()),
        (REGISTER, RegisterStatisticsBlock()),
    ]


class ReportStreamBlock(blocks.StreamBlock):
    def __init__(self, local_blocks=None, **kwargs):
        super().__init__([*_children(), *(local_blocks or [])], **kwargs)

    class Meta:
        block_counts = {}

    def clean(self, value):
        value = self._split_compound_imports(value)
        # Which tables came without a slug: a slug made from their caption may be made unique here,
        # while a slug the editor typed is never changed behind their back.
        typed = {index for index, child in enumerate(value) if _slugged(child.block_type) and child.value.get("slug")}
        value = super().clean(value)
        errors = {}
        taken: dict[str, int] = {}
        headlines = []
        for index, child in enumerate(value):
            if not _slugged(child.block_type):
                continue
            if kinds.is_table(child.block_type) and child.value.get("headline"):
                headlines.append(index)
            if index not in typed:
                reserved = set(taken) | self._typed_slugs(value, typed, after=index)
                child.value["slug"] = slugs.unique(child.value["slug"], reserved)
            own = register_table_slugs(child.value) if child.block_type == REGISTER else [child.value["slug"]]
            clash = next((slug for slug in own if slug in taken), None)
            if clash is not None:
                errors[index] = StructBlockValidationError(
                    block_errors={
                        "slug": ValidationError(
                            f"Адрес «{clash}» уже занят другой таблицей на этой странице: укажите другой."
                        )
                    }
                )
                continue
            taken.update(dict.fromkeys(own, index))
        for index in headlines[1:]:
            errors[index] = StructBlockValidationError(
                block_errors={"headline": ValidationError("Главным показателем отчёта может быть только одна таблица.")}
            )
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value

    def _split_compound_imports(self, value):
        """A table importing cells «412/2 380» as «both» becomes two tables: the first and the second numbers."""
        if not any(_imports_both(child) for child in value):
            return value
        children = []
        for child in value:
            if not _imports_both(child):
                children.append((child.block_type, child.value, child.id))
                continue
            for reading, suffix, block_id in (("first", "первые числа", child.id), ("second", "вторые числа", None)):
                copy = child.block.to_python(child.block.get_prep_value(child.value))
                copy["compound"] = reading
                caption = (copy.get("caption") or "").strip()
                copy["caption"] = f"{caption} ({suffix})"[:255] if caption else f"Таблица ({suffix})"
                copy["slug"] = f"{copy['slug']}-{2 if reading == 'second' else 1}" if copy.get("slug") else ""
                children.append((child.block_type, copy, block_id))
        return StreamValue(self, children)

    @staticmethod
    def _typed_slugs(value, typed: set[int], *, after: int) -> set[str]:
        """The slugs editors typed on the tables below ``after``: an automatic slug must not take them."""
        found = set()
        for index, child in enumerate(value):
            if index <= after or index not in typed:
                continue
            found.add(child.value["slug"])
            if child.block_type == REGISTER:
                found.update(register_table_slugs(child.value))
        return found
