"""The site's search backend: Wagtail's database backend, with Russian word forms on SQLite too.

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "home.searchbackend"``. On
PostgreSQL (and MySQL) this is Wagtail's own database backend: the
``russian`` configuration (``SEARCH_CONFIG``) stems words and folds «ё»; a
multi-word query is ranked as a whole (home/searchpg.py). On
SQLite, Wagtail's FTS5 backend compares words as typed, so this module stores
the index's title and body as stems (home.searchtext.index_text) and stems the
words of a query the same way; autocomplete is folded, not stemmed (PostgreSQL
uses the ``simple`` configuration there).

The SQLite classes are in home/searchsqlite.py. An index built with other search fields or text
rules is rebuilt by ``migrate`` (home/searchindex.py); ``load_demo_content`` rebuilds the demo's index.
"""

from __future__ import annotations

from django.db import connection
from modelsearch.backends import database as wagtail_database

from home.searchtext import index_text


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    backend = wagtail_database.SearchBackend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        from home.searchsqlite import RussianSQLiteSearchBackend

        return RussianSQLiteSearchBackend(params)
    if type(backend).__name__ == "PostgresSearchBackend":
        from home.searchpg import RussianPostgresSearchBackend

        return RussianPostgresSearchBackend(params)
    return backend


def index_is_stale() -> bool:
    """Whether a live page is missing from the search index (or, on SQLite, indexed unstemmed).

    ``load_demo_content`` rebuilds the index then: pages are indexed by tasks,
    which `make run`'s worker may not have run yet, and an index built before
    this backend holds words as typed.
    """
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    pages = {
        (str(pk), ct): title
        for pk, ct, title in Page.objects.live().filter(depth__gt=1).values_list("pk", "content_type_id", "title")
    }
    entries = IndexEntry.objects.filter(object_id__in=[pk for pk, _ in pages]).values_list(
        "object_id", "content_type_id", "title"
    )
    indexed = {(object_id, ct): title for object_id, ct, title in entries}
    if not set(pages) <= set(indexed):
        return True
    if connection.vendor != "sqlite":
        return False
    # The first title field is the page title (other title fields may follow it).
    return any(not indexed[key].startswith(index_text(title)) for key, title in pages.items())
