"""The queue's search: registration number, the applicant's names, e-mail, phone and postal address,
the co-authors' names and e-mails, and the appeal's text.

Every word of the query must match (a word typed with the Latin layout on, also as meant:
``searchtext.from_latin_layout``): either inside the number, surname, first
name, patronymic, e-mail or ``search_extra`` (substring, case-insensitive,
е = ё), or as a word of the text (Russian word forms). ``search_extra`` is the
services' denormalised copy of the phone's digits, the postal address and the
co-authors (``appeals_form/queue_search_text.py``).

A phone matches by its digits whatever the typed format: a run of words of
digits and phone separators («+7 903 555-17-42», «8 (903) 555 17 42»,
«89035551742») is also looked for as one number, its digits normalised as the
stored phone's (a leading 8 or 7 of a Russian number is 7), while each of its
words still matches as before (a part of a registration number).

PostgreSQL answers from two indexes (migration 0004): a trigram GIN index on
``PERSON_EXPRESSION`` for the substring and a GIN full-text index on
``TEXT_VECTOR``. The SQL of both must stay exactly the indexed expressions, so
they are written once, here; the migration repeats them literally (a migration
never imports code that may change) and tests/appeals/test_queue_scale.py checks
on PostgreSQL that the plans use both indexes. Other databases
(SQLite in development) get a substring fallback over the same fields, folded the same way, and
the text also by each word's Snowball stem (any form of the word, as PostgreSQL finds it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, TextField, Value

from appeals_form.models.appeal import number_pattern, parse_number
from appeals_form.queue_search_text import phone_digits
from home import searchtext
from home.sqlitefunctions import FOLD

MAX_SEARCH_WORDS = 6
MAX_QUERY_LENGTH = 200
FIELDS = ("number", "surname", "first_name", "patronymic", "email", "search_extra")
# A word that may be (a part of) a phone number: digits with «+», brackets, hyphens, dots.
_PHONE_WORD = re.compile(r"^\+?[\d()\-.]*\d[\d()\-.]*$")
MIN_PHONE_DIGITS = 5  # fewer digits are left to the plain substring (a part of a number, a house number)
TEXT_FIELD = "text"
# A shorter stem («гор» of «горит») would match inside too many words of the text.
MIN_STEM_LETTERS = 4
TEXT_CONFIG = "russian"

# Unqualified columns in the index; the queries qualify them with the table (the
# listing joins auth_user, which has an "email" too). PostgreSQL matches both.
_SEPARATOR = " || ' ' || "


def person_expression(table: str = "") -> str:
    prefix = f'"{table}".' if table else ""
    joined = _SEPARATOR.join(f'{prefix}"{field}"' for field in FIELDS)
    return f"translate(lower({joined}), 'ё', 'е')"


def text_vector(table: str = "") -> str:
    prefix = f'"{table}".' if table else ""
    return f"to_tsvector('{TEXT_CONFIG}'::regconfig, {prefix}\"{TEXT_FIELD}\")"


PERSON_INDEX = "appeals_person_trgm_idx"
TEXT_INDEX = "appeals_text_fts_idx"


def create_index_sql(table: str) -> list[str]:
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f'CREATE INDEX IF NOT EXISTS {PERSON_INDEX} ON "{table}" USING gin ({person_expression()} gin_trgm_ops)',
        f'CREATE INDEX IF NOT EXISTS {TEXT_INDEX} ON "{table}" USING gin ({text_vector()})',
    ]


def drop_index_sql() -> list[str]:
    return [f"DROP INDEX IF EXISTS {PERSON_INDEX}", f"DROP INDEX IF EXISTS {TEXT_INDEX}"]


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class Term:
    """A searched term: words that must each match, or (a phone) its digits found as one number."""

    words: tuple[str, ...]
    phone: str = ""


def terms_of(query: str) -> list[Term]:
    """The query's terms: its words, a run of phone-like words joined into one term (at most ``MAX_SEARCH_WORDS``)."""
    terms: list[Term] = []
    run: list[str] = []

    def close_run():
        if run:
            digits = phone_digits("".join(run))
            terms.append(Term(tuple(run), digits if len(digits) >= MIN_PHONE_DIGITS else ""))
            run.clear()

    for word in query.split():
        if len(terms) >= MAX_SEARCH_WORDS:
            break
        if _PHONE_WORD.match(word):
            run.append(word)
            if len(run) >= MAX_SEARCH_WORDS:  # a phone has fewer groups: the rest is another term
                close_run()
            continue
        close_run()
        terms.append(Term((word,)))
    close_run()
    return terms[:MAX_SEARCH_WORDS]


class _Joined(Func):
    """The person columns as ``PERSON_EXPRESSION``: Django qualifies them (also as U0 in a subquery)."""

    arg_joiner = _SEPARATOR
    template = "translate(lower(%(expressions)s), 'ё', 'е')"
    output_field = TextField()


def _binary(left, operator: str, right) -> Func:
    return Func(left, right, arg_joiner=f" {operator} ", template="(%(expressions)s)", output_field=BooleanField())


def _postgresql_word(word: str) -> Q:
    person = _binary(_Joined(*(F(field) for field in FIELDS)), "LIKE", Value(_like_pattern(fold(word))))
    vector = Func(F(TEXT_FIELD), template=f"to_tsvector('{TEXT_CONFIG}'::regconfig, %(expressions)s)")
    query = Func(Value(word), template=f"plainto_tsquery('{TEXT_CONFIG}'::regconfig, %(expressions)s)")
    # A stop word ("не", "по") makes an empty query that matches no text: such a word asks nothing.
    # (A constant: PostgreSQL folds it while planning, the indexes stay usable.)
    stop_word = Func(query, template="(numnode(%(expressions)s) = 0)", output_field=BooleanField())
    return Q(person) | Q(_binary(vector, "@@", query)) | Q(stop_word)


def _postgresql_phone(digits: str) -> Q:
    """The digits inside the indexed expression (``search_extra`` holds the phone's digits)."""
    return Q(_binary(_Joined(*(F(field) for field in FIELDS)), "LIKE", Value(_like_pattern(digits))))


# A number as typed: letters («ог»), or separated parts («2026 13», «2026-13»); a bare run of
# digits is a phone or a part of a number. Years of the 21st century only («8903 5551742» is a phone).
_NUMBER_MARKS = re.compile(r"[^\W\d_]|\d[^\w]+\d")
_YEARS = range(2000, 2100)


def typed_number(query: str) -> str | None:
    """The registration number the whole query spells, as issued; None if it is something else."""
    number = parse_number(query) if _NUMBER_MARKS.search(query.strip()) else None
    if number is None:
        return None
    issued = number_pattern(settings.APPEALS_NUMBER_FORMAT, letters_optional=False).fullmatch(number)
    if not issued or int(issued["year"]) not in _YEARS:
        return None
    typed_sequence = re.findall(r"\d+", query)[-1]
    if typed_sequence.startswith("0") and typed_sequence != issued["seq"]:
        return None  # «2026-0001»: the beginning of zero-padded numbers, looked for as a part
    return number


def clean_query(query: str | None) -> str:
    """The query as searched: no control characters (PostgreSQL refuses a NUL), at most MAX_QUERY_LENGTH."""
    return searchtext.clean_search_text(query, max_length=MAX_QUERY_LENGTH)


def search_condition(query: str, *, vendor: str | None = None) -> Q:
    """A filter for ``Appeal`` rows matching every term of ``query``."""
    vendor = vendor or connection.vendor
    query = clean_query(query)
    number = typed_number(query)
    if number is not None:
        # The whole query is a registration number as people say and write it («ог 2026 13»,
        # «2026-13», «OG 2026 000013»): that appeal alone. Word by word, «ог 2026 13» matched
        # every appeal of 2026 with a «13» anywhere, and «ОГ-2026-13» none.
        return Q(number=number)
    one_word = _postgresql_word if vendor == "postgresql" else _fallback_word

    def word_condition(word: str) -> Q:
        # A word typed with the Latin layout on («bdfyjdf» for «иванова») is also looked for as meant.
        relaid = searchtext.from_latin_layout(word)
        return one_word(word) if relaid is None else one_word(word) | one_word(relaid)

    condition = Q()
    for term in terms_of(query):
        words = Q()
        for word in term.words:
            words &= word_condition(word)
        if term.phone:
            words |= _postgresql_phone(term.phone) if vendor == "postgresql" else _fallback_word(term.phone)
        condition &= words
    return condition


class Folded(Func):
    """A text as the search and the sort compare it: any case, «ё» as «е» (``fold`` in the database)."""

    function = FOLD  # SQLite: home/sqlitefunctions.py
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="translate(lower(%(expressions)s), 'ё', 'е')")


def _fallback_word(word: str) -> Q:
    """Other databases (SQLite): a substring of any field (of the text also the word's stem),
    both sides folded by ``portal_fold`` (home/sqlitefunctions.py: every alphabet's case, «ё» as «е»;
    SQLite's own LIKE folds ASCII only)."""
    searched = [(field, fold(word)) for field in (*FIELDS, TEXT_FIELD)]
    # The text in any form of the word, as PostgreSQL's «russian» configuration finds it:
    # its Snowball stem inside the text («квитанция» → «квитанц» finds «квитанции»).
    stem = searchtext.term(fold(word))
    if len(stem) >= MIN_STEM_LETTERS and stem != fold(word):
        searched.append((TEXT_FIELD, stem))
    word_q = Q()
    for field, part in searched:
        # SQLite's LIKE has no escape character unless told (PostgreSQL's is the backslash).
        word_q |= Q(
            Func(
                Folded(F(field)),
                Value(_like_pattern(part)),
                template="(%(expressions)s ESCAPE '\\')",
                arg_joiner=" LIKE ",
                output_field=BooleanField(),
            )
        )
    return word_q
