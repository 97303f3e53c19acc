"""The ``demo_site`` fixture's shortcut keeps its promise (tests/demo_copy.py), on both databases."""

import pytest


@pytest.mark.django_db
def test_a_demo_copied_back_holds_the_rows_a_load_left(settings, monkeypatch):
    """``demo_site`` on PostgreSQL: after a process's first load, the rows come back by copy, ids included."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from tests import demo_copy

    settings.DEMO_COPY_CHECK = True  # a snapshot of this test's own (snapshots are kept per settings)
    with transaction.atomic():
        demo_copy.load()  # the first load: for real
        loaded = demo_copy._rows()
        transaction.set_rollback(True)

    def no_second_load(*args, **kwargs):
        raise AssertionError("loaded again instead of copied back")

    monkeypatch.setattr(demo_copy, "call_command", no_second_load)
    demo_copy.load()
    assert demo_copy._rows() == loaded
    get_user_model().objects.create(username="after-the-copy")  # the sequences run past the copied ids
