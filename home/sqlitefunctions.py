"""SQL functions SQLite lacks, registered on every SQLite connection (the embedded default of `make run`).

SQLite's ``lower()`` and ``LIKE`` fold ASCII letters only. Django's ``icontains`` is ``LIKE`` there,
so on SQLite every case-insensitive search of the admin was case-sensitive for Russian: «кузнецов»
found no official, «управление» no addressee, «елкина» no appeal. PostgreSQL compares
``UPPER(...)`` in every alphabet.

- ``like(pattern, value[, escape])`` replaces SQLite's ``LIKE`` operator (SQLite lets a function
  named ``like`` do that): the same wildcards and escape, compared case-insensitively in every
  alphabet (``str.casefold``), as PostgreSQL's ``icontains`` does. «ё» stays «ё», as there.
- ``portal_fold(text)``: lower case in every alphabet and «ё» as «е», as ``home.searchtext.fold``
  (the appeal queue's search, whose PostgreSQL twin is ``translate(lower(...), 'ё', 'е')``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.db.backends.signals import connection_created

from home.searchtext import fold

FOLD = "portal_fold"


def _fold(value):
    return None if value is None else fold(str(value))


@lru_cache(maxsize=512)
def _like_regex(pattern: str, escape: str | None) -> re.Pattern:
    parts = []
    chars = iter(pattern.casefold())
    for char in chars:
        if escape and char == escape:
            parts.append(re.escape(next(chars, "")))
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.DOTALL)


def _like(pattern, value, escape=None):
    if pattern is None or value is None:
        return None
    return _like_regex(str(pattern), escape).fullmatch(str(value).casefold()) is not None


def _register(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        raw = connection.connection
        raw.create_function(FOLD, 1, _fold, deterministic=True)
        raw.create_function("like", 2, _like, deterministic=True)
        raw.create_function("like", 3, _like, deterministic=True)


def connect() -> None:
    """Register the functions on each new SQLite connection (HomeConfig.ready)."""
    connection_created.connect(_register, dispatch_uid="home.sqlitefunctions")
