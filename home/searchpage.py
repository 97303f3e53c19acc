"""The site search's page of results: every value the template shows, read before it renders.

The template gets plain values (title, URL, description per hit, and the
page numbers), so rendering it runs no query and touches no model. The pages
are read as plain ``Page`` rows (no per-type query: the title, URL and
description are all on ``Page``), the view restrictions come from this
process's copy (``fragments.restricted_paths``), and a page of results is at
most ``SEARCH_PAGE_SIZE`` rows: on PostgreSQL one query per search (the page
with a window count of all matches), elsewhere a count and a page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Q, Window
from wagtail.models import Page

from home import draft_sections, searchtypos, wagtail_compat
from home.pagecache import fragments
from home.searchtext import searched_word_count, site_query

SEARCH_PAGE_SIZE = 10
SEARCH_MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    description: str


@dataclass(frozen=True)
class SearchResultsPage:
    hits: tuple[SearchHit, ...]
    count: int
    number: int
    num_pages: int
    start_index: int
    # No page has every word of the search: these pages have at least one of them (the page says so).
    any_word: bool = False
    # No page has the words as typed: these have words one typo away from them (home/searchtypos.py).
    typos: bool = False

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def clean_query(raw: str | None) -> str:
    """The query as searched and shown: stripped, at most SEARCH_MAX_QUERY_LENGTH characters."""
    return (raw or "").strip()[:SEARCH_MAX_QUERY_LENGTH]


def _public_pages(site_root=None):
    """Live pages of the site (all sites' without ``site_root``), none under an unpublished section, that no
    view restriction applies to (Wagtail's ``public()``, from the kept restrictions)."""
    pages = Page.objects.live()
    if site_root is not None:
        pages = pages.descendant_of(site_root, inclusive=True)
    pages = draft_sections.exclude_hidden(pages)
    restricted = fragments.restricted_paths()
    if restricted is None:
        return pages.public()
    hidden = Q()
    for path in restricted:
        hidden |= Q(path__startswith=path)
    return pages.exclude(hidden) if restricted else pages


def _hits(pages, request) -> tuple[SearchHit, ...]:
    return tuple(
        SearchHit(title=hit.title, url=hit.get_url(request) or "", description=hit.search_description) for hit in pages
    )


def _page_number(raw) -> int:
    """The page asked for: 1 when it is not a number or below 1."""
    try:
        number = int(raw or 1)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def _in_one_query(ranked, page_number, request) -> SearchResultsPage:
    """A page of hits and their total in one query: the total is a window count over the ranked matches.

    Past the last page: the last page (as Django's Paginator gives it), with a count first.
    """
    number = _page_number(page_number)

    def rows_of(queryset, number):
        return list(queryset[(number - 1) * SEARCH_PAGE_SIZE : number * SEARCH_PAGE_SIZE])

    rows = rows_of(ranked.annotate(_search_total=Window(Count("pk"))), number)
    count = rows[0]._search_total if rows else (ranked.count() if number > 1 else 0)
    num_pages = max(1, -(-count // SEARCH_PAGE_SIZE))
    if not rows and number > num_pages:
        number = num_pages
        rows = rows_of(ranked, number)
    return SearchResultsPage(
        hits=_hits(rows, request),
        count=count,
        number=number,
        num_pages=num_pages,
        start_index=(number - 1) * SEARCH_PAGE_SIZE + 1 if count else 0,
    )


def search_results(*, query: str, page_number: str | int | None, request, site_root=None) -> SearchResultsPage:
    """One page of the site's public pages that match ``query`` (none for an empty or stop-word query).

    Pages with every word of the query; when no page has them all, pages with at least one of them
    (``any_word``): «как подать жалобу» found nothing because no page says «подать», and a resident
    who typed a whole question was left with «ничего не найдено». Before that, the words on no page are
    read as page words one typo away (``typos``: «обрашение», «графек приема»).

    ``site_root``: the root page of the request's site; a region's towns on one installation each
    search their own pages.
    """
    found = _matching(site_query(query), page_number=page_number, request=request, site_root=site_root)
    if found.count:
        return found
    typo_free = searchtypos.corrected(query)
    if typo_free is not None:
        corrected = _matching(site_query(typo_free), page_number=page_number, request=request, site_root=site_root)
        if corrected.count:
            return replace(corrected, typos=True)
    if searched_word_count(query) < 2:
        return found
    some = site_query(typo_free or query, any_word=True)
    some_found = _matching(some, page_number=page_number, request=request, site_root=site_root)
    return replace(some_found, any_word=True, typos=typo_free is not None) if some_found.count else found


def _matching(search_query, *, page_number, request, site_root) -> SearchResultsPage:
    results = _public_pages(site_root).search(search_query) if search_query is not None else Page.objects.none()
    ranked = wagtail_compat.ranked_search_queryset(results)
    if ranked is not None:  # PostgreSQL: one query instead of a count and a page
        return _in_one_query(ranked, page_number, request)
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    try:
        page = paginator.page(_page_number(page_number))
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return SearchResultsPage(
        hits=_hits(page.object_list, request),
        count=paginator.count,
        number=page.number,
        num_pages=paginator.num_pages,
        start_index=page.start_index(),
    )
