"""Stable addresses of the tables of a report: Latin slugs made from Russian captions."""

from __future__ import annotations

import re

from django.core.validators import RegexValidator
from django.utils.text import slugify

TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    }
)  # fmt: skip

MAX_LENGTH = 60
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

validate_table_slug = RegexValidator(
    SLUG_RE,
    "Адрес таблицы — строчные латинские буквы, цифры и дефисы, например «kanaly-postupleniya».",
    code="invalid_slug",
)


def transliterate(text: str, *, fallback: str = "tablitsa") -> str:
    """ "Каналы поступления обращений" → "kanaly-postupleniya-obrashcheniy" (at most 60 characters, whole words)."""
    slug = slugify(text.lower().translate(TRANSLIT))
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0] or slug[:MAX_LENGTH]
    return slug.strip("-") or fallback


def unique(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… whichever is not taken yet."""
    if slug not in taken:
        return slug
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"
