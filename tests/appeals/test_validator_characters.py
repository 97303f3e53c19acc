"""The control-character rule of the appeal form's fields, against Unicode's own categories.

The check is a regular expression (one pass over a long text); the rule it stands for is «category Cc,
except a tab anywhere and a line break in a text». Every code point is tried both ways.
"""

import sys
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from appeals_form import validators


def _refused(value: str, *, multiline: bool) -> str | None:
    try:
        validators._check_characters(value, multiline=multiline)
    except ValidationError as error:
        return error.code
    return None


@pytest.mark.parametrize("multiline", [False, True])
def test_every_control_character_is_refused_and_nothing_else(multiline):
    allowed = {"\t", "\n"} if multiline else {"\t"}
    wrong = []
    for code_point in range(1, sys.maxunicode + 1):
        char = chr(code_point)
        if 0xD800 <= code_point <= 0xDFFF or char == validators.REPLACEMENT_CHAR:
            continue  # refused as a broken encoding, tested below
        expected = "control" if unicodedata.category(char) == "Cc" and char not in allowed else None
        if _refused(f"Текст{char}текст", multiline=multiline) != expected:
            wrong.append(hex(code_point))
    assert wrong == []


@pytest.mark.parametrize(
    ("value", "code"),
    [("a\x00b", "nul"), ("a\ufffdb", "encoding"), ("a\ud800b", "encoding"), ("строка\x1bстрока", "control")],
)
def test_nul_broken_encoding_and_escape_are_refused_with_their_own_message(value, code):
    assert _refused(value, multiline=True) == code


def test_a_long_pasted_text_with_tabs_and_line_breaks_passes():
    text = "Прошу принять меры.\tСрок — месяц.\n" * 500
    assert validators.clean_multiline(text) == text.strip()
