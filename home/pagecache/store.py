"""Keys of cached pages and the form a response is stored in.

A key names everything the page depends on besides the database: the code
version, the local date and half-hour (home.now.clock_slice: a schedule's
"next dates", a reception that ended an hour ago, an event moving to the
archive at midnight), scheme and host, the display mode
of the version for the visually impaired, gzip or not, and the full path with
its query string. The database's state is the generation, stored with the
entry: an entry of another generation is a miss.
"""

from __future__ import annotations

import hashlib
import re

from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse

from home.accessibility import prefs_from_request
from home.now import clock_slice

from . import generation, local
from .version import code_version

GZIP_RE = re.compile(r"\bgzip\b")
SKIP_HEADERS = {"x-page-cache", "set-cookie"}


def page_key(request) -> str | None:
    """The cache key of this request's page, or None when there must not be one."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    encoding = "gz" if GZIP_RE.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "id"
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    parts = (
        "page",
        code_version(),
        clock_slice(),
        request.scheme,
        host.lower(),
        prefs_from_request(request).cache_key(),
        encoding,
        path,
    )
    return ":".join(parts)


def lookup(cache, key: str, request) -> tuple[str | None, tuple | None]:
    """The current generation and the stored page, if it belongs to that generation.

    An entry carries the generation it was rendered in; any other generation
    makes it a miss (and the next store overwrites it). When the generation
    lives in the same shared cache (Redis), both come in one round trip, or
    none: while the generation this process read is fresh, a page it served
    before comes from its own copy (``home.pagecache.local``), and a page that
    is never stored (``policy.never_stored``) is not looked for at all.
    """
    store = generation.backend()
    if not _shares(store, cache):
        token = generation.current()
        page = _page(token, cache.get(key) if token else None)
    elif (token := store.fresh()) is not None:  # never with recheck 0
        page = local.get(key, token, store.recheck)
        if page is None and not local.is_never_stored(key, token):
            page = _copied(store, key, token, _page(token, cache.get(key)))
    else:
        found = cache.get_many([generation.CACHE_KEY, key])
        token = found.get(generation.CACHE_KEY) or store.current()
        store.seen(token)
        page = _copied(store, key, token, _page(token, found.get(key)))
    generation.remember(token)
    return token, page


def _shares(store, cache) -> bool:
    """Whether the generation lives in this (shared) cache: then it is read with the page, and pages are copied."""
    return isinstance(store, generation.CacheGeneration) and caches[store.alias] is cache


def _page(token: str | None, entry) -> tuple | None:
    """The page of a stored entry, if the entry belongs to the generation ``token``."""
    if not token or entry is None or entry[0] != token:
        return None
    return entry[1]


def _copied(store, key: str, token: str, page: tuple | None) -> tuple | None:
    """The page, copied in this process while it keeps the generation (recheck > 0)."""
    if page is not None and store.recheck > 0:
        local.put(key, token, page)
    return page


def remember_never_stored(key: str, token: str) -> None:
    """The page of this key is never stored in this generation (``policy.never_stored``): while this process
    keeps the generation, it does not look for it in the shared cache."""
    store = generation.backend()
    if isinstance(store, generation.CacheGeneration) and store.recheck > 0:
        local.remember_never_stored(key, token)


def save(cache, key: str, frozen, timeout: int) -> None:
    """Store a rendered page (``freeze``) in the cache, and a copy in this process when the cache is shared."""
    cache.set(key, frozen, timeout)
    store = generation.backend()
    if _shares(store, cache) and store.recheck > 0:
        local.put(key, *frozen)


def freeze(response, token: str) -> tuple[str, tuple[int, list[tuple[str, str]], bytes]]:
    """What is stored: the generation, then the status, the headers and the body."""
    headers = [(name, value) for name, value in response.items() if name.lower() not in SKIP_HEADERS]
    return token, (response.status_code, headers, response.content)


def thaw(entry) -> HttpResponse:
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response
