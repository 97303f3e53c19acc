"""A session change made while the shared cache does not answer holds when it answers again.

Found from outside (Redis paused during a logout, then back with its data): the
sessions were read through Redis (``cached_db``); django-redis with
IGNORE_EXCEPTIONS skipped the cache's delete, the database's row went, and when
Redis came back its copy let the old cookie into the admin again. The same
undid any change of the session made during the outage (an identification, a
step of the appeal form). Checked with the session engine the settings choose
when ``REDIS_URL`` is set, and an outage as django-redis makes it: every write
and delete of the cache silently skipped.
"""

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from importlib import import_module
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

pytestmark = pytest.mark.django_db

LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "session-outage"}


def _engine_with_redis() -> str:
    """SESSION_ENGINE as the settings decide it for a site with Redis."""
    code = "import json, portal.settings.base as s; print(json.dumps(s.SESSION_ENGINE))"
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6390/0"}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@contextmanager
def _cache_down():
    """The cache as django-redis leaves it with IGNORE_EXCEPTIONS while Redis does not answer."""
    cache = caches["default"]
    with (
        mock.patch.object(cache, "set", return_value=None),
        mock.patch.object(cache, "add", return_value=None),
        mock.patch.object(cache, "delete", return_value=None),
        mock.patch.object(cache, "get", return_value=None),
    ):
        yield


@pytest.fixture(scope="module")
def store_class():
    return import_module(_engine_with_redis()).SessionStore


@override_settings(CACHES={"default": LOCMEM, "pagecache": LOCMEM})
def test_a_logout_during_an_outage_stays_a_logout(store_class):
    session = store_class()
    session["_auth_user_id"] = "1"
    session.save()
    key = session.session_key
    store_class(key).load()  # read once while the cache answers (a copy there, if the engine keeps one)
    with _cache_down():
        store_class(key).flush()  # what logout does
    assert "_auth_user_id" not in store_class(key).load()


@override_settings(CACHES={"default": LOCMEM, "pagecache": LOCMEM})
def test_a_step_saved_during_an_outage_is_not_undone(store_class):
    session = store_class()
    session["appeal_step"] = "form"
    session.save()
    key = session.session_key
    store_class(key).load()
    with _cache_down():
        changed = store_class(key)
        changed["appeal_step"] = "preview"
        changed.save()
    assert store_class(key).load()["appeal_step"] == "preview"
