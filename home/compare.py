"""Revision comparison («Сравнить») in Russian: yes/no and empty values of StreamField blocks.

Wagtail compares a field block by its ``render_basic``, i.e. ``str(value)``: comparing two revisions of a
report showed «В том числе False → True» and «Доля в исходном документе, % None». Every leaf block of every
StreamField (except text, whose comparison is Wagtail's own) gets ``RussianValueComparison`` through the
``get_comparison_class`` attribute Wagtail's compare looks for on a block (set on the instances, so block
definitions and migrations do not change). Called from home.apps.
"""

from __future__ import annotations

import datetime

from django.apps import apps
from django.utils.html import escape
from wagtail import blocks
from wagtail.admin.compare import BlockComparison, diff_text, text_from_html
from wagtail.fields import StreamField

EMPTY = "—"
OWN_COMPARISON = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock, blocks.RawHTMLBlock)


def shown(block, value) -> str:
    """The value as plain Russian text: «да»/«нет», «—» for nothing, dates as 05.12.2026."""
    if value is None or value == "":
        return EMPTY
    if value is True or value is False:
        return "да" if value else "нет"
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return text_from_html(block.render_basic(value))


class RussianValueComparison(BlockComparison):
    def htmlvalue(self, val):
        return escape(shown(self.block, val))

    def htmldiff(self):
        return diff_text(shown(self.block, self.val_a), shown(self.block, self.val_b)).to_html()


def _comparison_class():
    return RussianValueComparison


def _leaves(block):
    if isinstance(block, blocks.ListBlock):
        yield from _leaves(block.child_block)
    elif isinstance(block, (blocks.StructBlock, blocks.StreamBlock)):
        for child in block.child_blocks.values():
            yield from _leaves(child)
    elif isinstance(block, blocks.FieldBlock) and not isinstance(block, OWN_COMPARISON):
        yield block


def stream_leaf_blocks():
    """Every field block (not text) of every model's StreamFields."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                yield from _leaves(field.stream_block)


def register() -> None:
    for block in stream_leaf_blocks():
        if not hasattr(block, "get_comparison_class"):
            block.get_comparison_class = _comparison_class
