"""Phone numbers as residents type and paste them into the public forms (one rule for every form)."""

import unicodedata

# Dashes and minus signs a word processor, a web page or a messenger writes between the groups of a number.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"))


def phone_as_typed(value: str | None) -> str:
    """``value`` without what copying a number adds to it, for the form's own check.

    A number copied from the phone's contacts or a messenger comes wrapped in invisible direction marks
    (U+202A…U+202E, U+2066…U+2069, U+200E, U+200F); one copied from a letter or a page has dashes or a
    minus between its groups and no-break spaces; a phone's keyboard may give full-width digits. Such a
    number looks right on the screen, and «Укажите номер телефона цифрами» for it makes no sense to
    anybody. Invisible format characters are dropped, dashes become hyphens, full-width characters
    ordinary ones (NFKC), and any run of spaces one space.
    """
    text = unicodedata.normalize("NFKC", value or "")
    visible = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return " ".join(visible.translate(_DASHES).split())
