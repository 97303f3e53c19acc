"""Shortcuts of the lean rendering of public pages: the same HTML as the long way, for less work.

- ``ChildUrls`` and ``subpage_url_maker``: the URLs of many pages under one
  page, or of one route of a routable page for many slugs, from one URL
  computed the long way (``{% pageurl %}`` and ``reverse_subpage`` resolve a
  URL pattern per link).
"""

from __future__ import annotations

import re
from collections.abc import Callable

# ---- URLs of many pages -----------------------------------------------------------------------------------------

# What Django's ``reverse`` leaves as is in a path (``wagtail_serve`` and routable pages
# quote the rest); a slug within it needs no quoting.
_PLAIN_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


class ChildUrls:
    """URLs of pages under ``parent`` from the parent's URL: ``{% pageurl child %}`` without a pattern per link.

    ``parent_url`` is what ``parent.get_url(request)`` gives. A page whose path
    below the parent is not plain ASCII (a Unicode slug), or that is not under
    the parent, gets its URL the long way.
    """

    def __init__(self, parent, parent_url: str | None, request=None):
        self.parent_url_path = parent.url_path or ""
        self.parent_url = parent_url
        self.request = request

    def __call__(self, page) -> str:
        url_path = page.url_path or ""
        if self.parent_url and self.parent_url.endswith("/") and url_path.startswith(self.parent_url_path):
            rest = url_path[len(self.parent_url_path) :]
            if rest.endswith("/") and all(_PLAIN_SLUG.match(part) for part in rest[:-1].split("/")):
                return self.parent_url + rest
        return page.get_url(self.request) or ""


SLUG_PLACEHOLDER = "slug-placeholder-0"


def subpage_url_maker(page, page_url: str, route: str, kwarg: str) -> Callable[[str], str]:
    """``page_url + page.reverse_subpage(route, kwargs={kwarg: slug})`` for any slug, resolved once."""
    pattern = page.reverse_subpage(route, kwargs={kwarg: SLUG_PLACEHOLDER})
    if pattern.count(SLUG_PLACEHOLDER) != 1:  # pragma: no cover - a route that does not end in the slug's segment
        return lambda slug: page_url + page.reverse_subpage(route, kwargs={kwarg: slug})
    before, after = pattern.split(SLUG_PLACEHOLDER)

    def make(slug: str) -> str:
        if _PLAIN_SLUG.match(slug):
            return page_url + before + slug + after
        return page_url + page.reverse_subpage(route, kwargs={kwarg: slug})

    return make
