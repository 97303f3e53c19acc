import os

import pytest
from django.core.management import call_command

# The Redis database that the Redis-backed tests flush: one of your own on a
# shared server (TEST_REDIS_URL). Those tests run one at a time, in one
# pytest-xdist worker (the "redis" group: `make test` runs with --dist loadgroup).
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def demo_site(db):
    """The demo content, as `make run` loads it."""
    call_command("load_demo_content", verbosity=0)
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def fragments_on(settings, tmp_path):
    """Production's per-process fragments (site, menus, routing, restrictions, reference lists),
    with a generation file of this test's own; the full-page cache stays off."""
    from home.pagecache import fragments

    settings.PAGE_CACHE_ENABLED = False
    settings.PAGE_CACHE_FRAGMENTS = True
    settings.PAGE_CACHE_GENERATION = "file"
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
    fragments.clear()
    yield
    fragments.clear()


@pytest.fixture
def redis_url():
    """TEST_REDIS_URL; a test that asks for it joins the "redis" group of pytest-xdist."""
    return TEST_REDIS_URL


@pytest.fixture
def redis_pages_url(redis_url):
    """The next Redis database after TEST_REDIS_URL's, for the page-cache tests.

    django-redis' ``cache.clear()`` flushes a whole database: the page cache's
    tests must not wipe the rate limiter's windows (or the reverse) even if
    two such tests ever run at once.
    """
    base, _, number = redis_url.rpartition("/")
    return f"{base}/{int(number or 0) + 1}"


def pytest_collection_modifyitems(items):
    for item in items:
        if {"redis_url", "redis_pages_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("redis"))
