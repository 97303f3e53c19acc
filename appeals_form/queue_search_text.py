"""The appeal's ``search_extra``: what the queue's search finds beyond the applicant's own columns.

The queue's search (``admin_views/search.py``) matches substrings of one indexed
expression of the appeal's columns. Co-authors live in another table and a
phone must match by its digits whatever the typed format, so the services keep
a denormalised column with, folded as the search folds (lower case, «ё» as «е»):

- the phone's digits, a Russian number as ``7XXXXXXXXXX`` (a leading 8 is 7);
- the postal address;
- each co-author's name and e-mail.

It is written on registration (``services.register_appeal``) and by
``refresh_search_extra`` after co-authors change, and erased with the rest of
the personal data on anonymisation (``types.PERSONAL_FIELDS``). It is personal
data: only the database holds it (no log, no Wagtail search index).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from home.searchtext import fold

_NOT_DIGITS = re.compile(r"\D")


def phone_digits(value: str) -> str:
    """A phone's digits, one form for one number: ``+7 903 555-17-42``, ``8 (903) 5551742`` → ``79035551742``.

    11 digits starting with 8 or 7 are a Russian number (as
    ``validators.normalize_phone`` reads them); others keep their digits as they
    are (ten digits without the country code, a part of a number, another
    country's number), and the search matches them as a substring.
    """
    digits = _NOT_DIGITS.sub("", value)
    if len(digits) == 11 and digits[0] in "78":
        return "7" + digits[1:]
    return digits


def search_extra(*, phone: str, postal_address: str, co_authors: Iterable[tuple[str, ...]]) -> str:
    """The column's value: phone digits, postal address, co-authors' names, e-mails and postal addresses, folded."""
    parts = [phone_digits(phone or ""), postal_address or ""]
    for co_author in co_authors:  # (name, e-mail[, postal address])
        parts += [value or "" for value in co_author]
    return fold(" ".join(part.strip() for part in parts if part and part.strip()))
