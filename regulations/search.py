"""How the list of acts (``/dokumenty/?q=``) and the API (``/api/v1/regulations/?q=``) match a search.

Residents type a citation as the site prints it («Федеральный закон от 02.05.2006 № 59-ФЗ»), a part of
it («59-ФЗ от 02.05.2006», «02.05.2006», «2006», «№ 59», «закон 59»), the number as it comes to hand
(«59фз», «59 ФЗ», «59-FZ», «Ф3 59»), the number of an amending act shown on the act's page («547-ФЗ»),
or words of the name in any form, with «РФ» for «Российской Федерации». One reading serves both sides:
a search and an act's text (its full name as printed, its kind, its amendments' numbers and dates) are
read by :func:`read` into

- dates (``d.m.yyyy``): each searched date must be one of the act's or its amendments';
- numbers (:func:`number_key`: «№ 59-ФЗ», «59фз», «59-FZ», «59-Ф3» are all ``59фз``): each searched number
  must be one of the act's numbers; a bare one («59», «2006») may also be a part of one
  («164/2006-ОЗ») or the year of the act's date; one with letters but no year («164-ОЗ») may be a regional
  law's number cited without its year;
- words: each must be in the act's text as a part of a word («обращени») or in another form of it
  (home.searchtext), abbreviations counting as their words (``searchtext.ABBREVIATIONS``);
  a word like a number's letters («Ф3», «FZ») also as those letters.

A search that finds nothing so is tried once more with a typo allowed in each word of six letters or
more (one letter wrong, missing, extra or two swapped: «обрашений»): in Python, over the same rows, so
the same on SQLite and PostgreSQL (a trigram index would be PostgreSQL's only, for a few hundred acts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from home.searchtext import fold, index_terms, term, with_abbreviations, within_one_edit, word_variants

# «59-ФЗ», «59фз», «164/2006-ОЗ», «12/4», «2307-ПА»: digits (parts split by «/»), then maybe letters,
# joined by a hyphen or nothing (a word after a space is a word: «59 о порядке»).
_NUMBER = re.compile(r"(?<![\w/])(\d+(?:/\d+)*)(?:[-‐–—]?([^\W\d_][^\W_]*))?(?![\w/])")
_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.]*\d)")
_WORD = re.compile(r"[^\W_]+")
# What a search's words are not: the sign of a number, quotes.
_MARKS = str.maketrans(dict.fromkeys("№«»\"'“”„", " "))
# A number's letters typed in Latin («59-FZ») are read as Russian, and the digits that look like letters
# among them as those letters («Ф3» for «ФЗ», «О3» for «ОЗ»).
_SUFFIX_LETTERS = str.maketrans(
    {
        **dict(zip("abcdefghijklmnopqrstuvwxyz", "абсдефгхийклмнопкрстуввхуз", strict=True)),
        "3": "з",
        "0": "о",
    }
)
# Typos are allowed in words this long only: shorter ones are too easily another word.
TYPO_MIN_LETTERS = 6


def _suffix(letters: str) -> str:
    return fold(letters).translate(_SUFFIX_LETTERS)


def number_key(number: str) -> str:
    """A document number as compared: «№ 59-ФЗ», «59фз», «59 - FZ», «59-Ф3» → «59фз»; «164/2006-ОЗ» → «164/2006оз»."""
    compact = re.sub(r"[\s\-‐–—№]+", "", fold(number))
    head = re.match(r"\d+(?:/\d+)*", compact)
    if head is None:
        return compact
    return head.group() + _suffix(compact[head.end() :])


def _head(key: str) -> str:
    return re.match(r"[\d/]*", key).group()


@dataclass(frozen=True)
class Reading:
    """A text read as a citation: its dates, number keys and other words (folded)."""

    dates: frozenset[date]
    numbers: frozenset[str]
    words: tuple[str, ...]


def read(text: str) -> Reading:
    """The dates, numbers and words of a search or of an act's text."""
    text = fold(text).translate(_MARKS)
    dates = set()

    def take_date(match) -> str:
        day, month, year = (int(part) for part in match.groups())
        try:
            dates.add(date(year, month, day))
        except ValueError:
            return match.group()
        return " "

    text = _DATE.sub(take_date, text)
    numbers = {number_key(match.group()) for match in _NUMBER.finditer(text)}
    words = tuple(word for word in _WORD.findall(_NUMBER.sub(" ", text)) if term(word))  # no stop words
    return Reading(dates=frozenset(dates), numbers=frozenset(numbers), words=words)


@dataclass(frozen=True)
class ActText:
    """What a search is compared with, for one act (:func:`act_text`)."""

    text: str  # folded, without «№» and quotes
    stems: frozenset[str]
    words: frozenset[str]
    numbers: frozenset[str]
    number_parts: frozenset[str]  # the parts of the numbers' digits and the years of the act's dates
    dates: frozenset[date]


def act_text(*, texts: list[str], amendments: list[str]) -> ActText:
    """``texts``: the act's full name and kind; ``amendments``: each amending act's «№ <number> от <date>»."""
    own, changes = read(" ".join(texts)), read(" ".join(amendments))
    numbers = own.numbers | changes.numbers
    parts = {part for key in numbers for part in _head(key).split("/") if part}
    parts |= {str(day.year) for day in own.dates}
    raw = " ".join(texts)
    return ActText(
        text=" ".join(fold(raw).translate(_MARKS).split()),
        stems=with_abbreviations(frozenset(index_terms(raw))),
        words=frozenset(own.words),
        numbers=frozenset(numbers),
        number_parts=frozenset(parts),
        dates=own.dates | changes.dates,
    )


def _number_matches(key: str, act: ActText) -> bool:
    if key in act.numbers:
        return True
    head = _head(key)
    if key == head:  # no letters: a part of a number («59», «164/2006»), or a year
        return key in act.number_parts or any(_head(number) == key for number in act.numbers)
    if "/" not in head:  # «164-ОЗ» for «164/2006-ОЗ»: a regional law cited without its year
        letters = key[len(head) :]
        return any(
            _head(number).split("/")[0] == head and number[len(_head(number)) :] == letters for number in act.numbers
        )
    return False


def _word_matches(word: str, act: ActText, *, typos: bool) -> bool:
    forms = [word]
    letters = _suffix(word)
    if letters != word and _WORD.fullmatch(letters):
        forms.append(letters)  # «ф3» as «фз», «fz» as «фз»
    for form in forms:
        for variant in word_variants(form):
            if variant in act.text:
                return True
            terms = index_terms(variant)
            if terms and act.stems.issuperset(terms):
                return True
    if typos and len(word) >= TYPO_MIN_LETTERS:
        stem = term(word)  # «обрашений» is one letter from «обращен», the stem of «обращениями» too
        return any(within_one_edit(word, other) for other in act.words) or any(
            within_one_edit(stem, other) for other in act.stems
        )
    return False


def matches(search: Reading, act: ActText, *, typos: bool = False) -> bool:
    """Whether an act holds every date, number and word of a search (``typos``: one typo allowed a word)."""
    return (
        search.dates <= act.dates
        and all(_number_matches(key, act) for key in search.numbers)
        and all(_word_matches(word, act, typos=typos) for word in search.words)
    )


def may_have_typos(search: Reading) -> bool:
    """Whether a search has a word long enough to be looked up with a typo."""
    return any(len(word) >= TYPO_MIN_LETTERS for word in search.words)
