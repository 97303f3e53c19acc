"""Russian letters in Latin, one table for every address and file name the portal makes up.

Used for report tables' addresses (``reports.slugs``), officials' page
addresses (``schedules.models.reference``) and the names of downloaded files
(``reports.opendata``); the page addresses the admin suggests are spelt by it
too (``home.admin_slugs``: Wagtail's slug field with this table's replacements).
"""

from __future__ import annotations

from django.utils.text import slugify

LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
TRANSLIT = str.maketrans(LATIN)


def latin_slug(text: str, *, max_length: int, fallback: str) -> str:
    """«Каналы поступления обращений» → «kanaly-postupleniya-obrashcheniy»: at most ``max_length``
    characters, cut between whole words; ``fallback`` when nothing is left."""
    slug = slugify(text.lower().translate(TRANSLIT))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-") or fallback
