"""The official name of an act, composed from its details, so that nobody types it twice.

    designation(kind="federal_law", issuer="", day=date(2006, 5, 2), number="59-ФЗ")
    -> "Федеральный закон от 02.05.2006 № 59-ФЗ"
    full_name(..., title="О порядке рассмотрения обращений граждан Российской Федерации")
    -> "Федеральный закон от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации»"

A regulation (регламент) has no number of its own: its date and number are those of the
resolution that approved it, and its name says so:
    "Регламент «О рассмотрении обращений граждан в администрации Ленинского городского округа»,
     утверждённый постановлением администрации Ленинского городского округа от 19.06.2020 № 638"
"""

from __future__ import annotations

from datetime import date

FEDERAL_LAW = "federal_law"
REGIONAL_LAW = "regional_law"
RESOLUTION = "resolution"
ORDER = "order"
REGULATION = "regulation"

# How each kind starts the official name; the issuing body (in the genitive) follows,
# except for a federal law.
NAME_WORDS = {
    FEDERAL_LAW: "Федеральный закон",
    REGIONAL_LAW: "Закон",
    RESOLUTION: "Постановление",
    ORDER: "Распоряжение",
    REGULATION: "Регламент",
}


def _wraps_all(title: str) -> bool:
    """Whether the « at the start closes at the very end (and not earlier, as in «A» и «B»)."""
    depth = 0
    for position, char in enumerate(title):
        if char == "«":
            depth += 1
        elif char == "»":
            depth -= 1
            if depth == 0:
                return position == len(title) - 1
    return False


def clean_title(title: str) -> str:
    """The act's name without the outer quotes an editor may have typed: «О …» -> О …."""
    title = " ".join((title or "").split())
    if len(title) > 2 and title[0] == "«" and _wraps_all(title):
        return title[1:-1].strip()
    for opening, closing in (('"', '"'), ("“", "”"), ("„", "“")):
        inner = title[1:-1]
        if len(title) > 2 and title[0] == opening and title[-1] == closing and opening not in inner:
            return inner.strip()
    return title


def clean_number(number: str) -> str:
    """The number as written after the sign №: "№ 59-ФЗ" -> "59-ФЗ"."""
    number = " ".join((number or "").split())
    return number.removeprefix("№").removeprefix("N ").strip()


def _details(day: date | None, number: str) -> str:
    parts = []
    if day:
        parts.append(f"от {day:%d.%m.%Y}")
    if number:
        parts.append(f"№ {number}")
    return " ".join(parts)


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def designation(*, kind: str, issuer: str, day: date | None, number: str) -> str:
    """The act's kind, issuer, date and number: "Постановление администрации … от 19.06.2018 № 2307-ПА"."""
    if kind == REGULATION:
        return _join("Регламент, утверждённый постановлением", issuer, _details(day, number))
    issuer = "" if kind == FEDERAL_LAW else issuer
    return _join(NAME_WORDS.get(kind, ""), issuer, _details(day, number))


def full_name(*, kind: str, issuer: str, day: date | None, number: str, title: str) -> str:
    """The official full name: the designation and the title in «quotes» (see the module's docstring)."""
    title = clean_title(title)
    quoted = f"«{title}»" if title else ""
    if kind == REGULATION:
        approval = _join("утверждённый постановлением", issuer, _details(day, number))
        return f"{_join('Регламент', quoted)}, {approval}"
    return _join(designation(kind=kind, issuer=issuer, day=day, number=number), quoted)
