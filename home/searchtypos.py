"""Typos in the site search: a word that is on no page is read as a page's word one letter away.

«обрашение», «графек приема», «телефн» found nothing. When a search finds no page, each word of
TYPO_MIN_LETTERS letters or more whose stem is in no page's index is replaced by a word whose stem is:
the typed word with one typo undone (a letter pressed twice, one confused with a letter that sounds
alike — «и»/«ы», «ш»/«щ» —, two neighbours swapped, a letter extra or missing, another letter wrong, in
that order), so the page can offer it as «Возможно, вы имели в виду «обращение»». When no such word
stems to a page's stem, the closest page stem one edit from the word's stem is taken
(``searchtext.within_one_edit``, as the regulations list compares), as a word: the stem with the first
ending that stems back to it («рассмотрен» + «ие»). The stems come from the search index itself (the
pages' titles and texts, as both databases hold them), kept per process and content generation; the
search then runs again with the corrected words, and the results page says that it did.
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


_RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_ENGLISH = "abcdefghijklmnopqrstuvwxyz"
# Letters residents confuse by their sound (и/ы, е/и, ш/щ, а/о, с/з…): tried before other letters.
_SOUNDS_ALIKE = ("иыйеэё", "аоя", "уюо", "шщжч", "сзц", "дт", "бп", "гк", "вф", "ьъ")
_ALIKE = {letter: "".join(group.replace(letter, "")) for group in _SOUNDS_ALIKE for letter in group}


def _one_edit_away(word: str):
    """The words one typo from ``word``, the likeliest first: a letter doubled, a letter confused with one
    that sounds alike, two neighbours swapped, a letter extra, a letter missing, another letter wrong (in
    the word's alphabet)."""
    letters = _ENGLISH if word.isascii() else _RUSSIAN
    for i in range(1, len(word)):
        if word[i] == word[i - 1]:  # a key pressed twice
            yield word[:i] + word[i + 1 :]
    for i in range(len(word)):
        for letter in _ALIKE.get(word[i], ""):
            yield word[:i] + letter + word[i + 1 :]
    for i in range(len(word) - 1):
        yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]
    for i in range(len(word) + 1):
        for letter in letters:
            yield word[:i] + letter + word[i:]
    for i in range(len(word)):
        for letter in letters:
            if letter != word[i]:
                yield word[:i] + letter + word[i + 1 :]


def _correction(word: str, words: frozenset[str]) -> str | None:
    """The page word for a searched word on no page: the typed word with one typo undone whose stem is a
    page's («обрашение» → «обращение», «регистрацыя» → «регистрация»); else the closest page stem one
    edit from the word's stem, as a word."""
    stem = term(word)
    if not stem or stem in words or len(word) < TYPO_MIN_LETTERS:
        return None
    found = next((other for other in _one_edit_away(word) if term(other) in words), None)
    if found is not None:
        return found
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
