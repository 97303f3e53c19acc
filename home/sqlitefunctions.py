"""SQL functions SQLite lacks, registered on every SQLite connection (the embedded default of `make run`).

``portal_fold(text)``: lower case in every alphabet and «ё» as «е», as ``home.searchtext.fold``.
SQLite's ``lower()`` and ``LIKE`` fold ASCII letters only, so the appeal queue's search on SQLite
did not find «Ёлкина» for «елкина» nor «Новикова» for «нОВИКОВА»; PostgreSQL folds with
``translate(lower(...), 'ё', 'е')``, the expression its indexes are built on.
"""

from __future__ import annotations

from django.db.backends.signals import connection_created

from home.searchtext import fold

FOLD = "portal_fold"


def _fold(value):
    return None if value is None else fold(str(value))


def _register(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD, 1, _fold, deterministic=True)


def connect() -> None:
    """Register the functions on each new SQLite connection (HomeConfig.ready)."""
    connection_created.connect(_register, dispatch_uid="home.sqlitefunctions")
