"""This process's copies of the pages it served last, when the pages live in a shared cache (Redis).

A hit from Redis costs a round trip and unpickling the page; the same page
served again by the same worker (the home page, a schedule everyone opens)
needs neither. A copy is valid only for the generation it was stored with,
while this process's generation is fresh (``CacheGeneration.fresh``), and for
no longer than that recheck interval (``PAGE_CACHE_GENERATION_RECHECK_MS``)
itself: what a worker serves from its copies is never more than that interval
behind Redis, whether the generation changed or an entry expired there.
Bounded: at most ``PAGE_CACHE_LOCAL_ENTRIES`` pages of at most
``PAGE_CACHE_LOCAL_MAX_BYTES`` each, the oldest stored dropped first.
"""

from __future__ import annotations

import threading

from django.conf import settings

from . import generation

_lock = threading.Lock()
_pages: dict[str, tuple[str, tuple, float]] = {}  # key: (generation, page, monotonic time stored)


def limits() -> tuple[int, int]:
    return (
        getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 0),
        getattr(settings, "PAGE_CACHE_LOCAL_MAX_BYTES", 256 * 1024),
    )


def get(key: str, token: str, max_age: float) -> tuple | None:
    """The page (status, headers, body) of this key and generation stored less than ``max_age`` seconds ago, or None."""
    found = _pages.get(key)
    if found is None or found[0] != token or generation.clock() - found[2] >= max_age:
        return None
    return found[1]


def put(key: str, token: str, entry: tuple) -> None:
    entries, max_bytes = limits()
    if entries <= 0 or len(entry[2]) > max_bytes:
        return
    with _lock:
        _pages.pop(key, None)
        while len(_pages) >= entries:
            del _pages[next(iter(_pages))]
        _pages[key] = (token, entry, generation.clock())


def clear() -> None:
    with _lock:
        _pages.clear()


def size() -> int:
    return len(_pages)


# This process's own change: its copies are of the old generation, free them.
generation.local_listeners.append(clear)
