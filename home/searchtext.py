"""How the site's searches compare words: one normalisation for every database.

Residents type «прием» for «приём» and any word form («обращения» for
«обращение»). PostgreSQL's ``russian`` text search configuration handles both
(its Snowball stemmer folds «ё» into «е» and cuts endings); SQLite's FTS5 does
neither. So the SQLite index and its queries go through :func:`index_terms`,
which mirrors that configuration in Python: the same Snowball stemmers
(``snowballstemmer``: Russian for Cyrillic words, English for Latin ones, as
``russian`` does), the same stop words (PostgreSQL's own lists, in
``home/data/``), numbers kept as they are. The same words then find the same
pages on both databases (tests/home/test_search_russian.py checks the stems
against PostgreSQL's ``to_tsvector`` when it runs there).

The regulations list filter uses :func:`index_terms` and :func:`fold` as well.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import snowballstemmer

_DATA = Path(__file__).resolve().parent / "data"
# Runs of letters and digits: hyphens, punctuation and «№» separate words (PostgreSQL
# indexes a hyphenated word's parts too, and the query is split the same way).
_WORD = re.compile(r"[^\W_]+")
_LATIN = re.compile(r"[a-z]+")


def fold(text: str) -> str:
    """Lower case, «ё» as «е»: how words are compared when they are not stemmed."""
    return text.casefold().replace("ё", "е")


@lru_cache(maxsize=2)
def _stop_words(language: str) -> frozenset[str]:
    lines = (_DATA / f"{language}.stop").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=2)
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


@lru_cache(maxsize=50_000)
def term(word: str) -> str:
    """One lower-case word as the index holds it: its stem, or "" for a stop word."""
    if any(ch.isdigit() for ch in word):
        return word  # numbers and numbered words («59», «131фз») are kept as they are
    language = "english" if _LATIN.fullmatch(word) else "russian"
    if word in _stop_words(language):  # checked before folding «ё», as PostgreSQL does
        return ""
    return _stemmer(language).stemWord(word.replace("ё", "е"))


def index_terms(text: str) -> list[str]:
    """The stems of a text's words, in order, without stop words."""
    terms = (term(word) for word in _WORD.findall(text.casefold()))
    return [t for t in terms if t]


def index_text(text: str) -> str:
    """A text as the SQLite index stores it (and a query as it is matched there): stems joined by spaces."""
    return " ".join(index_terms(text))


def folded_text(text: str) -> str:
    """A text for prefix (autocomplete) matching: words folded but not stemmed."""
    return " ".join(_WORD.findall(fold(text)))


# Words of one family that the stemmer cuts to different stems: «запись» → «зап», «записи» → «запис»,
# «записаться» → «записа», so «записаться на приём» did not find «запись на приём». A searched word of a
# family is also looked up as one form of each of the family's stems. Few and explicit: the words residents
# type for what the site offers.
WORD_FAMILIES = (("запись", "записи", "записаться", "запишитесь"),)


@lru_cache(maxsize=1)
def _families() -> dict[str, tuple[str, ...]]:
    """Each stem of a family's words, with the family."""
    return {term(word): family for family in WORD_FAMILIES for word in family}


def word_variants(word: str) -> list[str]:
    """The forms a searched word is looked up in: itself, and for nouns in «-ём» and «-анин» both of their stems.

    The Snowball stemmer (on both databases) reads «приём» as a verb form and
    cuts it to «при», while «приёма», «приёмы» keep «прием»: «личный приём»
    would not find «График личного приёма». So a word ending in «ем» is also
    looked up as its genitive (+«а»), and a word whose stem ends in «ем» as
    that stem (which stems to the short form): any form finds every other.
    """
    word = fold(word)
    variants = [word]
    if len(word) > 4 and word.endswith("ем"):
        variants.append(word + "а")
    stem = term(word)
    if stem != word and len(stem) > 4 and stem.endswith("ем"):
        variants.append(stem)
    # Nouns in «-анин/-янин» stem three ways: «гражданин(а)» → «гражданин»,
    # «граждане», «гражданам» → «граждан», the genitive «граждан» → «гражда».
    # Each form is also looked up as the other two (the nominatives singular
    # and plural and the genitive plural), so any form finds every other.
    base = None
    if len(stem) > 6 and stem.endswith(("анин", "янин")):
        base = stem[:-2]
    elif len(stem) > 4 and stem.endswith(("ан", "ян")):
        base = stem
    elif len(word) > 5 and word.endswith(("ан", "ян")):
        base = word
    if base:
        variants += [form for form in (base, base + "е", base + "ин") if form not in variants]
    family = _families().get(stem, ())
    variants += [form for form in family if form not in variants and term(form) not in map(term, variants)]
    return variants


def autocomplete_words(text: str) -> list[list[tuple[str, bool]]]:
    """The words of an admin page search (autocomplete), each as (form, is a prefix) alternatives.

    Every word is a prefix in any of its forms (its variants); a form in «-ем» («прием», the stem of
    «приемов») is matched whole, since the stemmer cuts it to «при», which as a prefix would find «приказ».
    Stop words are left out.
    """
    words = []
    for word in _WORD.findall(fold(text)):
        if not term(word):
            continue
        words.append([(form, not (len(form) > 4 and form.endswith("ем"))) for form in word_variants(word)])
    return words


def autocomplete_text(text: str) -> str:
    """The words of an admin page search that count (folded, stop words left out); "" finds nothing."""
    return " ".join(word for word in _WORD.findall(fold(text)) if term(word))


def query_words(text: str) -> list[list[str]]:
    """The words of a search that count (no stop words), each with its variants (word_variants)."""
    return [word_variants(word) for word in _WORD.findall(fold(text)) if term(word)]


# Abbreviations in official names and in what residents type: «граждан РФ» is «граждан Российской
# Федерации», and «Закон субъекта РФ» is found by «Российской Федерации» (the regulations list).
ABBREVIATIONS = {"рф": "Российская Федерация"}


@lru_cache(maxsize=1)
def _abbreviation_terms() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((short, frozenset(index_terms(full))) for short, full in ABBREVIATIONS.items())


def with_abbreviations(terms: frozenset[str]) -> frozenset[str]:
    """A text's stems (index_terms), with the words of each abbreviation in it and each abbreviation of its words."""
    extra = set()
    for short, words in _abbreviation_terms():
        if short in terms:
            extra |= words
        if terms.issuperset(words):
            extra.add(short)
    return terms | extra


# The site search uses the first words only: each word adds its variants to the
# database's query and to the ranking expression Django compiles (a 200-character
# query would otherwise cost tens of milliseconds to compile and to run).
SITE_QUERY_MAX_WORDS = 8


def site_query(text: str, *, any_word: bool = False):
    """A resident's search as a Wagtail search query: every word (``any_word``: at least one of them),
    each in any of its variants; None: nothing to find.

    The same query object goes to either database's backend, so both find the same pages.
    Words after the first SITE_QUERY_MAX_WORDS that count are not searched.
    """
    from modelsearch.query import And, Or, PlainText

    parts = []
    for variants in query_words(text)[:SITE_QUERY_MAX_WORDS]:
        texts = [PlainText(variant) for variant in variants]
        parts.append(texts[0] if len(texts) == 1 else Or(texts))
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return Or(parts) if any_word else And(parts)


def searched_word_count(text: str) -> int:
    """How many words of a search count (no stop words; at most SITE_QUERY_MAX_WORDS)."""
    return len(query_words(text)[:SITE_QUERY_MAX_WORDS])


# Matching in Python, for the short lists the search shows above its results (home/searchshortcuts.py):
# officials by name or position, the status lookup by its words.


def text_terms(text: str) -> frozenset[str]:
    """The stems of a text's words, as a set to look words up in (word_matches)."""
    return frozenset(index_terms(text))


def word_matches(variants: list[str], terms: frozenset[str]) -> bool:
    """Whether a searched word (its variants, from query_words) is one of a text's words in any form."""
    return any(term(variant) in terms for variant in variants)


# A name is matched by its beginning: the Snowball stemmer cuts «Кузнецов» to «кузнец» but «Кузнецова»
# and «Кузнецову» to «кузнецов», so stems of surnames do not meet. A searched word of three letters or
# more, without its last two (case endings: «-ой», «-у», «-а», «-ым»), must begin the name.
NAME_MIN_LETTERS = 3
NAME_ENDING_LETTERS = 2


def name_matches(variants: list[str], name: str) -> bool:
    """Whether a searched word names ``name`` (a surname, a first name or a patronymic) in any case."""
    folded = fold(name)
    for word in variants:
        if len(word) >= NAME_MIN_LETTERS and folded.startswith(
            word[: max(NAME_MIN_LETTERS, len(word) - NAME_ENDING_LETTERS)]
        ):
            return True
    return False


# Typos: the regulations list and the site search (home/searchtypos.py) allow one per word, compared alike.


def within_one_edit(a: str, b: str) -> bool:
    """Whether two words differ by at most one letter wrong, missing, extra, or two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) < len(b):
        return a[first:] == b[first + 1 :]
    if a[first + 1 :] == b[first + 1 :]:
        return True
    return a[first : first + 2] == b[first : first + 2][::-1] and a[first + 2 :] == b[first + 2 :]
