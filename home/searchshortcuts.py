"""Shortcuts above the site search's results: what residents look for that is not a page.

An official's reception schedule is a sub-route of the schedule page, not a page of its own, and the
status lookup is a view: neither is in the page index, so «Кузнецов», «Соколову» or «статус
обращения» found nothing. ``home`` does not import the apps (imports flow from apps to home): each
app registers a Wagtail hook ``portal_search_shortcuts``, a function
``(*, query, words, site_root) -> list[SearchShortcut]`` where ``query`` is the search as typed (an appeal's
number, «ОГ-2026-000013», is read from it) and ``words`` are the query's words that count, each with its
variants (``searchtext.query_words``). It reads public content only and keeps what it
reads with ``home.pagecache.fragments.kept``, so a search costs no query for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail import hooks

from home.searchtext import SITE_QUERY_MAX_WORDS, query_words

HOOK = "portal_search_shortcuts"
MAX_SHORTCUTS = 5


@dataclass(frozen=True)
class SearchShortcut:
    title: str
    url: str
    description: str = ""  # e.g. the official's position
    detail: str = ""  # e.g. the next reception
    rank: int = 0  # smaller first: how closely it matches (providers decide)


def shortcuts(*, query: str, site_root) -> list[SearchShortcut]:
    """The shortcuts every app offers for ``query`` on the site of ``site_root``, closest first."""
    words = query_words(query)[:SITE_QUERY_MAX_WORDS]
    if not words or site_root is None:
        return []
    found = [
        shortcut
        for provider in hooks.get_hooks(HOOK)
        for shortcut in provider(query=query, words=words, site_root=site_root)
    ]
    return sorted(found, key=lambda shortcut: shortcut.rank)[:MAX_SHORTCUTS]
