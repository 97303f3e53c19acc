import os

import pytest

# The Redis database that the Redis-backed tests flush: one of your own on a
# shared server (TEST_REDIS_URL). Those tests run one at a time, in one
# pytest-xdist worker (REDIS_TEST_FILES below).
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def demo_site(db):
    """The demo content, as `make run` loads it (on PostgreSQL copied back after a process's first load)."""
    from wagtail.models import Site

    from tests import demo_copy

    demo_copy.load()

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
    """TEST_REDIS_URL; only tests of REDIS_TEST_FILES may ask for it (they run in one pytest-xdist worker)."""
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


# The test files that use the Redis server's test databases (the redis_url and redis_pages_url
# fixtures). pytest-xdist runs all their tests in one worker, one after another: they flush those
# databases. (pytest-xdist's own --dist loadgroup cannot do it with pytest 9: it renames the items'
# node ids to carry the group, which pytest 9 no longer reads, so the "redis" group silently did
# nothing and the race test's counts were off by 50-100 % whenever the other worker flushed mid-race.)
REDIS_TEST_FILES = ("tests/home/test_ratelimit.py", "tests/home/test_page_cache.py")


def _test_file(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def pytest_collection_modifyitems(items):
    for item in items:
        uses_redis = {"redis_url", "redis_pages_url"} & set(getattr(item, "fixturenames", ()))
        in_redis_file = _test_file(item.nodeid) in REDIS_TEST_FILES
        if uses_redis and not in_redis_file:
            raise pytest.UsageError(f"{item.nodeid} uses Redis: add its file to REDIS_TEST_FILES in tests/conftest.py")
        if in_redis_file and _transactional(item):
            # The Redis files run as one unit, placed where their first test is: a flush there would
            # leave the worker's next (non-transactional) tests an empty database.
            raise pytest.UsageError(f"{item.nodeid}: a transactional test cannot live in a Redis test file")


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(marker and marker.kwargs.get("transaction")) or bool({"transactional_db", "live_server"} & fixtures)


def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's load scheduling, with the tests of REDIS_TEST_FILES kept together in one worker."""
    from xdist.scheduler import LoadScopeScheduling

    class RedisTestsTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "redis" if _test_file(nodeid) in REDIS_TEST_FILES else nodeid

    return RedisTestsTogether(config, log)
