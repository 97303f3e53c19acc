"""PostgreSQL for the test suite: Django's backend with a flush that deletes instead of truncating.

A transactional test (the browser tests, the concurrency tests) ends with a
flush of every table. Django's PostgreSQL flush is one ``TRUNCATE`` of the
~100 tables, which creates a new file for each and costs 3–4 s on this
2-core machine; ``DELETE`` of the few rows a test leaves costs 0.05 s. Django
creates every foreign key ``DEFERRABLE INITIALLY DEFERRED`` and runs the
flush in one transaction, so the deletes may come in any order: the keys are
checked at commit, when every table is empty
(``tests/home/test_test_database.py`` checks that no key is immediate).
A flush that resets sequences keeps Django's ``TRUNCATE … RESTART IDENTITY``.
Used only by ``portal.settings.test``; production runs Django's own backend.
"""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
