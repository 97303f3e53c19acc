"""WCAG 1.4.10 Reflow: at 320 CSS px (1280 px zoomed to 400 %, 640 px at 200 %) nothing scrolls sideways,
no text is cut off at the screen's edge or runs across the frame of its box (a chart, a card, a fieldset),
and no short word is split over two lines («Най|ти» in a squeezed button), in the standard version and at the
large text sizes of the version for the visually impaired.
"""

import pytest

from tests.browser.helpers import BROKEN_WORDS, TEXT_OUTSIDE_BOXES, save_screenshot, set_vision_cookie

pytestmark = pytest.mark.browser

OVERFLOW = """() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const culprits = [];
    if (scrollWidth > width) {
        for (const el of document.querySelectorAll("body *")) {
            const rect = el.getBoundingClientRect();
            if (rect.right > width + 0.5 && !el.closest(".table-wrap")) {
                const name = `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`;
                const text = (el.textContent || "").trim().slice(0, 30);
                culprits.push(`${name} right=${Math.round(rect.right)} "${text}"`);
            }
        }
    }
    return {width, scrollWidth, culprits: culprits.slice(0, 8)};
}"""

CASES = [
    (320, None),
    (320, "large.bw.on"),
    (320, "xlarge.wb.off"),
    (640, "large.blue.on"),
    (640, "xlarge.bw.on"),
]


@pytest.mark.parametrize(("width", "vision"), CASES, ids=[f"{w}-{v or 'standard'}" for w, v in CASES])
def test_no_sideways_scrolling(site_pages, image_page, section_pages, context, page, width, vision):
    if vision:
        set_vision_cookie(context, site_pages.base, vision)
    page.set_viewport_size({"width": width, "height": 800})

    failures = []
    pages = {
        "home": site_pages.home,
        "standard": site_pages.standard,
        "image": image_page,
        "search": site_pages.search,
        "404": site_pages.not_found,
        **section_pages,
    }
    for name, url in pages.items():
        page.goto(url)
        result = page.evaluate(OVERFLOW)
        if result["scrollWidth"] > result["width"]:
            save_screenshot(page, f"reflow-fail-{name}-{width}-{vision or 'standard'}")
            failures.append(f"{name}: scrollWidth {result['scrollWidth']} > {result['width']}: {result['culprits']}")
        if problems := page.evaluate(TEXT_OUTSIDE_BOXES) + page.evaluate(BROKEN_WORDS):
            save_screenshot(page, f"reflow-cut-{name}-{width}-{vision or 'standard'}")
            failures.append(f"{name}: {problems}")

    assert not failures, "\n".join(failures)
