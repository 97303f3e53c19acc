"""A browser test's database after the demo copy is restored (tests/browser/demo_snapshot.py).

Once a process holds the copy, a test that restores it skips its serialized
rollback (the restore replaces every table anyway). What the rollback would have
written must be there all the same: the migrations' rows (content types,
permissions, groups, ...) that the demo content keeps, and the demo content on top,
table by table as the copy holds them.
"""

import pytest
from django.core import serializers
from django.db import connection

from tests.browser import demo_snapshot

# Rows of the migrations that loading the demo content never removes (it replaces Wagtail's welcome page).
KEPT = {"contenttypes.contenttype", "auth.permission", "auth.group", "wagtailcore.locale", "wagtailcore.collection"}


# Twice: the first may be the process's first load; the second always restores a held copy.
@pytest.mark.parametrize("turn", ["first", "second"])
def test_a_restored_demo_holds_the_migrations_rows_and_the_copy(turn, site_pages):
    assert demo_snapshot.held()
    written = [
        item.object
        for item in serializers.deserialize("json", connection._test_serialized_contents)
        if item.object._meta.label_lower in KEPT
    ]
    assert len(written) > 100, "the migrations write content types, permissions and groups"
    missing = [
        f"{obj._meta.label} {obj.pk}" for obj in written if not type(obj)._base_manager.filter(pk=obj.pk).exists()
    ]
    assert not missing, missing[:20]
    assert demo_snapshot.differences() == {}
    assert site_pages.home_page.live
