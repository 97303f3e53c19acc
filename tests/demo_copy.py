"""The demo content for a test that runs in a transaction: loaded once per process, then copied back.

``load_demo_content`` takes 5–8 s (pages with their revisions, officials,
acts, reports, the search index), and some fifty tests start from it (the
``demo_site`` fixture). The first load in a process is done for real, with
every table's rows read before and after it (PostgreSQL: ``COPY … TO
STDOUT``). A later test whose database holds exactly the rows the first load
started from gets the tables the load changed emptied and their rows copied
back, the sequences set past them, and every cache dropped (a copy sends no
signals): what it sees is what a load would have left, ids included (its
timestamps are the first load's). Anything else (a fixture added or changed a
row first, or the test changed a setting, which the demo may read) loads for
real. The copy lives in the test's transaction and is rolled back with it;
the foreign keys are checked at a commit that never comes
(tests/home/test_test_database.py). On SQLite the search index's full-text
table follows ``wagtailsearch_indexentry`` by its triggers, so the copied rows
bring it back too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.conf import UserSettingsHolder, settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection


@dataclass(frozen=True)
class Snapshot:
    before: dict[str, object]  # table -> its rows (COPY text, or SQLite's tuples), right before the first load
    after: dict[str, object]  # the same, right after it


_snapshots: dict[tuple[str, str], Snapshot] = {}  # (database alias, the test's settings overrides)


def load() -> None:
    """The demo content in this test's database: copied back when it can be, loaded otherwise."""
    if connection.vendor not in ("postgresql", "sqlite"):
        call_command("load_demo_content", verbosity=0)
        return
    key = (connection.alias, _overridden_settings())
    snapshot = _snapshots.get(key)
    current = _rows()
    if snapshot is not None and current == snapshot.before:
        _restore(snapshot)
        for cache in caches.all(initialized_only=True):
            cache.clear()
        return
    call_command("load_demo_content", verbosity=0)
    if snapshot is None:
        _snapshots[key] = Snapshot(before=current, after=_rows())


def _overridden_settings() -> str:
    """The settings this test changed (pytest-django's ``settings``, ``override_settings``), as text."""
    holder, overridden = settings._wrapped, {}
    while isinstance(holder, UserSettingsHolder):
        for name, value in vars(holder).items():
            if name.isupper():
                overridden.setdefault(name, value)
        holder = holder.default_settings
    return repr(sorted((name, repr(value)) for name, value in overridden.items()))


def _rows() -> dict[str, object]:
    quote = connection.ops.quote_name
    rows = {}
    with connection.cursor() as cursor:
        for table in _tables():
            # In the order of the first column (the primary key, mostly), not of storage, which updates change.
            query = f"SELECT * FROM {quote(table)} ORDER BY 1"  # noqa: S608 (Django's table names)
            if connection.vendor == "sqlite":
                rows[table] = _sqlite_rows(table)
                continue
            with cursor.cursor.copy(f"COPY ({query}) TO STDOUT") as copy:
                rows[table] = b"".join(bytes(block) for block in copy)
    return rows


def _tables() -> list[str]:
    """Django's tables; on SQLite not the full-text tables, which triggers fill from the index's rows."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    if connection.vendor == "sqlite":
        virtual = [
            name
            for (name,) in connection.connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
            )
        ]
        tables = [table for table in tables if not any(table.startswith(name) for name in virtual)]
    return sorted(tables)


def _sqlite_rows(table: str) -> list[tuple]:
    """The rows as stored: each column read as ``+column``, an expression, which Django's converters
    (time, date, decimal: by the column's declared type) leave alone, so the values go back as they came."""
    quote = connection.ops.quote_name
    columns = [row[1] for row in connection.connection.execute(f"PRAGMA table_info({quote(table)})")]
    select = ", ".join(f"+{quote(column)}" for column in columns)
    return connection.connection.execute(f"SELECT {select} FROM {quote(table)} ORDER BY 1").fetchall()  # noqa: S608


def _restore(snapshot: Snapshot) -> None:
    quote = connection.ops.quote_name
    changed = [table for table, rows in snapshot.after.items() if snapshot.before.get(table) != rows]
    with connection.cursor() as cursor:
        for table in changed:
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
        for table in changed:
            rows = snapshot.after[table]
            if not rows:
                continue
            if connection.vendor == "sqlite":
                marks = ", ".join("?" * len(rows[0]))
                connection.connection.executemany(f"INSERT INTO {quote(table)} VALUES ({marks})", rows)  # noqa: S608
                continue
            with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                copy.write(rows)
        models = [model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in changed]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
