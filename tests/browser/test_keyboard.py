"""Keyboard only: the skip link comes first, and every focused control shows a focus ring that can be seen."""

import re

import pytest

from tests.browser.helpers import set_vision_cookie

pytestmark = pytest.mark.browser

ACTIVE_ELEMENT = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    let node = el.parentElement, background = "rgb(255, 255, 255)";
    while (node) {
        const colour = getComputedStyle(node).backgroundColor;
        if (colour && colour !== "transparent" && !/^rgba\\(.*,\\s*0\\)$/.test(colour)) { background = colour; break; }
        node = node.parentElement;
    }
    const style = getComputedStyle(el);
    return {
        key: [el.tagName, el.id, el.getAttribute("href"), (el.textContent || "").trim().slice(0, 40)].join("|"),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        outlineColor: style.outlineColor,
        background: background,
        inMain: !!el.closest("main"),
    };
}"""


def _rgb(colour: str) -> tuple[float, float, float]:
    r, g, b = (float(x) for x in re.findall(r"[\d.]+", colour)[:3])
    return r, g, b


def _luminance(colour: str) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = _rgb(colour)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula():
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert round(contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)"), 1) == 4.5


def test_skip_link_is_first_and_moves_focus_to_main(site_pages, page):
    page.goto(site_pages.standard)

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Перейти к основному содержанию"
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, "the skip link must become visible when focused"

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert page.url.endswith("#main")

    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')"), "the next Tab continues inside main"


@pytest.mark.parametrize("vision", [None, "normal.bw.on", "large.wb.on", "normal.blue.on"])
def test_every_focusable_element_shows_a_visible_focus_ring(site_pages, context, page, vision):
    if vision:
        set_vision_cookie(context, site_pages.base, vision)
    page.goto(site_pages.standard)

    seen, problems = [], []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(ACTIVE_ELEMENT)
        if focused is None or (seen and focused["key"] == seen[0]):
            break
        seen.append(focused["key"])
        ratio = contrast(focused["outlineColor"], focused["background"])
        if focused["outlineStyle"] == "none" or focused["outlineWidth"] < 2 or ratio < 3:
            problems.append(
                f"{focused['key']}: {focused['outlineStyle']} {focused['outlineWidth']}px "
                f"{focused['outlineColor']} on {focused['background']} ({ratio:.2f}:1)"
            )

    assert len(seen) > 10, f"expected to Tab through the page, reached only {seen}"
    assert any("Версия для слабовидящих" in key or "Обычная версия" in key for key in seen)
    assert not problems, "focus ring missing or below 3:1:\n" + "\n".join(problems)
