"""Checks of the values typed into the online appeal form.

Every function raises ``django.core.exceptions.ValidationError`` with a Russian
message meant to be shown next to the field. Values are cleaned here (trimmed,
line breaks unified) so that the form and the preview see the same text that
will be registered.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

from home.phone import phone_as_typed

# Characters a browser substitutes for bytes it could not decode; Django does
# the same (errors="replace") for a request body that is not valid UTF-8.
REPLACEMENT_CHAR = "\ufffd"

MSG_NUL = "Поле содержит недопустимый нулевой символ. Удалите его и попробуйте ещё раз."
MSG_ENCODING = (
    "Текст содержит символы в неверной кодировке. Наберите текст заново или скопируйте его из другого источника."
)
MSG_CONTROL = "Поле содержит недопустимые управляющие символы."
MSG_NAME_CHARS = "Используйте только буквы, пробел, дефис, апостроф и точку."
MSG_NAME_LETTER = "Укажите хотя бы одну букву."
MSG_PHONE = "Укажите номер телефона цифрами, например +7 495 123-45-67."

NAME_MAX_LENGTH = 100
PHONE_MAX_LENGTH = 32
ADDRESS_MAX_LENGTH = 500
CO_AUTHOR_NAME_MAX_LENGTH = 300

_NAME_RE = re.compile(r"^[^\W\d_]+(?:[ .'’\-][^\W\d_]*)*\.?$")
_PHONE_ALLOWED_RE = re.compile(r"^\+?[\d\s().\-]+$")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


# Unicode's category Cc is exactly C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F): one regular expression
# finds them in a long text without a Python step per character (tests/appeals/test_validators_chars.py
# compares it with ``unicodedata.category`` over every code point).
_CONTROL_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_CONTROL_MULTILINE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _check_characters(value: str, *, multiline: bool) -> None:
    if "\x00" in value:
        raise ValidationError(MSG_NUL, code="nul")
    if REPLACEMENT_CHAR in value or _SURROGATE_RE.search(value):
        raise ValidationError(MSG_ENCODING, code="encoding")
    if (_CONTROL_MULTILINE_RE if multiline else _CONTROL_RE).search(value):
        raise ValidationError(MSG_CONTROL, code="control")


# Line and page breaks other than "\n" that come with a pasted text: Word's manual line break (Shift+Enter)
# is a vertical tab, a page break a form feed; the Unicode line and paragraph separators, NEL. They were
# refused as «недопустимые управляющие символы», which nobody can see to remove.
_PASTED_BREAKS = str.maketrans(dict.fromkeys("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", "\n"))


def clean_line(value: str | None) -> str:
    """A one-line value: checked characters, trimmed, inner whitespace collapsed.

    Whitespace-only gives "" (the caller decides whether that is allowed).
    """
    value = unicodedata.normalize("NFC", (value or "").translate(_PASTED_BREAKS))
    _check_characters(value.replace("\r", "").replace("\n", " "), multiline=False)
    return " ".join(value.split())


def clean_multiline(value: str | None) -> str:
    """A text with line breaks: checked characters, "\\r\\n" and pasted breaks made "\\n", trimmed.

    Line breaks count as one character each, the way the live counter counts them.
    """
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n").translate(_PASTED_BREAKS)
    value = unicodedata.normalize("NFC", value)
    _check_characters(value, multiline=True)
    return value.strip()


def validate_person_name(value: str) -> None:
    """Surname, first name or patronymic: letters, with spaces, hyphens, apostrophes."""
    if not any(ch.isalpha() for ch in value):
        raise ValidationError(MSG_NAME_LETTER, code="no_letters")
    if not _NAME_RE.match(value):
        raise ValidationError(MSG_NAME_CHARS, code="name_chars")


def normalize_phone(value: str) -> str:
    """Validate a phone number loosely and bring it to one form.

    Russian numbers become "+7XXXXXXXXXX" (a leading 8 or 7 with 11 digits, or
    10 digits); other international numbers keep their digits after "+".
    Returns "" for an empty value. What copying adds to a number (direction marks, dashes, no-break
    spaces) is dropped first (``home.phone.phone_as_typed``).
    """
    value = phone_as_typed(value)
    if not value:
        return ""
    if len(value) > PHONE_MAX_LENGTH or not _PHONE_ALLOWED_RE.match(value):
        raise ValidationError(MSG_PHONE, code="phone")
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    if len(digits) == 10 and not value.startswith("+"):
        return "+7" + digits
    if value.startswith("+") and 10 <= len(digits) <= 15:
        return "+" + digits
    raise ValidationError(MSG_PHONE, code="phone")
