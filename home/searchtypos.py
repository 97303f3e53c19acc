"""Typos in the site search: a word that is on no page is read as a page's word one letter away.

«обрашение», «графек приема», «телефн» found nothing. When a search finds no page (not even with some
of its words), each word of TYPO_MIN_LETTERS letters or more whose stem is in no page's index is
replaced by a word whose stem is: one letter wrong, missing, extra, or two neighbours swapped
(``searchtext.within_one_edit``, as the regulations list compares). The words come from the search
index itself (the stems of the pages' titles and texts, as both databases hold them), kept per process
and content generation; the search then runs again with the corrected words, and the results page
says that it did.

A stem is not always a word the stemmer leaves as it is («рассмотрен» → «рассмотр»), so the word put
in the query is the stem with the first ending that stems back to it («рассмотрен» + «ие»): the same
on SQLite and PostgreSQL, whose ``russian`` configuration is the same Snowball stemmer.
"""

from __future__ import annotations

import re

from django.db import connection

from home.pagecache import fragments
from home.searchtext import SITE_QUERY_MAX_WORDS, fold, term, within_one_edit

TYPO_MIN_LETTERS = 6
# Endings tried, in order, to turn a stem back into a word that stems to it.
_ENDINGS = ("", "а", "е", "ие", "ия", "ой", "ый", "ий", "ь", "ы", "ть", "и", "о", "я", "ение")
_WORD = re.compile(r"[^\W_]+")
# A lexeme of a tsvector as PostgreSQL prints it: 'обращен':3,5A
_LEXEME = re.compile(r"'((?:[^']|'')+)'")


def _stems_of(value: str | None) -> set[str]:
    if not value:
        return set()
    if connection.vendor == "postgresql":
        return {lexeme.replace("''", "'") for lexeme in _LEXEME.findall(value)}
    return set(value.split())  # SQLite: the index holds stems joined by spaces (searchtext.index_text)


def _build_vocabulary() -> frozenset[str]:
    from wagtail.search.models import IndexEntry

    stems: set[str] = set()
    for title, body in IndexEntry.objects.values_list("title", "body").iterator():
        stems |= _stems_of(title) | _stems_of(body)
    return frozenset(stem for stem in stems if stem.isalpha())


def vocabulary() -> frozenset[str]:
    """The stems of every indexed page's title and text, kept per process and content generation."""
    return fragments.kept(("search-vocabulary",), _build_vocabulary)


def _as_word(stem: str) -> str | None:
    """A word that stems to ``stem`` (the stem with the first ending that gives it back), or None."""
    return next((stem + ending for ending in _ENDINGS if term(stem + ending) == stem), None)


def _correction(word: str, words: frozenset[str]) -> str | None:
    """The page word for a searched word on no page: the closest stem one edit away, as a word."""
    stem = term(word)
    if not stem or stem in words or len(word) < TYPO_MIN_LETTERS:
        return None
    near = sorted(
        (other for other in words if within_one_edit(stem, other) or within_one_edit(word, other)),
        key=lambda other: (abs(len(other) - len(stem)), other),
    )
    return next((found for found in map(_as_word, near) if found), None)


def corrected(query: str) -> str | None:
    """``query`` with its words that are on no page replaced by page words one typo away; None: no such word."""
    words = vocabulary()
    typed = _WORD.findall(fold(query))[: SITE_QUERY_MAX_WORDS * 2]
    changed = False
    result = []
    for word in typed:
        replacement = _correction(word, words)
        changed |= replacement is not None
        result.append(replacement or word)
    return " ".join(result) if changed else None
