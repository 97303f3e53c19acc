"""The site search's page of results: every value the template shows, read before it renders.

The template gets plain values (title, URL, description per hit, and the
page numbers), so rendering it runs no query and touches no model. The pages
are read as plain ``Page`` rows (no per-type query: the title, URL and
description are all on ``Page``), the pages on the site come from this
process's copies of the draft sections and restrictions (``home.onsite``), and a page of results is at
most ``SEARCH_PAGE_SIZE`` rows: on PostgreSQL one query per search (the page
with a window count of all matches), elsewhere a count and a page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Window
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from wagtail import hooks
from wagtail.models import Page

from home import onsite, searchtypos, wagtail_compat
from home.searchtext import (
    clean_search_text,
    from_latin_layout,
    has_words,
    highlighted_terms,
    marked_words,
    searched_word_count,
    site_query,
    snippet,
)
from home.textformat import counted, plural

SEARCH_PAGE_SIZE = 10
SEARCH_MAX_QUERY_LENGTH = 200
# Apps give the text of their pages that have no search description (``(*, pages) -> {page id: text}``).
SNIPPETS_HOOK = "portal_search_snippets"


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    description: str
    # The description (the snippet under the title) with the searched words in <mark> (escaped HTML).
    description_html: SafeString = SafeString("")


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
    # The query was typed with the Latin layout on: these are the pages for it in the Russian layout.
    layout: bool = False
    # What the hits were found for when it is not the query as typed (layout, typos): offered as a link.
    searched: str = ""

    @property
    def found(self) -> str:
        """«Найдена 1 страница», «Найдено 3 страницы», «Найдено 12 страниц»."""
        verb = plural(self.count, "Найдена", "Найдено", "Найдено")
        return f"{verb} {counted(self.count, 'страница', 'страницы', 'страниц')}"

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


@dataclass(frozen=True)
class TypedQuery:
    text: str  # as searched and shown (searchtext.clean_search_text)
    asked: bool  # the form was sent: a query without a word is asked for one, not shown a bare form
    cut: bool  # longer than SEARCH_MAX_QUERY_LENGTH: its beginning is searched, and the page says so

    @property
    def wordless(self) -> bool:
        """Sent empty, blank or with no letter or digit («%», «№», «"»): the page asks for words."""
        return self.asked and not has_words(self.text)


def read_query(raw: str | None) -> TypedQuery:
    """The query as searched and shown: no control characters, spaces collapsed, at most
    SEARCH_MAX_QUERY_LENGTH characters."""
    whole = clean_search_text(raw, max_length=len(raw or ""))
    text = clean_search_text(whole, max_length=SEARCH_MAX_QUERY_LENGTH)
    return TypedQuery(text=text, asked=raw is not None, cut=len(whole) > SEARCH_MAX_QUERY_LENGTH)


def _marked(text: str, terms: frozenset[str]) -> SafeString:
    """``text`` escaped, with each word in ``terms`` (in any form) in <mark>."""
    return format_html_join(
        "", "{}", ((format_html("<mark>{}</mark>", part) if hit else part,) for part, hit in marked_words(text, terms))
    )


def _public_pages(site_root=None):
    """The pages on the site (``home.onsite``; all sites' without ``site_root``)."""
    pages = onsite.on_site(Page.objects.all())
    return pages.descendant_of(site_root, inclusive=True) if site_root is not None else pages


def _descriptions(pages: list, terms: frozenset[str]) -> dict[int, str]:
    """The text under each hit's title: its search description, or, for a page without one, a snippet of
    the text its app gives (an event: what, when, its description), from the found words' sentence."""
    missing = [page for page in pages if not page.search_description]
    texts = {}
    for provider in hooks.get_hooks(SNIPPETS_HOOK) if missing else ():
        texts.update(provider(pages=missing))
    return {page.pk: page.search_description or snippet(texts.get(page.pk, ""), terms) for page in pages}


def _hits(pages, request, terms: frozenset[str]) -> tuple[SearchHit, ...]:
    pages = list(pages)
    descriptions = _descriptions(pages, terms)
    return tuple(
        SearchHit(
            title=hit.title,
            url=hit.get_url(request) or "",
            description=descriptions[hit.pk],
            description_html=_marked(descriptions[hit.pk], terms),
        )
        for hit in pages
    )


def _page_number(raw) -> int:
    """The page asked for: 1 when it is not a number or below 1."""
    try:
        number = int(raw or 1)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def _in_one_query(ranked, page_number, request, terms) -> SearchResultsPage:
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
        hits=_hits(rows, request, terms),
        count=count,
        number=number,
        num_pages=num_pages,
        start_index=(number - 1) * SEARCH_PAGE_SIZE + 1 if count else 0,
    )


def search_results(*, query: str, page_number: str | int | None, request, site_root=None) -> SearchResultsPage:
    """One page of the site's public pages that match ``query`` (none for an empty or stop-word query).

    Pages with every word of the query. When there are none, the query is read as typed with the Latin
    layout on (``layout``: «ghbtv uhf;lfy» is «прием граждан»), then its words on no page as page words
    one typo away (``typos``: «обрашение», «графек приема»); the page shows what was searched instead
    (``searched``) as a link. Last, pages with at least one of the words (``any_word``): «как подать
    жалобу» found nothing because no page says «подать».

    ``site_root``: the root page of the request's site; a region's towns on one installation each
    search their own pages.
    """
    match = partial(_matching, page_number=page_number, request=request, site_root=site_root)
    found = match(query)
    if found.count:
        return found
    relaid = from_latin_layout(query)
    readings = [query] if relaid is None else [query, relaid]
    if relaid is not None:
        in_layout = match(relaid)
        if in_layout.count:
            return replace(in_layout, layout=True, searched=relaid)
    fixed = {text: searchtypos.corrected(text) for text in readings}
    for text in readings:
        if fixed[text] is not None:
            corrected = match(fixed[text])
            if corrected.count:
                return replace(corrected, typos=True, layout=text != query, searched=fixed[text])
    for text in readings:
        if searched_word_count(text) < 2:
            continue
        searched = fixed[text] or text
        some = match(searched, any_word=True)
        if some.count:
            shown = searched if searched != query else ""
            return replace(some, any_word=True, typos=fixed[text] is not None, layout=text != query, searched=shown)
    return found


def _matching(text: str, *, any_word: bool = False, page_number, request, site_root) -> SearchResultsPage:
    search_query = site_query(text, any_word=any_word)
    results = _public_pages(site_root).search(search_query) if search_query is not None else Page.objects.none()
    terms = highlighted_terms(text)
    ranked = wagtail_compat.ranked_search_queryset(results)
    if ranked is not None:  # PostgreSQL: one query instead of a count and a page
        return _in_one_query(ranked, page_number, request, terms)
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    try:
        page = paginator.page(_page_number(page_number))
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return SearchResultsPage(
        hits=_hits(page.object_list, request, terms),
        count=paginator.count,
        number=page.number,
        num_pages=paginator.num_pages,
        start_index=page.start_index(),
    )
