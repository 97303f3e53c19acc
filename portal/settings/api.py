"""The public read-only JSON API (``api`` app, ``/api/v1/``).

Every number of the API lives here; each can be overridden from the environment.
"""

from .env import env_int

# Requests per client address (home.ratelimit.client_ip) within the window; then 429 with Retry-After.
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 120)
API_RATE_WINDOW_SECONDS = env_int("API_RATE_WINDOW_SECONDS", 60)
# How long a response may be kept: by browsers and proxies (Cache-Control: public, max-age) and in the
# page cache's store (keyed by the content generation, so a published change is seen at once).
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 300)
# Paginated lists: the default and the largest ``limit``.
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50)
API_PAGE_SIZE_MAX = env_int("API_PAGE_SIZE_MAX", 200)
