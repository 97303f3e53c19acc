"""The generation: one token that every cached page key contains.

Any change to public content replaces the token (``bump``): every page cached
before is unreachable from then on, in every worker and on every host that
reads the same token. Tokens are random, never a counter, so a value can never
come back (e.g. after a rolled-back transaction).

Where the token lives:

- in the shared cache (Redis) when the page cache is shared: each process
  reads it again at most every ``PAGE_CACHE_GENERATION_RECHECK_MS`` (1 s by
  default; 0: on every request), so a change made in another process or on
  another host shows there within that time, and in the process that made it
  at once. Between two reads a cached page costs no round trip at all when the
  process holds a copy of it (``home.pagecache.local``);
- in a small file when the page cache is local memory (``make run``: several
  gunicorn workers on one host): each request ``stat()``s it (about 2 µs) and
  reads it again only when it changed, so the workers of the host see a change
  at their next request.

A write inside a transaction bumps twice: at once (this process must not serve
what it cached before its own change) and again after the commit (another
worker may have rendered and cached the old content in between).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger(__name__)

CACHE_KEY = "generation"
LOCAL_BACKENDS = ("locmem", "dummy")


def clock() -> float:
    """Monotonic seconds: how old a kept token or a kept page is (tests move it)."""
    return time.monotonic()


def new_token() -> str:
    return secrets.token_hex(8)


def cache_alias() -> str:
    alias = getattr(settings, "PAGE_CACHE_ALIAS", "pagecache")
    return alias if alias in settings.CACHES else "default"


class FileGeneration:
    """The token in a file: for caches that are local to each process."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._seen: tuple[int, int, int] | None = None
        self._token: str | None = None

    def current(self) -> str | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return self._create()
        except OSError:
            return None
        seen = (st.st_ino, st.st_mtime_ns, st.st_size)
        if seen == self._seen and self._token:
            return self._token
        try:
            token = self.path.read_text().strip()
        except OSError:
            return None
        if not token:
            return self._create()
        with self._lock:
            self._seen, self._token = seen, token
        return token

    def bump(self) -> str | None:
        return self._write(new_token())

    def _create(self) -> str | None:
        return self._write(new_token())

    def _write(self, token: str) -> str | None:
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".pagecache-", dir=self.path.parent)
            with os.fdopen(fd, "w") as handle:
                handle.write(token)
            os.chmod(tmp, 0o644)
            # An explicit nanosecond mtime: the kernel's own timestamps are coarse
            # (a few ms) and inode numbers are reused, so two quick bumps could
            # otherwise look alike to a worker that missed the one in between.
            stamp = time.time_ns()
            if self._seen is not None:
                stamp = max(stamp, self._seen[1] + 1)
            os.utime(tmp, ns=(stamp, stamp))
            os.replace(tmp, self.path)
            st = os.stat(self.path)
        except OSError:
            logger.error("page cache: the generation file %s cannot be written", self.path, exc_info=True)
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            return None
        with self._lock:
            self._seen, self._token = (st.st_ino, st.st_mtime_ns, st.st_size), token
        return token


class CacheGeneration:
    """The token in the shared cache (Redis): every host reads the same one.

    The last token read is kept for ``recheck`` seconds (0: never kept): within
    that time ``current()`` costs no round trip. This process's own ``bump``
    replaces the kept token at once.
    """

    def __init__(self, alias: str, *, recheck: float = 0.0):
        self.alias = alias
        self.recheck = recheck
        self._kept: tuple[str, float] | None = None  # (token, monotonic time it was read)

    def fresh(self) -> str | None:
        """The token read less than ``recheck`` seconds ago, or None (then read it)."""
        kept = self._kept
        if kept is not None and clock() - kept[1] < self.recheck:
            return kept[0]
        return None

    def seen(self, token: str | None) -> None:
        """The token was just read from the cache (alone or along with a page)."""
        if token and self.recheck > 0:
            self._kept = (token, clock())

    def current(self) -> str | None:
        token = self.fresh()
        return token if token is not None else self.read()

    def read(self) -> str | None:
        """The token as the cache holds it now (a round trip), kept from now on."""
        cache = caches[self.alias]
        token = cache.get(CACHE_KEY)
        if token is None:
            # Never fall back to a constant: a lost token gets a fresh one.
            cache.add(CACHE_KEY, new_token(), timeout=None)
            token = cache.get(CACHE_KEY)
        self.seen(token)
        return token  # None: the cache is unreachable, do not use it

    def bump(self) -> str | None:
        token = new_token()
        caches[self.alias].set(CACHE_KEY, token, timeout=None)
        self.seen(token)
        return token


def default_file() -> Path:
    """One file per database, so that the processes serving one site share it."""
    db = settings.DATABASES[DEFAULT_DB_ALIAS]
    ident = "|".join(str(db.get(k, "")) for k in ("ENGINE", "NAME", "HOST", "PORT"))
    digest = hashlib.sha256(f"{settings.BASE_DIR}|{ident}".encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"portal-pagecache-{digest}"


_backend_lock = threading.Lock()
_backends: dict[tuple, FileGeneration | CacheGeneration] = {}


def backend() -> FileGeneration | CacheGeneration:
    """The generation store that the current settings ask for (memoised per configuration)."""
    alias = cache_alias()
    mode = getattr(settings, "PAGE_CACHE_GENERATION", "auto")
    if mode == "auto":
        engine = settings.CACHES[alias]["BACKEND"].lower()
        mode = "file" if any(name in engine for name in LOCAL_BACKENDS) else "cache"
    if mode == "file":
        path = getattr(settings, "PAGE_CACHE_GENERATION_FILE", None) or default_file()
        config = ("file", str(path))
    else:
        config = ("cache", alias, getattr(settings, "PAGE_CACHE_GENERATION_RECHECK_MS", 0) / 1000)
    store = _backends.get(config)
    if store is None:
        with _backend_lock:
            store = _backends.get(config)
            if store is None:
                store = FileGeneration(Path(config[1])) if mode == "file" else CacheGeneration(alias, recheck=config[2])
                _backends[config] = store
    return store


def reset() -> None:
    """Forget the generation stores and the tokens they keep (tests; a settings change)."""
    with _backend_lock:
        _backends.clear()


_scope = threading.local()


def current() -> str | None:
    """The token now, or None when it cannot be read (then nothing is cached or served).

    Inside ``request_scope`` (every request, see PageCacheMiddleware) it is
    read once and then remembered until the request ends or this process
    replaces it: routing, view restrictions and kept lists ask for it several
    times a request, and with Redis each read is a round trip.
    """
    remembered = getattr(_scope, "tokens", None)
    if remembered is None:
        return backend().current()
    if "token" not in remembered:
        remembered["token"] = backend().current()
    return remembered["token"]


def refresh() -> None:
    """Inside ``request_scope``: this request uses the token as the shared cache holds it now.

    For logged-in users (editors): what they changed in one worker shows in
    every worker at their next request, not within the recheck interval.
    """
    store = backend()
    if isinstance(store, CacheGeneration) and store.recheck > 0:
        remember(store.read())


def remember(token: str | None) -> None:
    """Inside ``request_scope``: the token was read along with something else (one round trip)."""
    remembered = getattr(_scope, "tokens", None)
    if remembered is not None:
        remembered["token"] = token


@contextlib.contextmanager
def request_scope():
    """Read the token at most once inside this block (one request, in one thread)."""
    outer = getattr(_scope, "tokens", None)
    _scope.tokens = {}
    try:
        yield
    finally:
        _scope.tokens = outer


# Called after every bump in this process (fragments.clear: what this process
# keeps must not outlive its own change, even within the request that made it).
local_listeners: list = []


def _bump_here() -> None:
    backend().bump()
    remembered = getattr(_scope, "tokens", None)
    if remembered is not None:
        remembered.pop("token", None)  # read the new one
    for listener in local_listeners:
        listener()


def _bump_after_commit() -> None:
    _bump_here()


def bump(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Invalidate every cached page and fragment, now and again after the commit."""
    _bump_here()
    connection = connections[using]
    if connection.in_atomic_block:
        pending = any(func is _bump_after_commit for _sids, func, _robust in connection.run_on_commit)
        if not pending:
            connection.on_commit(_bump_after_commit, robust=True)
