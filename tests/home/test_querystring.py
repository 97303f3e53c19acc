"""home.querystring.parse_qsl gives urllib.parse.parse_qsl's result (or its exception) for every input, and Django's
QueryDict (request.GET, a URL-encoded request.POST) goes through it."""

import itertools
import random
from urllib.parse import parse_qsl as standard_parse_qsl
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.http import request as django_request

from home import querystring, wagtail_compat

# Pieces a body or a query string is made of, the awkward ones included: escapes cut short or not hex, a percent
# sign escaped or bare, backslashes (the fast path's own escape character), bytes that are not UTF-8, letters
# outside ASCII typed raw (a misbehaving client), separators and plus signs.
PIECES = (
    "a", "text", "Z9", "=", "&", "&&", "+", " ", "%", "%2", "%%", "%zz", "%4g", "%41", "%2B", "%26", "%3D",
    "%D0%BF", "%D1%91", "%d0%b9", "%D0", "%9F", "%C3%28", "%FF", "%00", "%5C", "\\", "\\x41", "\\%41", "\\\\",
    "й", "ё", "\x00", "\n", "%0D%0A", ";", "#",
)  # fmt: skip


def _outcome(parse, qs, **kwargs):
    try:
        return ("result", parse(qs, **kwargs))
    except ValueError as error:  # UnicodeDecodeError included
        return ("error", type(error), str(error))


def _generated(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))) for _ in range(count)]


@pytest.mark.parametrize(
    ("keep_blank_values", "encoding", "errors", "max_num_fields"),
    [
        (False, "utf-8", "replace", None),
        (True, "utf-8", "replace", None),
        (True, "utf-8", "strict", None),
        (True, "cp1251", "replace", 4),
        (False, "latin-1", "ignore", 2),
    ],
)
def test_the_result_is_the_standard_librarys_for_generated_strings(keep_blank_values, encoding, errors, max_num_fields):
    kwargs = {
        "keep_blank_values": keep_blank_values,
        "encoding": encoding,
        "errors": errors,
        "max_num_fields": max_num_fields,
    }
    for qs in itertools.chain(PIECES, _generated(3000, seed=19)):
        assert _outcome(querystring.parse_qsl, qs, **kwargs) == _outcome(standard_parse_qsl, qs, **kwargs), repr(qs)


def test_bytes_strict_parsing_and_other_separators_are_the_standard_librarys():
    for qs, kwargs in (
        (b"a=%D0%BF&b=", {"keep_blank_values": True}),
        ("a=1&b", {"strict_parsing": True}),
        ("a=1;b=2", {"separator": ";"}),
        ("", {"max_num_fields": 0}),
    ):
        assert _outcome(querystring.parse_qsl, qs, **kwargs) == _outcome(standard_parse_qsl, qs, **kwargs), qs


def test_a_long_russian_appeal_comes_back_exactly_as_typed():
    text = (
        "Прошу проверить начисления за отопление (дом № 5, кв. 12) — 100% переплата & «ошибка» + C:\\счета\r\n"
    ) * 60
    body = urlencode({"text": text, "surname": "Ёлкина", "csrfmiddlewaretoken": "t" * 64, "empty": ""})

    assert querystring.parse_qsl(body, keep_blank_values=True) == [
        ("text", text),
        ("surname", "Ёлкина"),
        ("csrfmiddlewaretoken", "t" * 64),
        ("empty", ""),
    ]


def test_django_parses_requests_with_it():
    assert wagtail_compat.install_query_parser(querystring.parse_qsl)
    assert django_request.parse_qsl is querystring.parse_qsl
    parsed = QueryDict("q=%D0%BF%D1%80%D0%B8%D0%B5%D0%BC+%D0%B3%D1%80%D0%B0%D0%B6%D0%B4%D0%B0%D0%BD&page=2&page=3")
    assert parsed["q"] == "прием граждан"
    assert parsed.getlist("page") == ["2", "3"]


def test_django_keeps_its_own_parser_when_the_name_is_not_what_it_expects(monkeypatch):
    def foreign(*args, **kwargs):  # someone else's replacement: not ours to override
        return standard_parse_qsl(*args, **kwargs)

    monkeypatch.setattr(django_request, "parse_qsl", foreign)

    assert not wagtail_compat.install_query_parser(querystring.parse_qsl)
    assert django_request.parse_qsl is foreign
