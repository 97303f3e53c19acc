"""Full-page cache of public pages and per-process fragments, invalidated by one generation.

- ``home.middleware.PageCacheMiddleware`` serves and stores whole responses
  (rules: ``policy``; keys and stored form: ``store``);
- ``fragments`` keeps the site's settings and menus per process between requests;
- ``generation`` is the token in every key; ``signals`` replaces it whenever
  public content is saved, published, moved or deleted.
"""

from .generation import bump, current

__all__ = ["bump", "current"]
