"""Stable addresses of the tables of a report: Latin slugs made from Russian captions."""

from __future__ import annotations

import re

from django.core.validators import RegexValidator

from home.translit import latin_slug

MAX_LENGTH = 60
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

validate_table_slug = RegexValidator(
    SLUG_RE,
    "Адрес таблицы — строчные латинские буквы, цифры и дефисы, например «kanaly-postupleniya».",
    code="invalid_slug",
)


def transliterate(text: str, *, fallback: str = "tablitsa") -> str:
    """ "Каналы поступления обращений" → "kanaly-postupleniya-obrashcheniy" (at most 60 characters, whole words)."""
    return latin_slug(text, max_length=MAX_LENGTH, fallback=fallback)


def unique(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… whichever is not taken yet."""
    if slug not in taken:
        return slug
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"
