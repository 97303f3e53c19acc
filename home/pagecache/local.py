"""This process's copies of the pages it served last, when the pages live in a shared cache (Redis).

A hit from Redis costs a round trip and unpickling the page; the same page
served again by the same worker (the home page, a schedule everyone opens)
needs neither. A copy is valid only for the generation it was stored with,
while this process's generation is fresh (``CacheGeneration.fresh``), and for
no longer than that recheck interval (``PAGE_CACHE_GENERATION_RECHECK_MS``)
itself: what a worker serves from its copies is never more than that interval
behind Redis, whether the generation changed or an entry expired there.
Bounded by ``PAGE_CACHE_LOCAL_BYTES`` of page bodies per process (the oldest
stored dropped first; a page over a quarter of it is never copied; 0: no copies).

It also keeps the keys whose page is never stored, whoever asks (the view says
so: ``policy.never_stored``; the appeal form: a CSRF token and the resident's
data), for the generation they were answered in: looking them up in Redis is a
round trip that always misses.
"""

from __future__ import annotations

import threading

from django.conf import settings

from . import generation

_lock = threading.Lock()
_pages: dict[str, tuple[str, tuple, float]] = {}  # key: (generation, page, monotonic time stored)
_held = [0]  # bytes of the bodies in _pages
_never: dict[str, str] = {}  # key: the generation its page was found never storable in
NEVER_KEYS = 256


def budget() -> int:
    return getattr(settings, "PAGE_CACHE_LOCAL_BYTES", 0)


def get(key: str, token: str, max_age: float) -> tuple | None:
    """The page (status, headers, body) of this key and generation stored less than ``max_age`` seconds ago, or None."""
    found = _pages.get(key)
    if found is None or found[0] != token or generation.clock() - found[2] >= max_age:
        return None
    return found[1]


def put(key: str, token: str, entry: tuple) -> None:
    limit, size = budget(), len(entry[2])
    if limit <= 0 or size > limit // 4:
        return
    with _lock:
        _drop(key)
        while _pages and _held[0] + size > limit:
            _drop(next(iter(_pages)))
        _pages[key] = (token, entry, generation.clock())
        _held[0] += size


def is_never_stored(key: str, token: str) -> bool:
    """Whether this key's page was answered as never storable in the generation ``token``."""
    return _never.get(key) == token


def remember_never_stored(key: str, token: str) -> None:
    with _lock:
        if key not in _never and len(_never) >= NEVER_KEYS:
            del _never[next(iter(_never))]
        _never[key] = token


def _drop(key: str) -> None:
    """Forget one copy (call with ``_lock`` held)."""
    found = _pages.pop(key, None)
    if found is not None:
        _held[0] -= len(found[1][2])


def clear() -> None:
    with _lock:
        _pages.clear()
        _never.clear()
        _held[0] = 0


def held() -> tuple[int, int]:
    """How many pages this process holds, and their bodies' bytes."""
    return len(_pages), _held[0]


# This process's own change: its copies are of the old generation, free them.
generation.local_listeners.append(clear)
