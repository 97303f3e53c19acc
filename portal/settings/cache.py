"""Caches and the full-page cache of public pages (home.pagecache).

Two cache aliases:

- ``default``: rate limits, Wagtail's own small caches (never sessions:
  they stay in the database, ``SESSION_ENGINE`` in base.py);
- ``pagecache``: rendered public pages, kept apart (with local memory, a flood
  of URLs evicts pages only; with Redis the two share one server, whose
  ``maxmemory`` and eviction policy decide).

Both are local memory per process by default and Redis when ``REDIS_URL`` is
set (django-redis: it is already a dependency, and ``IGNORE_EXCEPTIONS`` turns
a Redis outage into cache misses instead of errors).

How the page cache is invalidated: every saved, published or deleted piece of
public content (pages, snippets, site settings, menus, officials, events, ...)
replaces a "generation" token that is part of every page key. With Redis the
token lives in Redis: the process that made the change and logged-in editors
see it at once, anonymous visitors of every other worker on every host within
``PAGE_CACHE_GENERATION_RECHECK_MS``. With the
local-memory cache it lives in a small file (``PAGE_CACHE_GENERATION_FILE``)
whose ``stat()`` every request checks (about 2 µs): the workers of one host see a
change at their next request. Several hosts need Redis (or that file on shared
storage). See README, "Performance".
"""

from .env import env, env_bool, env_int

# Full-page cache of anonymous GET/HEAD requests for public pages (home.pagecache).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
# How long a page stays cached at most (content changes invalidate it at once).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# The "page not found" page is cached too, for less long (0: never).
PAGE_CACHE_404_SECONDS = env_int("PAGE_CACHE_404_SECONDS", 60)
# X-Page-Cache: hit|miss|bypass on responses (always on when DEBUG).
PAGE_CACHE_HEADER = env_bool("PAGE_CACHE_HEADER", False)
# The cache alias of rendered pages ("default" when there is no such alias).
PAGE_CACHE_ALIAS = "pagecache"
# Where the generation lives: "auto" (Redis/Memcached: in the cache; local
# memory: in PAGE_CACHE_GENERATION_FILE), "cache" or "file".
PAGE_CACHE_GENERATION = env("PAGE_CACHE_GENERATION", "auto")
# The generation file; by default one per database in the system temp folder.
PAGE_CACHE_GENERATION_FILE = env("PAGE_CACHE_GENERATION_FILE")
# With the generation in Redis: each process reads it again at most this often
# (a change made elsewhere shows in the other workers and hosts within this
# time, in the process that made it at once; 0: a round trip every request).
PAGE_CACHE_GENERATION_RECHECK_MS = env_int("PAGE_CACHE_GENERATION_RECHECK_MS", 1000)
# ... and within that time a worker serves the pages it served last from its own
# copies (home.pagecache.local): at most this many bytes of pages (0: none).
PAGE_CACHE_LOCAL_BYTES = env_int("PAGE_CACHE_LOCAL_BYTES", 4 * 1024 * 1024)
# Site settings and menus (the header and the footer of every page) are kept
# per process between requests, invalidated by the same generation.
PAGE_CACHE_FRAGMENTS = env_bool("PAGE_CACHE_FRAGMENTS", True)
# With the fragments, Wagtail's routing takes pages from this process's copy
# (invalidated by the same generation): at most this many pages per process.
PAGE_ROUTE_CACHE_MAX = env_int("PAGE_ROUTE_CACHE_MAX", 1000)
# The routing shortcut itself (home.wagtail_compat; it also turns itself off when
# the installed Wagtail no longer honours a private name it uses).
PAGE_ROUTE_SHORTCUT = env_bool("PAGE_ROUTE_SHORTCUT", True)
# A code version in every key, so that a deploy never serves pages rendered by
# the old templates from a shared cache; by default a hash of the templates and
# the project's Python files (e.g. set it to the commit id).
PAGE_CACHE_VERSION = env("PAGE_CACHE_VERSION")

# Never cached: forms with personal data, status pages, the admin, switches.
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/django-admin/",
    "/appeals/",
    "/identity/",
    "/vision/",
    "/priem/",
    "/forwarding/",
    "/documents/",
    "/healthz/",
    # The API keeps its own responses (api.http): its rate limit counts every request.
    "/api/",
    "/static/",
    "/media/",
]
# Of those, the ones that are pages of the public site (its header and footer),
# and the admin (every admin page reads the site's settings, a query otherwise):
# their requests get the request's Site from this process's copy, as cached
# paths do (home.pagecache.fragments.prime_routing).
PAGE_CACHE_SITE_PATHS = ["/appeals/", "/identity/", "/priem/", "/api/", "/admin/"]
# Query parameters a cached URL may carry (filters and pagination of public
# lists). Any other parameter (utm_*, the site search's "q", anything a person
# might type) means the URL is rendered and not cached: free text can carry
# personal data, and arbitrary parameters would flood the cache.
PAGE_CACHE_QUERY_PARAMS = [
    "page",
    "department",
    "weekday",
    "topic",
    "kind",
    "status",
    "month",
    "year",
    "type",
    "category",
    "section",
    "sort",
]

# What invalidates the cache when saved or deleted: every page type, every
# model of these apps, and these models; never the ones in the ignore list
# (personal data and request-time bookkeeping that no public page shows).
PAGE_CACHE_INVALIDATING_APPS = [
    "home",
    "schedules",
    "regulations",
    "reports",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "taggit",
]
PAGE_CACHE_INVALIDATING_MODELS = [
    # Addressees and topics of appeals are listed on public pages.
    "appeals_form.addressee",
    "appeals_form.topic",
]
PAGE_CACHE_IGNORED_MODELS = [
    "home.ratelimitcounter",
    "home.scheduledrun",
    "schedules.signup",
    "schedules.receptionsession",
    "wagtailcore.referenceindex",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.uploadedfile",
    "wagtailimages.rendition",
]


def cache_settings(redis_url: str | None, key_prefix: str = "portal") -> dict:
    """The CACHES setting: local memory, or Redis when a URL is given.

    ``key_prefix`` (``REDIS_KEY_PREFIX``) starts every key this installation
    writes to Redis (the rate limiter's windows too: home.ratelimit keys them
    through the cache). Installations that share one Redis database (a
    region's towns: Redis has 16 databases by default, a cluster only one)
    each set their own; with one prefix they read each other's site routing,
    page-cache generation and rate-limit windows.
    """
    if redis_url:
        options = {
            "IGNORE_EXCEPTIONS": True,
            # A hung Redis must not hang the site: fail fast and render.
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        }
        return {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": key_prefix,
                "OPTIONS": options,
            },
            "pagecache": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": f"{key_prefix}-pages",
                "TIMEOUT": PAGE_CACHE_SECONDS,
                "OPTIONS": options,
            },
        }
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"},
        # Per process: at most 500 page variants of ~5-20 kB (gzip or not), ~10 MB per worker.
        "pagecache": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal-pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 500)},
        },
    }
