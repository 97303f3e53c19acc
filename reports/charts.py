"""Accessible charts drawn on the server (HTML and inline SVG): no JavaScript, no chart library.

Every chart is one ``role="img"`` named by its title and its description (what
it shows, the largest value, where the data are), and every bar or slice carries
its value as text, so nothing depends on colour alone. The data table is always
printed next to the chart.

Layout works at any width and text size: the labels and values are HTML text,
so they wrap where the screen ends (a phone, the large sizes of the version for
the visually impaired) instead of running past the chart, and only the bars and
the pie are SVG shapes, their lengths in ``%`` of the row (they print, and keep
their fill in forced-colours mode). Colours come from classes that site.css maps
to the page's colour scheme (black and white, white on black, blue in the visually
impaired version); the attributes are only a fallback.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import formatting as fmt

PRIMARY = "#0d4cd3"
SECONDARY_FILL = "#a9c4f5"
TEXT = "#16202b"
# Slices: dark enough for white numbers on them (4.5:1) and for 3:1 against the page.
PALETTE = ("#0d4cd3", "#8a4b00", "#1e6b36", "#6a1b9a", "#b3261e", "#00607a", "#4b5866", "#9c2b6b")

MAX_BAR = Decimal(100)  # % of the row: the longest bar
MAX_BARS = 12
MAX_SLICES = 7


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str  # the value as printed: "3 124 (38,1 %)"


@dataclass(frozen=True)
class PairBar:
    label: str
    current: int
    previous: int


@dataclass(frozen=True)
class Slice:
    label: str
    value: int
    share: Decimal


def _num(value: float | Decimal) -> str:
    """A length without trailing zeros: 3.50 → "3.5"."""
    text = f"{float(value):.3f}".rstrip("0").rstrip(".")
    return text or "0"


def _chart(*, chart_id: str, title: str, desc: str, body: list[str], kind: str) -> SafeString:
    """The chart: one image to assistive technology, named by its title and description."""
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return mark_safe(  # noqa: S308 (every piece of text below is escaped)
        f'<div class="chart chart--{kind}" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}">'
        f'<span class="visually-hidden" id="{escape(title_id)}">{escape(title)}</span>'
        f'<span class="visually-hidden" id="{escape(desc_id)}">{escape(desc)}</span>' + "".join(body) + "</div>"
    )


def _bar(*, width: Decimal, css: str = "chart__bar", fill: str = PRIMARY, outline: bool = False) -> str:
    """One bar: a shape ``width`` % of the row long (a thin axis mark for zero)."""
    if width <= 0:
        shape = f'<rect class="chart__axis" x="0" y="0" width="2" height="100%" fill="{TEXT}"></rect>'
    else:
        stroke = f' stroke="{PRIMARY}" stroke-width="1"' if outline else ""
        shape = f'<rect class="{css}" x="0" y="0" width="{_num(width)}%" height="100%" fill="{fill}"{stroke}></rect>'
    return _track(shape)


def _track(shape: str = "") -> str:
    """The row a bar is drawn in (empty: a zero value of a pair shows only its number)."""
    return f'<svg class="chart__track" width="100%" aria-hidden="true" focusable="false">{shape}</svg>'


def _swatch(*, css: str, fill: str, outline: bool = False) -> str:
    stroke = f' stroke="{PRIMARY}" stroke-width="1"' if outline else ""
    return (
        '<svg class="chart__swatch" aria-hidden="true" focusable="false" viewBox="0 0 16 10">'
        f'<rect class="{css}" x="0.5" y="0.5" width="15" height="9" fill="{fill}"{stroke}></rect></svg>'
    )


def limit_bars(bars: Sequence[Bar], *, limit: int = MAX_BARS, other: str = "Остальные") -> tuple[list[Bar], int]:
    """At most ``limit`` bars: the largest ones in their order, the rest summed into one bar.

    Returns the bars and how many rows went into the summed bar (0 when none did).
    """
    if len(bars) <= limit:
        return list(bars), 0
    keep = set(sorted(range(len(bars)), key=lambda i: (-bars[i].value, i))[: limit - 1])
    rest = [bar for index, bar in enumerate(bars) if index not in keep]
    rest_value = sum(bar.value for bar in rest)
    summed = Bar(label=f"{other} ({len(rest)})", value=rest_value, text=fmt.number(rest_value))
    return [bar for index, bar in enumerate(bars) if index in keep] + [summed], len(rest)


def bar_chart(*, chart_id: str, title: str, desc: str, bars: Sequence[Bar]) -> SafeString:
    """Horizontal bars, one per row: the label and the value above each bar."""
    largest = max((bar.value for bar in bars), default=0)
    body: list[str] = []
    for bar in bars:
        width = MAX_BAR * bar.value / largest if bar.value > 0 and largest > 0 else Decimal(0)
        body.append(
            f'<div class="chart__row"><p class="chart__label">{escape(bar.label)} —\u00a0'
            f'<b class="chart__value">{escape(bar.text)}</b></p>{_bar(width=width)}</div>'
        )
    return _chart(chart_id=chart_id, title=title, desc=desc, body=body, kind="bars")


def comparison_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    rows: Sequence[PairBar],
    series: tuple[str, str],
) -> SafeString:
    """Two bars per row (the reporting period, then the previous one), a legend on top, each value at its row's end."""
    largest = max((max(row.current, row.previous) for row in rows), default=0)
    kinds = (
        ("chart__bar", PRIMARY, False),
        ("chart__bar chart__bar--previous", SECONDARY_FILL, True),
    )
    legend = "".join(
        f'<li class="chart__legend">{_swatch(css=css, fill=fill, outline=outline)}{escape(name)}</li>'
        for (css, fill, outline), name in zip(kinds, series, strict=True)
    )
    body = [f'<ul class="chart__legends">{legend}</ul>']
    for row in rows:
        lines = []
        for (css, fill, outline), value in zip(kinds, (row.current, row.previous), strict=True):
            width = MAX_BAR * value / largest if largest > 0 else Decimal(0)
            shape = _bar(width=width, css=css, fill=fill, outline=outline) if value > 0 else _track()
            lines.append(
                f'<div class="chart__line">{shape}<span class="chart__value">{escape(fmt.number(value))}</span></div>'
            )
        body.append(f'<div class="chart__row"><p class="chart__label">{escape(row.label)}</p>{"".join(lines)}</div>')
    return _chart(chart_id=chart_id, title=title, desc=desc, body=body, kind="pairs")


def _arc_path(start: float, end: float) -> str:
    """A slice of the unit circle from angle ``start`` to ``end`` (radians, clockwise from the top)."""
    x1, y1 = math.sin(start), -math.cos(start)
    x2, y2 = math.sin(end), -math.cos(end)
    large = 1 if end - start > math.pi else 0
    return f"M0 0 L{x1:.4f} {y1:.4f} A1 1 0 {large} 1 {x2:.4f} {y2:.4f} Z"


def pie_chart(*, chart_id: str, title: str, desc: str, slices: Sequence[Slice]) -> SafeString:
    """A pie of shares that add up to 100 %; slices numbered, with a numbered legend below."""
    shapes = []
    total = sum(slice_.value for slice_ in slices)
    angle = 0.0
    for number, slice_ in enumerate(slices, start=1):
        colour = PALETTE[(number - 1) % len(PALETTE)]
        css = f"chart__slice chart__slice--{(number - 1) % len(PALETTE) + 1}"
        sweep = 2 * math.pi * slice_.value / total if total else 0.0
        if sweep >= 2 * math.pi - 1e-9:
            shapes.append(f'<circle class="{css}" cx="0" cy="0" r="1" fill="{colour}"></circle>')
        elif sweep > 0:
            shapes.append(
                f'<path class="{css}" d="{_arc_path(angle, angle + sweep)}" fill="{colour}" '
                'stroke="#ffffff" stroke-width="0.015"></path>'
            )
        if sweep >= 2 * math.pi * 0.045:
            middle = angle + sweep / 2
            distance = 0 if sweep >= 2 * math.pi - 1e-9 else 0.66
            shapes.append(
                f'<text class="chart__slice-number" x="{math.sin(middle) * distance:.3f}" '
                f'y="{-math.cos(middle) * distance + 0.07:.3f}" font-size="0.2" text-anchor="middle" '
                f'fill="#ffffff" font-weight="700">{number}</text>'
            )
        angle += sweep
    body = [
        '<svg class="chart__pie" viewBox="-1.04 -1.04 2.08 2.08" aria-hidden="true" focusable="false">'
        + "".join(shapes)
        + "</svg>"
    ]
    legend = []
    for number, slice_ in enumerate(slices, start=1):
        css = f"chart__slice chart__slice--{(number - 1) % len(PALETTE) + 1}"
        value_text = f" — {fmt.percent(slice_.share)} ({fmt.number(slice_.value)})"
        swatch = _swatch(css=css, fill=PALETTE[(number - 1) % len(PALETTE)])
        legend.append(f'<li class="chart__legend">{swatch}{escape(f"{number}. {slice_.label}{value_text}")}</li>')
    body.append(f'<ul class="chart__legends">{"".join(legend)}</ul>')
    return _chart(chart_id=chart_id, title=title, desc=desc, body=body, kind="pie")
