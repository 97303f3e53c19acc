"""The session store (home.sessions): Django's database sessions, read and updated with plain SQL.

What a resident relies on: the identification and the draft kept between requests, an expired or
deleted session never coming back, and rows that Django's own store reads and writes the same way.
"""

from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.backends import db as django_db
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home import sessions

pytestmark = pytest.mark.django_db


def _saved(**data) -> sessions.SessionStore:
    store = sessions.SessionStore()
    store.update(data)
    store.save()
    return store


def test_the_settings_use_this_store():
    assert import_module(settings.SESSION_ENGINE).SessionStore is sessions.SessionStore


def test_what_is_saved_is_read_back_with_one_statement():
    key = _saved(identity={"email": "ivanova@почта.рф"}).session_key
    store = sessions.SessionStore(key)
    with CaptureQueriesContext(connection) as queries:
        assert store["identity"] == {"email": "ivanova@почта.рф"}
    assert len(queries) == 1


def test_an_update_is_one_statement_and_is_read_back():
    key = _saved(step="form").session_key
    store = sessions.SessionStore(key)
    store["step"] = "check"
    with CaptureQueriesContext(connection) as queries:
        store.save()
    assert len(queries) == 1
    assert sessions.SessionStore(key)["step"] == "check"
    assert Session.objects.count() == 1


@pytest.mark.parametrize(("seconds", "kept"), [(60, True), (-60, False)])
def test_a_session_is_read_until_it_expires_and_never_after(seconds, kept):
    key = _saved(step="form").session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(seconds=seconds))
    store = sessions.SessionStore(key)
    assert store.get("step") == ("form" if kept else None)
    if not kept:
        store["step"] = "new"
        store.save()
        assert store.session_key != key, "an expired session is never written over: a new key"


def test_a_session_deleted_meanwhile_is_not_written_again():
    key = _saved(step="form").session_key
    store = sessions.SessionStore(key)
    assert store["step"] == "form"  # read at the start of the request
    Session.objects.filter(session_key=key).delete()  # a logout in another tab
    store["step"] = "check"
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.filter(session_key=key).exists()


def test_djangos_own_store_and_this_one_read_each_others_rows():
    ours = _saved(draft={"text": "Не горят фонари"})
    assert django_db.SessionStore(ours.session_key)["draft"] == {"text": "Не горят фонари"}
    theirs = django_db.SessionStore()
    theirs["draft"] = {"text": "Яма у дома № 5"}
    theirs.save()
    store = sessions.SessionStore(theirs.session_key)
    assert store["draft"] == {"text": "Яма у дома № 5"}
    assert store.get_expiry_date() > timezone.now()
