"""Filters of the regulations templates: a document's format and size, names that wrap well."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from home.textformat import no_break

register = template.Library()

KB = 1024
MB = 1024 * KB


def _decimal(value: float) -> str:
    """One decimal with a comma, without a trailing ",0": 1.25 -> "1,3", 2.0 -> "2"."""
    text = f"{value:.1f}".replace(".", ",")
    return text.removesuffix(",0")


@register.filter
def size_ru(size: int | None) -> str:
    """File size in Russian units: 900 -> "900 байт", 245760 -> "240 КБ", 1258291 -> "1,2 МБ"."""
    if size is None:
        return ""
    if size < KB:
        return f"{size} байт"
    if size < MB:
        return f"{max(1, round(size / KB))} КБ"
    return f"{_decimal(size / MB)} МБ"


@register.filter
def document_meta(document) -> str:
    """The format and, when known, the size of a Wagtail document: "PDF, 240 КБ"."""
    if document is None:
        return ""
    parts = [document.file_extension.upper()] if document.file_extension else []
    # Uploads through the admin store the size; for older documents Wagtail reads it once and saves it.
    size = size_ru(document.get_file_size())
    if size:
        parts.append(size)
    return ", ".join(parts)


# "от 02.05.2006" and "№ 59-ФЗ" must not break across lines ("№" at the end of one line, "59-" at the end of another).
_DETAILS = re.compile(r"(от \d{2}\.\d{2}\.\d{4}|№ [^\s«»,]+)")


@register.filter
def nowrap_details(text: str) -> str:
    """The name with its date and number kept whole on one line (escaped, then marked up), and the house's
    no-break spaces elsewhere (``home.textformat.no_break``: «от 1 ноября 2026 года», «в 2026 году»)."""
    marked = _DETAILS.sub(r'<span class="reg-nowrap">\1</span>', conditional_escape(text))
    return mark_safe(no_break(marked))  # noqa: S308 - escaped above; only no-break spaces are added
