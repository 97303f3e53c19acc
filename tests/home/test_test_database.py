"""The test database's shortcuts keep their promises (tests/postgresql_backend, tests/browser/demo_snapshot.py).

The PostgreSQL test backend flushes with DELETE in any table order, which is
only right while every foreign key is checked at commit; a key created
immediate (a hand-written migration, a new library) would make a flush fail
or a restored snapshot refuse its rows.
"""

import pytest
from django.core.management.color import no_style
from django.db import connection

from home.models import FooterMenuItem, NavigationSettings

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL-only test backend")


@pytest.mark.django_db
def test_every_foreign_key_is_deferred_to_commit():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint"
            " WHERE contype = 'f' AND NOT (condeferrable AND condeferred)"
        )
        immediate = cursor.fetchall()
        cursor.execute("SELECT count(*) FROM pg_constraint WHERE contype = 'f'")
        (keys,) = cursor.fetchone()
    assert keys > 50, "the query found the schema's foreign keys"
    assert immediate == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_flush_empties_referenced_and_referencing_tables_in_any_order():
    from wagtail.models import Site

    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    FooterMenuItem.objects.create(setting=nav, url="https://ssturf.ru/", title="ССТУ.РФ", sort_order=0)
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    statements = connection.ops.sql_flush(no_style(), tables)
    assert all(statement.startswith("DELETE FROM") for statement in statements)
    connection.ops.execute_sql_flush(statements)
    assert not FooterMenuItem.objects.exists()
    assert not NavigationSettings.objects.exists()
    assert not Site.objects.exists()


@pytest.mark.django_db
def test_test_connections_do_not_wait_for_the_disk_on_commit():
    """The test settings' ``synchronous_commit=off`` reaches every connection (the browser tests' server too)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        (value,) = cursor.fetchone()
    assert value == "off"
