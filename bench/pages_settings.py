"""Production settings plus one trivial view, for bench/pages.py only.

The trivial view is the baseline of the page benchmark: the same gunicorn,
the same middleware, no template, no query. It exists only in this settings
module's URLconf (bench/pages_urls.py), never in production URLs, and the
page cache never stores it (its path is excluded), so it is always rendered.
"""

from portal.settings.production import *  # noqa: F403
from portal.settings.production import PAGE_CACHE_EXCLUDED_PATHS

ROOT_URLCONF = "bench.pages_urls"
PAGE_CACHE_EXCLUDED_PATHS = [*PAGE_CACHE_EXCLUDED_PATHS, "/bench/"]
# X-Page-Cache on every response: the benchmark reports hit/miss/bypass per page.
PAGE_CACHE_HEADER = True
