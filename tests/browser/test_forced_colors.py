"""Windows high contrast (forced colours): what marks the current item must survive it.

Forced colours replace every colour with the user's few system colours, paint every border
(a transparent one too) and drop box shadows. The main menu marked its current section by a
coloured bottom border while every other item had a transparent one of the same width: in high
contrast all items were underlined alike and «you are here» was gone; the phone menu marked it
by an inset box shadow, which is dropped. So the check here ignores colour and shadows and asks
that, under forced colours, each element with ``aria-current`` differs from its siblings in
something that is still drawn: a border, the weight or decoration of its text, a sign before it.
"""

import pytest

from tests.browser.helpers import DESKTOP, MOBILE, set_vision_cookie
from tests.browser.test_keyboard import contrast

pytestmark = pytest.mark.browser

# Each visible [aria-current] link next to links of the same list: its drawn shape must differ from theirs.
UNMARKED_CURRENT = """() => {
    const shape = (el) => {
        const s = getComputedStyle(el);
        const borders = ["top", "right", "bottom", "left"].map((side) =>
            s[`border-${side}-style`] === "none" ? 0 : parseFloat(s[`border-${side}-width`]));
        return JSON.stringify([
            borders, s.fontWeight, s.textDecorationLine, s.outlineStyle === "none" ? 0 : s.outlineWidth,
            getComputedStyle(el, "::before").content, getComputedStyle(el, "::after").content,
            el.querySelector("strong, b") ? "bold" : "",
        ]);
    };
    const found = [];
    for (const current of document.querySelectorAll("a[aria-current]")) {
        if (!current.getClientRects().length) continue;
        const list = current.closest("ul, ol, p");
        const others = list ? [...list.querySelectorAll("a:not([aria-current])")]
            .filter((a) => a.getClientRects().length) : [];
        const same = others.filter((a) => shape(a) === shape(current));
        if (others.length && same.length) {
            found.push(`«${current.textContent.trim()}» looks like «${same[0].textContent.trim()}»: ${shape(current)}`);
        }
    }
    return found;
}"""


def test_the_check_sees_a_current_item_marked_by_colour_only(page):
    page.set_content(
        "<ul><li><a href='/a' aria-current='page' style='color: red; border-bottom: 3px solid red'>A</a></li>"
        "<li><a href='/b' style='border-bottom: 3px solid transparent'>B</a></li></ul>"
    )
    page.emulate_media(forced_colors="active")
    assert page.evaluate(UNMARKED_CURRENT)


@pytest.mark.parametrize("vision", [None, "large.wb.on"])
@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "phone"])
def test_the_current_item_stays_marked_in_high_contrast(site_pages, section_pages, context, page, vision, viewport):
    if vision:
        set_vision_cookie(context, site_pages.base, vision)
    page.set_viewport_size(viewport)
    page.emulate_media(forced_colors="active")
    failures = []
    for name in ("appeal-form", "schedules", "events", "events-archive", "regulations", "reports"):
        if name not in section_pages:
            continue
        page.goto(section_pages[name])
        if viewport is MOBILE:
            page.locator(".main-nav-fold summary").click()
        assert page.locator("a[aria-current]:visible").count(), f"{name}: a current item is shown"
        if problems := page.evaluate(UNMARKED_CURRENT):
            failures.append(f"{name}: {problems}")
    assert not failures, "\n".join(failures)


# Every drawn bar of a chart (fill, or its outline when the fill is the page's colour) against the chart's
# background, as the browser paints them under forced colours.
BARS = """() => {
    const background = (el) => {
        for (let node = el; node; node = node.parentElement) {
            const colour = getComputedStyle(node).backgroundColor;
            if (colour && colour !== "transparent" && !/^rgba\\(.*,\\s*0\\)$/.test(colour)) return colour;
        }
        return "rgb(255, 255, 255)";
    };
    return [...document.querySelectorAll(".chart__bar")]
        .filter((bar) => bar.getBoundingClientRect().width > 0)
        .map((bar) => {
            const s = getComputedStyle(bar);
            const stroke = s.stroke === "none" ? null : s.stroke;
            return {fill: s.fill, stroke: stroke, background: background(bar.closest("svg"))};
        });
}"""


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_chart_bars_stand_out_in_high_contrast(site_pages, section_pages, page, scheme):
    page.emulate_media(forced_colors="active", color_scheme=scheme)
    failures, seen = [], 0
    for name in ("reports", "report", "statistics"):
        if name not in section_pages:
            continue
        page.goto(section_pages[name])
        for bar in page.evaluate(BARS):
            seen += 1
            shown = [bar["fill"]] + ([bar["stroke"]] if bar["stroke"] else [])
            if max(contrast(colour, bar["background"]) for colour in shown) < 3:
                failures.append(f"{name}: bar {shown} on {bar['background']}")
    assert seen, "the demo content has charts"
    assert not failures, "\n".join(sorted(set(failures)))
