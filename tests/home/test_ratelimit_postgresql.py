"""The database rate limiter under real concurrency: PostgreSQL, threads, committed transactions.

Transactional tests (each ends with a flush of every table) kept out of tests/home/test_ratelimit.py:
that file's tests run together in one pytest-xdist worker (tests/conftest.py REDIS_TEST_FILES), where
a flush between them would leave the next test an empty database.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections

from home.models import RateLimitCounter
from tests.home.test_ratelimit import NOW, hits


def run_at_once(threads_count: int, work) -> list[BaseException]:
    """``work()`` in ``threads_count`` threads released together; the errors they raised."""
    barrier = threading.Barrier(threads_count)
    errors: list[BaseException] = []

    def worker():
        try:
            barrier.wait()
            work()
        except BaseException as exc:  # noqa: BLE001 - any failure in a thread is reported by the caller
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_exact_under_concurrency_on_postgresql():
    threads_count, per_thread, limit = 8, 25, 50
    results: list[bool] = []
    lock = threading.Lock()

    def work():
        mine = hits(per_thread, key="race", limit=limit)
        with lock:
            results.extend(mine)

    assert run_at_once(threads_count, work) == []
    assert results.count(True) == limit
    assert len(results) == threads_count * per_thread
    assert RateLimitCounter.objects.get(scope="test").count == limit


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_wrong_refusal_when_threads_open_a_fresh_window_on_postgresql():
    # The reported race: 8 threads, limit 1000, a fresh key; the old
    # UPDATE-then-INSERT refused the request that lost the race to create the
    # window's row (30 wrong refusals in 22 of 30 windows). Every hit here is
    # far below the limit, so every one must be counted.
    threads_count, per_thread, windows, limit = 8, 5, 30, 1000
    refused: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    for window in range(windows):
        now = NOW + timedelta(hours=window + 1)

        def work(now=now, window=window):
            mine = hits(per_thread, key=f"fresh-{window}", limit=limit, now=now)
            with lock:
                refused.extend((window, i) for i, ok in enumerate(mine) if not ok)

        errors += run_at_once(threads_count, work)
    assert errors == []
    assert refused == []
    counts = RateLimitCounter.objects.filter(scope="test").values_list("count", flat=True)
    assert sorted(counts) == [threads_count * per_thread] * windows
