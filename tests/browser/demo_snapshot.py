"""The demo content for each browser test, loaded once per process and then restored from a copy.

``load_demo_content`` takes seconds on SQLite and 8–30 s on PostgreSQL (pages,
revisions, images, search index), and every browser test starts from it.
After the first load in a process the rows are copied aside; each later test
gets the same rows back, ids included, in well under a second:

- SQLite in memory: the backup API copies the whole database;
- PostgreSQL: every Django table is copied into a schema of its own
  (``browser_demo``, outside the search path, inside this worker's test
  database) and copied back after the test's flush. The foreign keys are
  deferred (``tests/home/test_test_database.py``), so the tables may be filled
  in any order within one transaction; the sequences are then set past the
  restored ids.

A restore sends no signals, so Wagtail's cached site root paths and every
cache are dropped, as a load would.

Once a process holds the copy, a test that is about to restore it does not need
its serialized rollback first (``restore_replaces_rollback``): Django would
recreate the migrations' rows (content types, permissions, the root page) one
object and two statements at a time, about half a second per browser test on
PostgreSQL, only for the restore to replace every table a moment later.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA = "browser_demo"

# This process's database right after its first load_demo_content, per connection alias.
_sqlite: dict[str, sqlite3.Connection] = {}
_postgresql: dict[str, list[str]] = {}


def load() -> None:
    """The demo content in the test database: loaded the first time, restored after that."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        _sqlite_restore()
    elif connection.vendor == "postgresql":
        _postgresql_restore()
    else:
        call_command("load_demo_content", verbosity=0)
        return
    for cache in caches.all(initialized_only=True):
        cache.clear()


def held() -> bool:
    """Whether this process holds the copy, so that ``load()`` replaces every table of the test database."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return connection.alias in _sqlite
    return connection.vendor == "postgresql" and connection.alias in _postgresql


@contextmanager
def restore_replaces_rollback(restoring: bool) -> Iterator[None]:
    """While a test that will restore the copy is set up, its serialized rollback is skipped.

    ``restoring``: the test loads the demo content (it asks for ``site_pages``). The flush
    after the test is unchanged (it still leaves out post_migrate), so the next
    test starts from an empty database as before.
    """
    if not (restoring and held()):
        yield
        return
    creation = connection.creation
    creation.deserialize_db_from_string = lambda data: None  # the restore replaces what it would write
    try:
        yield
    finally:
        del creation.deserialize_db_from_string


def differences() -> dict[str, tuple[int, int]]:
    """Tables whose row count differs from the held copy's: {table: (now, in the copy)}."""
    quote = connection.ops.quote_name
    if connection.vendor == "sqlite":
        copy = _sqlite[connection.alias]
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        counted = {t: copy.execute(f"SELECT COUNT(*) FROM {quote(t)}").fetchone()[0] for t in tables}  # noqa: S608
    else:
        tables = _postgresql[connection.alias]
        with connection.cursor() as cursor:
            counted = {}
            for table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {SCHEMA}.{quote(table)}")  # noqa: S608 (Django's own table names)
                counted[table] = cursor.fetchone()[0]
    found = {}
    with connection.cursor() as cursor:
        for table, expected in counted.items():
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (Django's own table names)
            if (now := cursor.fetchone()[0]) != expected:
                found[table] = (now, expected)
    return found


def _sqlite_restore() -> None:
    connection.ensure_connection()
    snapshot = _sqlite.get(connection.alias)
    if snapshot is None:
        call_command("load_demo_content", verbosity=0)
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot)
        _sqlite[connection.alias] = snapshot
    else:
        snapshot.backup(connection.connection)


def _postgresql_restore() -> None:
    tables = _postgresql.get(connection.alias)
    quote = connection.ops.quote_name
    if tables is None:
        call_command("load_demo_content", verbosity=0)
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {SCHEMA}")
            for table in tables:
                cursor.execute(f"CREATE TABLE {SCHEMA}.{quote(table)} AS TABLE public.{quote(table)}")
        _postgresql[connection.alias] = tables
        return
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM public.{quote(table)}")  # noqa: S608 (Django's own table names)
            cursor.execute(f"INSERT INTO public.{quote(table)} SELECT * FROM {SCHEMA}.{quote(table)}")  # noqa: S608
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(statement)
