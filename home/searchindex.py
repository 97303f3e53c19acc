"""Keep the site search's index in step with what the code searches, across upgrades.

The index holds what every indexed model's ``search_fields`` named, processed
by the text rules of its time (on SQLite ``home.searchtext.index_text`` stores
stems). A release that adds a searched field (the pages' search description)
or changes those rules left an existing index answering the old way until
someone ran ``manage.py update_index``, and nothing said so.

Now the index's fingerprint (every indexed model with its fields and boosts,
the backend and its configuration, and what the text rules make of a probe
text) is stored when the index is rebuilt (``manage.py update_index``: home's
subclass of Wagtail's command) and compared after every ``migrate``, which
every deployment runs: an index of another fingerprint is rebuilt there and
then. A new database (an empty index) just records it: its pages are indexed
as they are saved.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS
from modelsearch.index import RelatedFields, get_indexed_models

from home.searchtext import index_text, separate_numbers

logger = logging.getLogger(__name__)

# Words the text rules treat specially (ё, stems of «-ём», word families,
# abbreviations): a change of the rules changes what they make of it.
PROBE_TEXT = "Приём граждан, записаться на личный приём; отчёт об обращениях в РФ, 59-ФЗ, № 164/2006-ОЗ"


def _field(field) -> str:
    if isinstance(field, RelatedFields):
        return f"{field.field_name}({','.join(_field(inner) for inner in field.fields)})"
    options = sorted((key, repr(value)) for key, value in field.kwargs.items())
    return f"{type(field).__name__}:{field.field_name}:{getattr(field, 'boost', None)}:{options}"


def fingerprint() -> str:
    """What the index of the default backend is built from, as a short hash."""
    config = settings.WAGTAILSEARCH_BACKENDS.get("default", {})
    parts = [
        repr(sorted((key, repr(value)) for key, value in config.items())),
        index_text(PROBE_TEXT),
        separate_numbers(PROBE_TEXT),
    ]
    for model in sorted(get_indexed_models(), key=lambda model: model._meta.label):
        parts.append(f"{model._meta.label}: {', '.join(_field(field) for field in model.get_search_fields())}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def recorded(*, using: str = DEFAULT_DB_ALIAS) -> str | None:
    from home.models import SearchIndexState

    return SearchIndexState.objects.using(using).filter(backend="default").values_list("fingerprint", flat=True).first()


def record(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Note that the index now holds what the code searches (after a rebuild, or for an empty index)."""
    from home.models import SearchIndexState

    SearchIndexState.objects.using(using).update_or_create(backend="default", defaults={"fingerprint": fingerprint()})


def _index_is_empty(using: str) -> bool:
    from wagtail.search.models import IndexEntry

    return not IndexEntry.objects.using(using).exists()


def rebuild_if_outdated(*, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Rebuild the index if it was built with other search fields or text rules; whether it was rebuilt.

    An index with no fingerprint was built before fingerprints were kept (an
    installation upgraded to this release) and is rebuilt once; an empty one
    only gets its fingerprint.
    """
    if using != DEFAULT_DB_ALIAS:
        return False  # the site search lives in the default database
    stored = recorded(using=using)
    if stored == fingerprint():
        return False
    if stored is None and _index_is_empty(using):
        record(using=using)
        return False
    logger.info("the search index was built with other search fields or text rules: rebuilding it (update_index)")
    call_command("update_index", verbosity=0)
    return True


def on_post_migrate(sender, *, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """``post_migrate`` of the home app: every deployment migrates, so every deployment checks the index."""
    from django.db import connections

    from home.models import SearchIndexState

    if SearchIndexState._meta.db_table not in connections[using].introspection.table_names():
        return  # migrating backwards past the table
    rebuild_if_outdated(using=using)
