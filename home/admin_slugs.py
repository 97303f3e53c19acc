"""The addresses the admin suggests for new pages, in the portal's own Latin letters.

Wagtail's slug field (its ``w-slug`` controller) spells Russian titles by its own table (GOST 7.79
system B): «Обращения граждан» became ``obrashheniya-grazhdan`` and «Хабаровск» ``xabarovsk``, while
every address the portal makes up itself (officials' pages, report tables, file names) reads
``obrashcheniya``, ``khabarovsk`` (home.translit). Wagtail's documented way to change what the field
does is its ``formatters``: replacements applied before its own transliteration, also when it checks
whether the slug still follows the title, and on an address typed in Russian by hand. Ours replace every
Russian letter by home.translit's table, so Wagtail's own table never sees one. Registered for every model
SlugField of the admin's forms (home.apps); the copy form («Копировать»), which Wagtail builds with its own
widget, is every page type's ``copy_form_class`` (home.models.mixins).
"""

from __future__ import annotations

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.widgets import SlugInput

from home.translit import LATIN


def _formatters() -> list[tuple[str, str]]:
    """One replacement per letter, lower and upper case («щ» → «shch», «Щ» → «Shch»)."""
    pairs = []
    for letter, latin in LATIN.items():
        pairs.append((letter, latin))
        pairs.append((letter.upper(), latin.capitalize()))
    return pairs


class PortalSlugInput(SlugInput):
    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters or _formatters(), locale=locale)


def register() -> None:
    """Use this widget wherever Wagtail's admin builds a form field for a model slug field."""
    register_form_field_override(models.SlugField, override={"widget": PortalSlugInput})


class PortalCopyForm(CopyForm):
    """Wagtail's «Копировать» form, its new address spelt like every other (``PortalSlugInput``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_slug"].widget = PortalSlugInput(locale=self.page.locale)
