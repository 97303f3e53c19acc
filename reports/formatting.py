"""Numbers the Russian way for the public pages and the admin warnings.

Digit groups are separated by a non-breaking space ("6 179"), the decimal
separator is a comma ("38,1"), a negative number takes the minus sign U+2212
("−8") and a percent sign follows a non-breaking space ("38,1 %").
"""

from __future__ import annotations

from decimal import Decimal

NBSP = "\u00a0"
MINUS = "\u2212"
DASH = "—"
#: Why a change in % is not shown when the figure grew from zero (the page's «—» says this to screen readers).
FROM_ZERO = "рост с нуля: процент не вычисляется"


def _group(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NBSP.join(groups)


def number(value: int | Decimal | None, *, places: int | None = None) -> str:
    """6179 → "6 179"; Decimal("38.1") → "38,1"; None → "—". ``places`` fixes the decimals shown."""
    if value is None:
        return DASH
    value = Decimal(value)
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    sign = MINUS if value < 0 else ""
    text = format(abs(value), "f")
    whole, _, fraction = text.partition(".")
    result = sign + _group(whole)
    return f"{result},{fraction}" if fraction else result


def signed(value: int | Decimal | None, *, places: int | None = None) -> str:
    """A difference: "+563", "−8", "0"."""
    if value is None:
        return DASH
    text = number(value, places=places)
    return f"+{text}" if value > 0 else text


def percent(value: Decimal | None, *, places: int = 1) -> str:
    """A share: "38,1 %"; None → "—"."""
    if value is None:
        return DASH
    return f"{number(value, places=places)}{NBSP}%"


def signed_percent(value: Decimal | None, *, places: int = 1, missing: str = DASH) -> str:
    """A change: "+175,0 %", "−43,0 %"; None → ``missing`` ("—": no percentage of zero)."""
    if value is None:
        return missing
    return f"{signed(value, places=places)}{NBSP}%"


def typed_percent(value: Decimal) -> str:
    """A percentage as the source typed it, without adding decimals: "19 %", "−57 %", "12,5 %"."""
    places = max(0, -value.as_tuple().exponent) if isinstance(value, Decimal) else 0
    return f"{signed(value, places=places) if value < 0 else number(value, places=places)}{NBSP}%"


def typed_signed_percent(value: Decimal) -> str:
    """A change in % as the source typed it, signed like a computed change: "+50,0 %", "−57 %", "0 %"."""
    places = max(0, -value.as_tuple().exponent) if isinstance(value, Decimal) else 0
    return f"{signed(value, places=places)}{NBSP}%"
