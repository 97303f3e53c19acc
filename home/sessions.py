"""Django's database sessions, read and updated with one plain statement each (``SESSION_ENGINE``).

Every request of a resident's visit reads the session (the identification and
the appeal form's draft live there) and two of them write it. Django's own
database store builds each of those through the ORM: a ``get()`` compiled for
every request, a model instance saved in a savepoint for every update, about
0.4 ms of CPU each on PostgreSQL against 0.1 ms for the statement itself
(``bench/visit_profile.py``). This store sends the same SQL by hand for the two
common paths and leaves the rest to Django's class (creating a session, with
its unique-key retry; ``exists``; the async methods; ``clearsessions``).

The rows and their meaning are Django's: the same table, the same signed
``session_data``, the same ``expire_date``; a session expired or deleted is
missing, as before (``tests/home/test_sessions.py``).
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    """Django's ``backends.db.SessionStore``, with the read and the update as plain SQL."""

    def _sql(self, alias: str, template: str) -> str:
        """``template`` with the session table and its columns quoted for this database."""
        quote = connections[alias].ops.quote_name
        names = {field.name: quote(field.column) for field in self.model._meta.concrete_fields}
        return template.format(table=quote(self.model._meta.db_table), **names)

    def load(self) -> dict:
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                self._sql(alias, "SELECT {session_data} FROM {table} WHERE {session_key} = %s AND {expire_date} > %s"),
                [self.session_key, now],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None  # as Django's store: a missing or expired session gets a new key when saved
            return {}
        return self.decode(row[0])

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None or must_create:
            return super().save(must_create=must_create)  # a new row: Django's insert with its unique-key retry
        alias = router.db_for_write(self.model)
        connection = connections[alias]
        data = self.encode(self._get_session(no_load=False))
        expires = connection.ops.adapt_datetimefield_value(self.get_expiry_date())
        with connection.cursor() as cursor:
            cursor.execute(
                self._sql(alias, "UPDATE {table} SET {session_data} = %s, {expire_date} = %s WHERE {session_key} = %s"),
                [data, expires, self.session_key],
            )
            updated = cursor.rowcount
        if not updated:
            raise UpdateError  # deleted meanwhile (a logout elsewhere): SessionMiddleware answers SessionInterrupted
        return None
