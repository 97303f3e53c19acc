"""A rate limiter that is exact across gunicorn workers and hosts.

Two stores (``RATELIMIT_STORE``), both exact under concurrency:

- ``database`` (the default without Redis): ``home.RateLimitCounter``, one
  row per scope, key and fixed time window;
- ``redis`` (the default with ``REDIS_URL``): one Redis key per window,
  checked and incremented by one Lua script (atomic on the server), expiring
  with its window. No database write per request; if Redis does not answer,
  the request is counted in the database instead, so a Redis outage neither
  lifts the limits nor fails the request.

``hit`` counts one request and says whether it is within the limit;
``hit_all`` counts it against several limits in order, as ``hit(a) and hit(b)``
would, in one Redis round trip (the appeal form's sending limits). In the
database each hit is ONE statement, ``INSERT ... ON CONFLICT DO UPDATE SET
count = count + 1 WHERE count < limit RETURNING count`` (PostgreSQL and
SQLite 3.35+): the first request of a window inserts the row, later ones add
one while below the limit, and the database resolves concurrent first
requests itself. So concurrent requests never let more than ``limit``
through, and never refuse one below it (the earlier UPDATE-then-INSERT
refused a request that lost the race to create the row).

Keys are HMAC-SHA256 digests (keyed with SECRET_KEY), so no raw IP address or
e-mail address is stored. ``prune`` (``manage.py prune_ratelimits``) deletes
windows that have closed.

In the database store a hit is counted in the caller's transaction: if the
caller rolls back, the hit is rolled back too (in Redis it stays counted).

Usage::

    from home import ratelimit

    if not ratelimit.hit(scope="identity.code.ip", key=ip, limit=20, window_seconds=3600):
        wait = ratelimit.retry_after(window_seconds=3600)
        ...
"""

import ipaddress
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac

from home.models import RateLimitCounter

logger = logging.getLogger(__name__)

SCOPE_MAX_LENGTH = 64
STORE_DATABASE = "database"
STORE_REDIS = "redis"
REDIS_KEY_PREFIX = "ratelimit"

# KEYS[i] a window's key; ARGV[2i-1] its limit, ARGV[2i] the window's remaining
# lifetime in milliseconds. The limits are checked and counted in order, and the
# first one reached stops there (it and the later ones are not counted), as
# ``hit(a) and hit(b)`` would: one round trip for several limits. Returns 1
# (all counted) or 0 (a limit reached).
_HIT_SCRIPT = """
for i, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= tonumber(ARGV[2 * i - 1]) then return 0 end
  if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[2 * i]) end
end
return 1
"""


@dataclass(frozen=True)
class Limit:
    """One limit for ``hit_all``: ``limit`` requests of ``key`` in ``scope`` per window."""

    scope: str
    key: str
    limit: int
    window_seconds: int


def key_hash(*, scope: str, key: str) -> str:
    """The stored form of a key: an HMAC of scope and key, never the key itself."""
    return salted_hmac("home.ratelimit", f"{scope}\x00{key}", algorithm="sha256").hexdigest()


def window_start(*, window_seconds: int, now: datetime | None = None) -> datetime:
    """Start of the fixed window that contains ``now`` (windows are aligned to the Unix epoch)."""
    if window_seconds <= 0:
        raise ValueError("window_seconds must be positive")
    now = now or timezone.now()
    start = int(now.timestamp()) // window_seconds * window_seconds
    return datetime.fromtimestamp(start, tz=UTC)


def retry_after(*, window_seconds: int, now: datetime | None = None) -> int:
    """Whole seconds until the current window closes (at least 1)."""
    now = now or timezone.now()
    end = window_start(window_seconds=window_seconds, now=now) + timedelta(seconds=window_seconds)
    return max(1, int((end - now).total_seconds() + 0.999))


def _window_queryset(*, scope: str, key: str, window_seconds: int, now: datetime | None):
    _check_scope(scope)
    start = window_start(window_seconds=window_seconds, now=now)
    filters = {
        "scope": scope,
        "key_hash": key_hash(scope=scope, key=key),
        "window_seconds": window_seconds,
        "window_start": start,
    }
    return RateLimitCounter.objects.filter(**filters), filters


def _check_scope(scope: str) -> None:
    if not scope or len(scope) > SCOPE_MAX_LENGTH:
        raise ValueError(f"scope must be 1..{SCOPE_MAX_LENGTH} characters")


def store() -> str:
    """The store in use: ``redis`` when configured and the cache is django-redis, else ``database``."""
    if getattr(settings, "RATELIMIT_STORE", STORE_DATABASE) != STORE_REDIS:
        return STORE_DATABASE
    cache = settings.CACHES.get(_cache_alias(), {})
    return STORE_REDIS if cache.get("BACKEND", "").startswith("django_redis.") else STORE_DATABASE


def _cache_alias() -> str:
    """The cache whose Redis server holds the windows (``RATELIMIT_REDIS_CACHE``)."""
    return getattr(settings, "RATELIMIT_REDIS_CACHE", "default")


def _redis():
    from django_redis import get_redis_connection

    return get_redis_connection(_cache_alias())


def _redis_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def _redis_name(name: str) -> str:
    """A Redis key of this installation: the cache's KEY_PREFIX (``REDIS_KEY_PREFIX``) before it."""
    return caches[_cache_alias()].make_key(f"{REDIS_KEY_PREFIX}:{name}")


def _redis_key(*, scope: str, key: str, window_seconds: int, now: datetime | None) -> str:
    start = int(window_start(window_seconds=window_seconds, now=now).timestamp())
    return _redis_name(f"{scope}:{window_seconds}:{start}:{key_hash(scope=scope, key=key)}")


def _redis_hit(*, limits: Sequence[Limit], now: datetime | None) -> bool:
    names, args = [], []
    for item in limits:
        names.append(_redis_key(scope=item.scope, key=item.key, window_seconds=item.window_seconds, now=now))
        # The key lives until its window closes (counted from ``now``, not Redis' clock).
        args += [item.limit, max(1, retry_after(window_seconds=item.window_seconds, now=now) * 1000)]
    client = _redis()
    # redis-py's Script sends the script's SHA (EVALSHA) and loads it once when Redis lacks it.
    return bool(_hit_script(client)(keys=names, args=args, client=client))


@lru_cache(maxsize=1)
def _hit_script(client):
    """The script object (its SHA computed once); each call names the client it runs on."""
    return client.register_script(_HIT_SCRIPT)


def hit(*, scope: str, key: str, limit: int, window_seconds: int, now: datetime | None = None) -> bool:
    """Count one request for ``key`` in ``scope``.

    Returns True when the request is within ``limit`` requests per window (and
    counts it), False when the limit is already reached (nothing is counted).
    """
    return hit_all(limits=[Limit(scope=scope, key=key, limit=limit, window_seconds=window_seconds)], now=now)


def hit_all(*, limits: Sequence[Limit], now: datetime | None = None) -> bool:
    """Count one request against several limits, in order; exactly ``hit(a) and hit(b) and ...``.

    Returns True when every limit allowed (and counted) the request. The first
    limit already reached answers False: the limits before it stay counted, it
    and the ones after it are not. With Redis this is one round trip.
    """
    limits = list(limits)
    for item in limits:
        _check_scope(item.scope)
    closed = next((position for position, item in enumerate(limits) if item.limit <= 0), None)
    if closed is not None:
        # A limit of 0 refuses without counting anything; the limits before it count, as with ``and``.
        hit_all(limits=limits[:closed], now=now)
        return False
    if not limits:
        return True
    if store() == STORE_REDIS:
        try:
            return _redis_hit(limits=limits, now=now)
        except _redis_errors():
            logger.warning("Rate limit: Redis did not answer; counting in the database")
    return all(
        _db_hit(scope=item.scope, key=item.key, limit=item.limit, window_seconds=item.window_seconds, now=now)
        for item in limits
    )


def _db_hit(*, scope: str, key: str, limit: int, window_seconds: int, now: datetime | None) -> bool:
    _, filters = _window_queryset(scope=scope, key=key, window_seconds=window_seconds, now=now)
    expires_at = filters["window_start"] + timedelta(seconds=window_seconds)
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(connection.vendor), [*_upsert_params(filters, expires_at), limit])
        return cursor.fetchone() is not None


@lru_cache(maxsize=4)
def _upsert_sql(vendor: str) -> str:
    """One statement per hit: insert the window's row with 1, or add 1 while below the limit.

    ``INSERT ... ON CONFLICT ... DO UPDATE ... WHERE ... RETURNING`` (PostgreSQL
    9.5+, SQLite 3.35+). The row comes back when the hit was counted; no row
    when the limit was reached. The conflict is resolved inside the statement,
    so a concurrent first request can no longer be refused in the gap between
    an UPDATE and an INSERT.
    """
    meta = RateLimitCounter._meta
    table = connection.ops.quote_name(meta.db_table)
    column = {name: connection.ops.quote_name(meta.get_field(name).column) for name in _UPSERT_FIELDS}
    names = ", ".join(column[name] for name in _UPSERT_FIELDS)
    unique = ", ".join(column[name] for name in _UPSERT_FIELDS[:4])
    values = ", ".join(["%s"] * len(_UPSERT_FIELDS))
    count = column["count"]
    # Only quoted model names are interpolated; every value is a parameter.
    return (
        f"INSERT INTO {table} ({names}) VALUES ({values}) "  # noqa: S608
        f"ON CONFLICT ({unique}) DO UPDATE SET {count} = {table}.{count} + 1 "
        f"WHERE {table}.{count} < %s RETURNING {count}"
    )


# The first four are the unique constraint home_ratelimit_one_row_per_window.
_UPSERT_FIELDS = ("scope", "key_hash", "window_seconds", "window_start", "expires_at", "count")


def _upsert_params(filters: dict, expires_at: datetime) -> list:
    ops = connection.ops
    return [
        filters["scope"],
        filters["key_hash"],
        filters["window_seconds"],
        ops.adapt_datetimefield_value(filters["window_start"]),
        ops.adapt_datetimefield_value(expires_at),
        1,
    ]


def count(*, scope: str, key: str, window_seconds: int, now: datetime | None = None) -> int:
    """How many requests were counted in the current window (in both stores)."""
    window, _ = _window_queryset(scope=scope, key=key, window_seconds=window_seconds, now=now)
    counted = window.values_list("count", flat=True).first() or 0
    if store() == STORE_REDIS:
        try:
            name = _redis_key(scope=scope, key=key, window_seconds=window_seconds, now=now)
            counted += int(_redis().get(name) or 0)
        except _redis_errors():
            logger.warning("Rate limit: Redis did not answer")
    return counted


def remaining(*, scope: str, key: str, limit: int, window_seconds: int, now: datetime | None = None) -> int:
    """How many more requests ``hit`` would allow in the current window."""
    return max(0, limit - count(scope=scope, key=key, window_seconds=window_seconds, now=now))


def reset(*, scope: str, key: str) -> int:
    """Forget every window of ``key`` in ``scope``. Returns the number of windows deleted."""
    digest = key_hash(scope=scope, key=key)
    deleted, _ = RateLimitCounter.objects.filter(scope=scope, key_hash=digest).delete()
    if store() == STORE_REDIS:
        client = _redis()
        # The installation's prefix is matched literally (a glob character in it would match other keys).
        pattern = re.sub(r"([\\[\]*?])", r"\\\1", _redis_name("")) + f"{scope}:*:{digest}"
        names = list(client.scan_iter(match=pattern, count=1000))
        if names:
            deleted += client.delete(*names)
    return deleted


def prune(*, now: datetime | None = None) -> int:
    """Delete the windows that have closed. Returns the number of rows deleted.

    (Redis expires its windows by itself.)
    """
    deleted, _ = RateLimitCounter.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def client_ip(request) -> str:
    """The client's address as a rate-limit key.

    REMOTE_ADDR, or, behind ``RATELIMIT_TRUSTED_PROXY_COUNT`` reverse proxies,
    the address the outermost trusted proxy saw (taken from the right of
    X-Forwarded-For, so that a client cannot choose it). IPv6 addresses are
    reduced to their /64 network, which one household or device usually holds.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "RATELIMIT_TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64] or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
