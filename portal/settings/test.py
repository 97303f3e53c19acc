"""Settings for the test suite: fast, isolated, no network."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

_tmp = Path(tempfile.mkdtemp(prefix="portal-tests-"))
MEDIA_ROOT = _tmp / "media"
PRIVATE_MEDIA_ROOT = _tmp / "private"
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = _tmp / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The page cache and the per-process fragments outlive the rolled-back test
# transactions; tests that exercise them turn them on themselves
# (tests/home/test_page_cache.py, tests/perf/).
PAGE_CACHE_ENABLED = False
PAGE_CACHE_FRAGMENTS = False

# PostgreSQL: a flush that deletes rather than truncates (tests/postgresql_backend: 3–4 s saved
# at the end of every transactional test).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "tests.postgresql_backend"
    # A commit does not wait for its WAL to reach the disk (the test databases are thrown away; a crash of
    # the server loses at most the last moments, never consistency): the transactional and browser tests
    # commit thousands of times.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
