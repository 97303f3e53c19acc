"""The shared rate limiter: exact counts in the database, hashed keys, closed windows pruned."""

import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from home import ratelimit
from home.models import RateLimitCounter

NOW = datetime(2030, 3, 12, 10, 10, 0, tzinfo=UTC)
HOUR = 3600


def hits(n: int, *, key: str = "198.51.100.1", scope: str = "test", limit: int = 3, now=NOW) -> list[bool]:
    return [ratelimit.hit(scope=scope, key=key, limit=limit, window_seconds=HOUR, now=now) for _ in range(n)]


@pytest.mark.django_db
def test_exactly_the_limit_is_allowed_in_a_window():
    assert hits(5) == [True, True, True, False, False]
    assert RateLimitCounter.objects.get().count == 3  # refused requests are not counted


@pytest.mark.django_db
def test_a_new_window_starts_afresh():
    hits(3)
    assert hits(1, now=NOW.replace(minute=59, second=59)) == [False]
    assert hits(1, now=NOW.replace(hour=11, minute=0)) == [True]


@pytest.mark.django_db
def test_keys_and_scopes_are_counted_separately():
    hits(3, key="a")
    assert hits(1, key="b") == [True]
    assert hits(1, key="a", scope="other") == [True]
    assert hits(1, key="a") == [False]


@pytest.mark.django_db
def test_a_zero_limit_allows_nothing():
    assert hits(1, limit=0) == [False]


@pytest.mark.django_db
def test_count_remaining_and_reset():
    hits(2)
    assert ratelimit.count(scope="test", key="198.51.100.1", window_seconds=HOUR, now=NOW) == 2
    assert ratelimit.remaining(scope="test", key="198.51.100.1", limit=3, window_seconds=HOUR, now=NOW) == 1
    assert ratelimit.remaining(scope="test", key="unknown", limit=3, window_seconds=HOUR, now=NOW) == 3
    assert ratelimit.reset(scope="test", key="198.51.100.1") == 1
    assert hits(3) == [True, True, True]


def test_retry_after_counts_to_the_end_of_the_window():
    assert ratelimit.retry_after(window_seconds=HOUR, now=NOW) == 50 * 60
    assert ratelimit.retry_after(window_seconds=60, now=NOW + timedelta(seconds=59.5)) == 1


@pytest.mark.django_db
def test_no_raw_key_is_stored():
    hits(1, key="ivanov@mail.ru")
    row = RateLimitCounter.objects.get()
    assert "ivanov" not in row.key_hash and len(row.key_hash) == 64
    assert row.key_hash == ratelimit.key_hash(scope="test", key="ivanov@mail.ru")
    assert row.key_hash != ratelimit.key_hash(scope="other", key="ivanov@mail.ru")


@pytest.mark.django_db
def test_each_hit_is_one_statement():
    # One INSERT ... ON CONFLICT DO UPDATE ... RETURNING: no gap between a
    # check and a write in which a concurrent request could create the row.
    with CaptureQueriesContext(connection) as queries:
        assert hits(4) == [True, True, True, False]
    assert len(queries) == 4
    assert all("ON CONFLICT" in query["sql"] for query in queries.captured_queries)
    assert RateLimitCounter.objects.get().count == 3


@pytest.mark.django_db
def test_prune_deletes_closed_windows_only():
    hits(1, now=NOW - timedelta(hours=2))
    hits(1, now=NOW)
    assert ratelimit.prune(now=NOW) == 1
    assert RateLimitCounter.objects.get().window_start == datetime(2030, 3, 12, 10, tzinfo=UTC)


@pytest.mark.django_db
def test_the_prune_command(capsys):
    hits(1, now=datetime(2020, 1, 1, tzinfo=UTC))
    call_command("prune_ratelimits")
    assert "Удалено счётчиков: 1" in capsys.readouterr().out
    assert not RateLimitCounter.objects.exists()


class TestClientIp:
    def request(self, **meta):
        return RequestFactory().get("/", **meta)

    def test_remote_addr_by_default_and_forwarded_for_ignored(self, settings):
        settings.RATELIMIT_TRUSTED_PROXY_COUNT = 0
        request = self.request(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.9")
        assert ratelimit.client_ip(request) == "203.0.113.5"

    def test_behind_one_proxy_the_address_it_saw(self, settings):
        settings.RATELIMIT_TRUSTED_PROXY_COUNT = 1
        # The client may send its own X-Forwarded-For; the proxy appends the real one.
        request = self.request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
        assert ratelimit.client_ip(request) == "203.0.113.5"

    def test_ipv6_is_counted_per_64_network(self, settings):
        settings.RATELIMIT_TRUSTED_PROXY_COUNT = 0
        a = ratelimit.client_ip(self.request(REMOTE_ADDR="2001:db8:1:2:aaaa::1"))
        b = ratelimit.client_ip(self.request(REMOTE_ADDR="2001:db8:1:2:bbbb::2"))
        assert a == b == "2001:db8:1:2::/64"
        assert ratelimit.client_ip(self.request(REMOTE_ADDR="::ffff:203.0.113.5")) == "203.0.113.5"


# -- The Redis store (production with REDIS_URL) --------------------------------------------------------------


def _redis_cache(location: str, timeout: float = 0.5) -> dict:
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": timeout, "SOCKET_TIMEOUT": timeout},
        }
    }


@pytest.fixture
def redis_store(settings, redis_url):
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(redis_url, socket_connect_timeout=0.5)
    try:
        client.flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = _redis_cache(redis_url)
    settings.RATELIMIT_STORE = ratelimit.STORE_REDIS
    yield client
    client.flushdb()


@pytest.fixture(autouse=True)
def _own_redis_keys(monkeypatch):
    """Each test's Redis windows under a prefix of its own: nothing another test leaves or clears is counted."""
    monkeypatch.setattr(ratelimit, "REDIS_KEY_PREFIX", f"ratelimit-test-{uuid.uuid4().hex[:12]}")


@pytest.mark.django_db
class TestRedisStore:
    def test_exactly_the_limit_and_no_database_write(self, redis_store):
        assert hits(5) == [True, True, True, False, False]
        assert not RateLimitCounter.objects.exists()
        assert ratelimit.count(scope="test", key="198.51.100.1", window_seconds=HOUR, now=NOW) == 3

    def test_windows_keys_and_scopes_are_separate(self, redis_store):
        hits(3, key="a")
        assert hits(1, key="a") == [False]
        assert hits(1, key="b") == [True]
        assert hits(1, key="a", scope="other") == [True]
        assert hits(1, key="a", now=NOW.replace(hour=11, minute=0)) == [True]

    def test_a_window_expires_when_it_closes_and_keeps_no_raw_key(self, redis_store):
        hits(1, key="ivanov@mail.ru")
        (name,) = redis_store.keys("*")
        assert b"ivanov" not in name
        # NOW is 10:10 in an hourly window: 50 minutes left.
        assert 49 * 60 * 1000 < redis_store.pttl(name) <= 50 * 60 * 1000

    def test_remaining_and_reset(self, redis_store):
        hits(2)
        assert ratelimit.remaining(scope="test", key="198.51.100.1", limit=3, window_seconds=HOUR, now=NOW) == 1
        assert ratelimit.reset(scope="test", key="198.51.100.1") == 1
        assert hits(3) == [True, True, True]

    def test_installations_sharing_one_redis_database_keep_their_own_windows(self, redis_store, settings, redis_url):
        # A region's towns on one Redis database (16 databases by default, one in a cluster): each
        # installation's REDIS_KEY_PREFIX keeps its windows apart, reset included.
        from portal.settings.cache import cache_settings

        def installation(prefix: str) -> None:
            settings.CACHES = cache_settings(redis_url, prefix)

        installation("town-a")
        assert hits(4) == [True, True, True, False]
        installation("town-b")
        assert hits(1) == [True]
        assert ratelimit.reset(scope="test", key="198.51.100.1") == 1
        installation("town-a")
        assert hits(1) == [False]
        assert not RateLimitCounter.objects.exists()
        assert {name.split(b":")[0] for name in redis_store.keys("*")} == {b"town-a"}

    def test_a_glob_character_in_the_prefix_resets_only_its_own_windows(self, redis_store, settings, redis_url):
        from portal.settings.cache import cache_settings

        settings.CACHES = cache_settings(redis_url, "town-b")
        hits(3)
        settings.CACHES = cache_settings(redis_url, "town-?")
        hits(3)
        assert ratelimit.reset(scope="test", key="198.51.100.1") == 1
        settings.CACHES = cache_settings(redis_url, "town-b")
        assert hits(1) == [False]

    def test_exact_under_concurrency(self, redis_store, settings, redis_url, monkeypatch):
        # Redis' own atomicity is what is tested: on a loaded CI machine a
        # 0.5 s socket timeout sent some hits to the database fallback (whose
        # concurrency SQLite cannot give), so the timeout is generous and a
        # fallback fails the test instead of blurring the count.
        settings.CACHES = _redis_cache(redis_url, timeout=10)
        # One client shared by the threads, as a gunicorn worker's threads would share its
        # connection pool: in the full suite, threads building Django's per-thread cache
        # objects gave counts off by 60-100 % about one run in two (never reproduced alone;
        # the failure message below names the keys and their values if it comes back).
        redis = pytest.importorskip("redis")
        shared = redis.Redis.from_url(redis_url, socket_connect_timeout=10, socket_timeout=10)
        monkeypatch.setattr(ratelimit, "_redis", lambda: shared)

        def no_fallback(**kwargs):
            raise AssertionError("Redis did not answer: the hit fell back to the database")

        monkeypatch.setattr(ratelimit, "_db_hit", no_fallback)
        threads_count, per_thread, limit = 8, 25, 50
        barrier = threading.Barrier(threads_count)
        results: list[bool] = []
        lock = threading.Lock()

        def worker():
            barrier.wait()
            mine = [
                ratelimit.hit(scope="race", key="k", limit=limit, window_seconds=HOUR, now=NOW)
                for _ in range(per_thread)
            ]
            with lock:
                results.extend(mine)

        names: set[str] = set()
        real_key = ratelimit._redis_key

        def recording_key(**kwargs):
            name = real_key(**kwargs)
            names.add(name)
            return name

        monkeypatch.setattr(ratelimit, "_redis_key", recording_key)
        # A sentinel beside the race: if it is gone afterwards, something outside this test flushed
        # the database mid-race (the count restarted from 0) and the race is run again under a new prefix.
        sentinel = f"{ratelimit.REDIS_KEY_PREFIX}:sentinel"
        for attempt in range(2):
            results.clear()
            names.clear()
            shared.set(sentinel, "1")
            threads = [threading.Thread(target=worker) for _ in range(threads_count)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            flushed = not shared.exists(sentinel)
            if not flushed:
                break
            monkeypatch.setattr(ratelimit, "REDIS_KEY_PREFIX", f"{ratelimit.REDIS_KEY_PREFIX}-again{attempt}")
            sentinel = f"{ratelimit.REDIS_KEY_PREFIX}:sentinel"
            barrier.reset()
        # What the two clients see, should the count be off (a diagnosis for the failure message).
        from django_redis import get_redis_connection

        seen = {
            name: (redis_store.get(name), get_redis_connection("default").get(name), shared.get(name)) for name in names
        }
        assert results.count(True) == limit, (
            f"keys used and their values (fixture client, Django's, shared): {seen}; flushed mid-race: {flushed}"
        )
        assert len(results) == threads_count * per_thread

    def test_when_redis_does_not_answer_the_database_counts(self, settings, caplog):
        settings.CACHES = _redis_cache("redis://127.0.0.1:1/0")  # nothing listens on port 1
        settings.RATELIMIT_STORE = ratelimit.STORE_REDIS
        assert hits(4) == [True, True, True, False]
        assert RateLimitCounter.objects.get().count == 3
        assert "Redis did not answer" in caplog.text


@pytest.mark.django_db
def test_the_redis_store_without_a_redis_cache_counts_in_the_database(settings):
    settings.RATELIMIT_STORE = ratelimit.STORE_REDIS  # but CACHES is local memory
    assert ratelimit.store() == ratelimit.STORE_DATABASE
    assert hits(4) == [True, True, True, False]
    assert RateLimitCounter.objects.get().count == 3


def _both(*, ip_limit: int = 3, identity_limit: int = 2) -> bool:
    return ratelimit.hit_all(
        limits=[
            ratelimit.Limit(scope="send.ip", key="198.51.100.1", limit=ip_limit, window_seconds=HOUR),
            ratelimit.Limit(scope="send.identity", key="anna@example.ru", limit=identity_limit, window_seconds=HOUR),
        ],
        now=NOW,
    )


def _counts() -> tuple[int, int]:
    return (
        ratelimit.count(scope="send.ip", key="198.51.100.1", window_seconds=HOUR, now=NOW),
        ratelimit.count(scope="send.identity", key="anna@example.ru", window_seconds=HOUR, now=NOW),
    )


def _check_hit_all_is_hit_and_hit() -> None:
    # Like hit(ip) and hit(identity): the identity's limit refuses the third,
    # which the address still counts; the address's limit then refuses before the identity.
    assert [_both() for _ in range(4)] == [True, True, False, False]
    assert _counts() == (3, 2)
    assert _both(ip_limit=0) is False  # a closed limit counts nothing
    assert _counts() == (3, 2)


@pytest.mark.django_db
def test_several_limits_at_once_count_like_one_after_the_other():
    _check_hit_all_is_hit_and_hit()


@pytest.mark.django_db
def test_several_limits_at_once_in_redis_take_one_round_trip(redis_store, monkeypatch):
    calls = []
    real = ratelimit._redis_hit
    monkeypatch.setattr(ratelimit, "_redis_hit", lambda **kw: calls.append(kw) or real(**kw))
    _check_hit_all_is_hit_and_hit()
    assert len(calls) == 4  # one script call per request, both limits in it
    assert not RateLimitCounter.objects.exists()
