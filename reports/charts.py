"""Accessible charts drawn on the server as inline SVG: no JavaScript, no chart library.

Every chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` (what
it shows, the largest value, where the data are), and every bar or slice carries
its value as text, so nothing depends on colour alone. The data table is always
printed next to the chart.

Layout works at any width and text size: lengths are in ``em`` (the chart grows
with the font, including the larger sizes of the version for the visually
impaired) and bar lengths in ``%`` of the width. Long labels wrap onto several
lines at ``wrap`` characters (the presenter passes a smaller number for the
larger text sizes). Colours come from classes that site.css maps to the page's
colour scheme (black and white, white on black, blue in the visually impaired
version); the attributes are only a fallback.
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

LINE = 1.3  # em between label lines
BAR = 1.15  # em, bar thickness
GAP = 0.85  # em between rows
MAX_BAR = Decimal(100)
MAX_PAIR_BAR = Decimal(74)  # % of the width: room for the value after the longest bar
DEFAULT_WRAP = 42
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


def wrap(text: str, width: int) -> list[str]:
    """Split text into lines of at most ``width`` characters at spaces (a longer word gets a line of its own)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):  # not str.split(): a no-break space ("1 528") keeps a number whole
        if not word:
            continue
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines or [""]


def _num(value: float | Decimal) -> str:
    """A length without trailing zeros: 3.50 → "3.5"."""
    text = f"{float(value):.3f}".rstrip("0").rstrip(".")
    return text or "0"


def _svg(*, chart_id: str, title: str, desc: str, height: float, body: list[str], kind: str) -> SafeString:
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return mark_safe(  # noqa: S308 (every piece of text below is escaped)
        f'<svg class="chart__svg chart__svg--{kind}" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}" width="100%" '
        f'style="height:{_num(height)}em" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(title_id)}">{escape(title)}</title>'
        f'<desc id="{escape(desc_id)}">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _text_lines(
    lines: Sequence[str], *, y: float, css: str = "chart__label", bold_last: str = ""
) -> tuple[list, float]:
    parts = []
    for number, line in enumerate(lines):
        y += LINE
        content = escape(line)
        if bold_last and number == len(lines) - 1 and line.endswith(bold_last):
            head = escape(line[: -len(bold_last)])
            content = f'{head}<tspan class="chart__value" font-weight="700">{escape(bold_last)}</tspan>'
        parts.append(f'<text class="{css}" x="0" y="{_num(y)}em" fill="{TEXT}">{content}</text>')
    return parts, y


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


def bar_chart(*, chart_id: str, title: str, desc: str, bars: Sequence[Bar], wrap_at: int = DEFAULT_WRAP) -> SafeString:
    """Horizontal bars, one per row: the label and the value above each bar."""
    largest = max((bar.value for bar in bars), default=0)
    body: list[str] = []
    y = 0.0
    for bar in bars:
        value_text = f" —\u00a0{bar.text}"
        lines = wrap(bar.label + value_text, wrap_at)
        parts, y = _text_lines(lines, y=y, bold_last=bar.text)
        body.extend(parts)
        y += 0.35
        if bar.value > 0 and largest > 0:
            width = MAX_BAR * bar.value / largest
            body.append(
                f'<rect class="chart__bar" x="0" y="{_num(y)}em" width="{_num(width)}%" '
                f'height="{_num(BAR)}em" fill="{PRIMARY}"></rect>'
            )
        else:
            body.append(
                f'<rect class="chart__axis" x="0" y="{_num(y)}em" width="2" height="{_num(BAR)}em" '
                f'fill="{TEXT}"></rect>'
            )
        y += BAR + GAP
    return _svg(chart_id=chart_id, title=title, desc=desc, height=y, body=body, kind="bars")


def comparison_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    rows: Sequence[PairBar],
    series: tuple[str, str],
    wrap_at: int = DEFAULT_WRAP,
) -> SafeString:
    """Two bars per row (the reporting period, then the previous one), a text legend on top, values after bars."""
    largest = max((max(row.current, row.previous) for row in rows), default=0)
    body: list[str] = []
    y = 0.0
    # The legend: a swatch and the series name, one per line.
    for css, fill, name in (
        ("chart__bar", PRIMARY, series[0]),
        ("chart__bar chart__bar--previous", SECONDARY_FILL, series[1]),
    ):
        swatch_y = y + 0.35
        body.append(
            f'<rect class="{css}" x="0" y="{_num(swatch_y)}em" width="1.6em" height="{_num(BAR - 0.2)}em" '
            f'fill="{fill}" stroke="{PRIMARY}" stroke-width="1"></rect>'
        )
        for line in wrap(name, max(wrap_at - 4, 8)):
            y += LINE
            body.append(f'<text class="chart__legend" x="2.2em" y="{_num(y)}em" fill="{TEXT}">{escape(line)}</text>')
    y += 0.6
    for row in rows:
        parts, y = _text_lines(wrap(row.label, wrap_at), y=y)
        body.extend(parts)
        y += 0.3
        for css, fill, value in (
            ("chart__bar", PRIMARY, row.current),
            ("chart__bar chart__bar--previous", SECONDARY_FILL, row.previous),
        ):
            width = MAX_PAIR_BAR * value / largest if largest > 0 else Decimal(0)
            if value > 0:
                body.append(
                    f'<rect class="{css}" x="0" y="{_num(y)}em" width="{_num(width)}%" height="{_num(BAR)}em" '
                    f'fill="{fill}" stroke="{PRIMARY}" stroke-width="1"></rect>'
                )
            body.append(
                f'<text class="chart__value" x="{_num(width)}%" dx="0.4em" y="{_num(y + BAR - 0.22)}em" '
                f'fill="{TEXT}">{escape(fmt.number(value))}</text>'
            )
            y += BAR + 0.2
        y += GAP - 0.2
    return _svg(chart_id=chart_id, title=title, desc=desc, height=y, body=body, kind="pairs")


def _arc_path(start: float, end: float) -> str:
    """A slice of the unit circle from angle ``start`` to ``end`` (radians, clockwise from the top)."""
    x1, y1 = math.sin(start), -math.cos(start)
    x2, y2 = math.sin(end), -math.cos(end)
    large = 1 if end - start > math.pi else 0
    return f"M0 0 L{x1:.4f} {y1:.4f} A1 1 0 {large} 1 {x2:.4f} {y2:.4f} Z"


def pie_chart(
    *, chart_id: str, title: str, desc: str, slices: Sequence[Slice], wrap_at: int = DEFAULT_WRAP
) -> SafeString:
    """A pie of shares that add up to 100 %; slices numbered, with a numbered text legend below."""
    size = 13.0
    body = [
        f'<svg x="0" y="0.3em" width="{_num(size)}em" height="{_num(size)}em" viewBox="-1.04 -1.04 2.08 2.08">',
    ]
    total = sum(slice_.value for slice_ in slices)
    angle = 0.0
    for number, slice_ in enumerate(slices, start=1):
        colour = PALETTE[(number - 1) % len(PALETTE)]
        css = f"chart__slice chart__slice--{(number - 1) % len(PALETTE) + 1}"
        sweep = 2 * math.pi * slice_.value / total if total else 0.0
        if sweep >= 2 * math.pi - 1e-9:
            body.append(f'<circle class="{css}" cx="0" cy="0" r="1" fill="{colour}"></circle>')
        elif sweep > 0:
            body.append(
                f'<path class="{css}" d="{_arc_path(angle, angle + sweep)}" fill="{colour}" '
                'stroke="#ffffff" stroke-width="0.015"></path>'
            )
        if sweep >= 2 * math.pi * 0.045:
            middle = angle + sweep / 2
            distance = 0 if sweep >= 2 * math.pi - 1e-9 else 0.66
            body.append(
                f'<text class="chart__slice-number" x="{math.sin(middle) * distance:.3f}" '
                f'y="{-math.cos(middle) * distance + 0.07:.3f}" font-size="0.2" text-anchor="middle" '
                f'fill="#ffffff" font-weight="700">{number}</text>'
            )
        angle += sweep
    body.append("</svg>")
    y = size + 0.8
    for number, slice_ in enumerate(slices, start=1):
        colour = PALETTE[(number - 1) % len(PALETTE)]
        css = f"chart__slice chart__slice--{(number - 1) % len(PALETTE) + 1}"
        value_text = f" — {fmt.percent(slice_.share)} ({fmt.number(slice_.value)})"
        lines = wrap(f"{number}. {slice_.label}{value_text}", wrap_at - 3)
        body.append(
            f'<rect class="{css}" x="0" y="{_num(y + 0.35)}em" width="1.6em" height="{_num(BAR - 0.2)}em" '
            f'fill="{colour}"></rect>'
        )
        for line in lines:
            y += LINE
            body.append(f'<text class="chart__label" x="2.2em" y="{_num(y)}em" fill="{TEXT}">{escape(line)}</text>')
        y += 0.45
    return _svg(chart_id=chart_id, title=title, desc=desc, height=y + 0.3, body=body, kind="pie")
