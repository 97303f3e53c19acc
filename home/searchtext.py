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


# What a search box may receive that is not text: control characters (NUL, which PostgreSQL refuses in a
# string, line breaks and tabs pasted from a document), format characters (zero-width spaces and joiners,
# soft hyphens, direction marks copied from web pages) and lone surrogates. Each becomes a space.
_NOT_TEXT = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ud800-\udfff]")


def clean_search_text(raw: str | None, *, max_length: int) -> str:
    """A search as every search box reads it: control and invisible characters as spaces, runs of spaces
    as one, stripped, at most ``max_length`` characters (cut at a word's end when one is near)."""
    text = " ".join(_NOT_TEXT.sub(" ", raw or "").split())
    if len(text) <= max_length:
        return text
    cut = text[:max_length]
    return cut.rsplit(" ", 1)[0] if " " in cut[max_length // 2 :] else cut


def has_words(text: str) -> bool:
    """Whether a search has a letter or a digit to look for."""
    return bool(_WORD.search(text))


# Russian typed with the Latin layout on: the keys of the standard Russian layout (ЙЦУКЕН) on a US keyboard.
# «ghbtv uhf;lfy» is «прием граждан», «jnxtn» is «отчет».
_QWERTY = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>~"
_JCUKEN = "йцукенгшщзхъфывапролджэячсмитьбюёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ"
_TO_RUSSIAN = str.maketrans(_QWERTY, _JCUKEN)
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_CYRILLIC_LETTER = re.compile(r"[А-Яа-яЁё]")


def from_latin_layout(text: str) -> str | None:
    """``text`` as typed with the Russian layout, when it has Latin letters and no Russian ones
    (every word that has a Latin letter is read key by key, «;» as «ж», «,» as «б»); None otherwise.

    The searches try it only when the text as typed finds nothing: «email», «FZ» stay what they are."""
    if not _LATIN_LETTER.search(text) or _CYRILLIC_LETTER.search(text):
        return None
    words = [word.translate(_TO_RUSSIAN) if _LATIN_LETTER.search(word) else word for word in text.split(" ")]
    converted = " ".join(words)
    return converted if converted != text else None


# A number with parts («164/2006-ОЗ», «12/4»): PostgreSQL's parser reads it as one file path token
# ('164/2006-'), so its index gets the parts apart, as SQLite's (which splits at every sign) has them.
_NUMBER_PARTS = re.compile(r"(?<=\d)/(?=\d)")


def separate_numbers(text: str) -> str:
    """«№ 164/2006-ОЗ» → «№ 164 / 2006-ОЗ»: what PostgreSQL's index is built from (home/searchpg.py)."""
    return _NUMBER_PARTS.sub(" / ", text)


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


def autocomplete_readings(text: str) -> list[list[list[tuple[str, bool]]]]:
    """An admin page search's readings, each its words as autocomplete_words gives them: as typed and,
    typed with the Latin layout on, as meant («uhfabr» finds «График»). A page matches either."""
    relaid = from_latin_layout(text)
    readings = [autocomplete_words(text), autocomplete_words(relaid) if relaid else []]
    return [words for words in readings if words]


def autocomplete_text(text: str) -> str:
    """An admin page search as the backends read it (autocomplete_readings): "" when no word counts (stop
    words, signs), which finds nothing; else the text with control characters and runs of spaces out."""
    return clean_search_text(text, max_length=len(text)) if autocomplete_readings(text) else ""


# A number and its letters typed together («59фз», «164оз», «ФЗ59»): also looked up as two words, as the
# pages print them («59-ФЗ», whose parts both databases index apart).
_NUMBER_WITH_LETTERS = re.compile(r"(\d+)([^\W\d_]+)|([^\W\d_]+)(\d+)")


def query_words(text: str) -> list[list[str]]:
    """The words of a search that count (no stop words), each with its variants (word_variants)."""
    words = []
    for word in _WORD.findall(fold(text)):
        if not term(word):
            continue
        variants = word_variants(word)
        joined = _NUMBER_WITH_LETTERS.fullmatch(word)
        if joined:
            variants.append(" ".join(part for part in joined.groups() if part))
        words.append(variants)
    return words


# Abbreviations in official names and in what residents type: «граждан РФ» is «граждан Российской
# Федерации», and «Закон субъекта РФ» is found by «Российской Федерации» (the regulations list).
# The site search looks an abbreviation up as its full form too, and a full form as its abbreviation
# («ЖКХ» finds «жилищно-коммунального хозяйства», «управляющая компания» finds «УК»). Few and explicit:
# what residents of a municipality type; one meaning each («УК» is the managing company here, not the code).
ABBREVIATIONS = {
    "рф": "Российская Федерация",
    "жкх": "жилищно-коммунальное хозяйство",
    "жку": "жилищно-коммунальные услуги",
    "мфц": "многофункциональный центр",
    "ижс": "индивидуальное жилищное строительство",
    "ук": "управляющая компания",
    "мкд": "многоквартирный дом",
    "тсж": "товарищество собственников жилья",
    "снт": "садоводческое некоммерческое товарищество",
}


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


def _abbreviated(words: list[list[str]], start: int) -> tuple[str, int] | None:
    """The abbreviation whose full form the searched words spell from ``start`` on, and its length in words."""
    for short, full in ABBREVIATIONS.items():
        stems = index_terms(full)
        found = words[start : start + len(stems)]
        if len(found) == len(stems) and all(term(word[0]) == stem for word, stem in zip(found, stems, strict=True)):
            return short, len(stems)
    return None


def _query_parts(text: str) -> list:
    """The searched words as Wagtail queries, each in any of its variants, an abbreviation also as its full
    form and a full form also as its abbreviation (one part for the words of the full form)."""
    from modelsearch.query import And, Or, PlainText

    def one(variants):
        texts = [PlainText(variant) for variant in variants]
        return texts[0] if len(texts) == 1 else Or(texts)

    words = query_words(text)[:SITE_QUERY_MAX_WORDS]
    parts, index = [], 0
    while index < len(words):
        variants = words[index]
        short = _abbreviated(words, index)
        if short is not None:
            spelt = [one(word) for word in words[index : index + short[1]]]
            parts.append(Or([And(spelt) if len(spelt) > 1 else spelt[0], PlainText(short[0])]))
            index += short[1]
            continue
        full = ABBREVIATIONS.get(variants[0])
        parts.append(Or([one(variants), PlainText(full)]) if full else one(variants))
        index += 1
    return parts


def site_query(text: str, *, any_word: bool = False):
    """A resident's search as a Wagtail search query: every word (``any_word``: at least one of them),
    each in any of its variants; None: nothing to find.

    The same query object goes to either database's backend, so both find the same pages.
    Words after the first SITE_QUERY_MAX_WORDS that count are not searched.
    """
    from modelsearch.query import And, Or

    parts = _query_parts(text)
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


# Highlighting: the results page marks the searched words in each hit's title and description.
_WORDS_AND_GAPS = re.compile(r"([^\W_]+)")


def highlighted_terms(text: str) -> frozenset[str]:
    """The stems a search looks for (its words' variants, numbers apart from their letters, abbreviations
    with their full forms and back): a word of a text with one of these stems is a match."""
    terms = {term(part) for variants in query_words(text) for variant in variants for part in variant.split()}
    return with_abbreviations(frozenset(terms - {""}))


def marked_words(text: str, terms: frozenset[str]) -> list[tuple[str, bool]]:
    """``text`` cut into runs, each with whether it is a word of ``terms`` (any form, «ё» as «е», any case)."""
    if not text or not terms:
        return [(text, False)] if text else []
    return [
        (part, index % 2 == 1 and term(part.casefold()) in terms)
        for index, part in enumerate(_WORDS_AND_GAPS.split(text))
    ]


SNIPPET_LENGTH = 240
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def snippet(text: str, terms: frozenset[str], *, length: int = SNIPPET_LENGTH) -> str:
    """A page's text cut for its search result: at most ``length`` characters, cut after a word with «…».

    From the beginning, or, when the first found word is further, from the sentence it is in (with «…»
    before): the resident sees why the page was found.
    """
    text = _SPACES.sub(" ", text or "").strip()  # no-break spaces kept («с 10:00»)
    offset = 0
    for part, hit in marked_words(text, terms):
        if hit:
            break
        offset += len(part)
    else:
        offset = 0
    start = 0
    if offset > length * 3 // 4:
        sentence = text.rfind(". ", 0, offset) + 2  # 1: none before it
        near = sentence > 1 and offset - sentence <= length // 2
        start = sentence if near else text.rfind(" ", 0, offset - length // 4) + 1
    shown = text[start:]
    if len(shown) > length:
        shown = shown[: shown.rfind(" ", 0, length)].rstrip(",;:—– ") + "…"
    return ("…" + shown) if start else shown
