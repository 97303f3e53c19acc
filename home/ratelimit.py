"""A rate limiter that is exact across gunicorn workers and hosts.

Counters live in the database (``home.RateLimitCounter``), one row per scope,
key and fixed time window. ``hit`` counts one request and says whether it is
within the limit; the increment is a single conditional UPDATE
(``count = count + 1 WHERE count < limit``), so concurrent requests on
PostgreSQL or SQLite never let more than ``limit`` through. The first request
of a window inserts the row; two first requests racing each other are resolved
by the unique constraint and a retry.

Keys are HMAC-SHA256 digests (keyed with SECRET_KEY), so no raw IP address or
e-mail address is stored. ``prune`` (``manage.py prune_ratelimits``) deletes
windows that have closed.

A hit is counted in the caller's transaction: if the caller rolls back, the
hit is rolled back too.

Usage::

    from home import ratelimit

    if not ratelimit.hit(scope="identity.code.ip", key=ip, limit=20, window_seconds=3600):
        wait = ratelimit.retry_after(window_seconds=3600)
        ...
"""

import ipaddress
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from home.models import RateLimitCounter

SCOPE_MAX_LENGTH = 64


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
    if not scope or len(scope) > SCOPE_MAX_LENGTH:
        raise ValueError(f"scope must be 1..{SCOPE_MAX_LENGTH} characters")
    start = window_start(window_seconds=window_seconds, now=now)
    filters = {
        "scope": scope,
        "key_hash": key_hash(scope=scope, key=key),
        "window_seconds": window_seconds,
        "window_start": start,
    }
    return RateLimitCounter.objects.filter(**filters), filters


def hit(*, scope: str, key: str, limit: int, window_seconds: int, now: datetime | None = None) -> bool:
    """Count one request for ``key`` in ``scope``.

    Returns True when the request is within ``limit`` requests per window (and
    counts it), False when the limit is already reached (nothing is counted).
    """
    if limit <= 0:
        return False
    window, filters = _window_queryset(scope=scope, key=key, window_seconds=window_seconds, now=now)
    if window.filter(count__lt=limit).update(count=F("count") + 1):
        return True
    if window.exists():
        return False
    try:
        # A savepoint, so that losing the race does not break the caller's transaction.
        with transaction.atomic():
            RateLimitCounter.objects.create(
                **filters,
                expires_at=filters["window_start"] + timedelta(seconds=window_seconds),
                count=1,
            )
        return True
    except IntegrityError:
        # Another request created the row first: count against it.
        return bool(window.filter(count__lt=limit).update(count=F("count") + 1))


def count(*, scope: str, key: str, window_seconds: int, now: datetime | None = None) -> int:
    """How many requests were counted in the current window."""
    window, _ = _window_queryset(scope=scope, key=key, window_seconds=window_seconds, now=now)
    return window.values_list("count", flat=True).first() or 0


def remaining(*, scope: str, key: str, limit: int, window_seconds: int, now: datetime | None = None) -> int:
    """How many more requests ``hit`` would allow in the current window."""
    return max(0, limit - count(scope=scope, key=key, window_seconds=window_seconds, now=now))


def reset(*, scope: str, key: str) -> int:
    """Forget every window of ``key`` in ``scope``. Returns the number of rows deleted."""
    deleted, _ = RateLimitCounter.objects.filter(scope=scope, key_hash=key_hash(scope=scope, key=key)).delete()
    return deleted


def prune(*, now: datetime | None = None) -> int:
    """Delete the windows that have closed. Returns the number of rows deleted."""
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
