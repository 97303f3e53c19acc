"""WCAG 1.4.12 Text spacing: with the spacing a reader's style sheet may set (line height 1.5, paragraphs
2 em apart, letters 0.12 em, words 0.16 em), no text is lost on any page type: nothing is cut off by a box
that hides its overflow, nothing runs past the screen or across the frame of its box, nothing scrolls
sideways, on a desktop and at 320 CSS px, in the standard version and in the largest text size.

The act numbers of the regulations («№ 164/2006-ОЗ», kept on one line) ran past a 320 px screen in
«Очень крупный» with such spacing: the reflow test, with the site's own spacing, could not see it.
"""

import pytest

from tests.browser.helpers import TEXT_OUTSIDE_BOXES, save_screenshot, set_vision_cookie

pytestmark = pytest.mark.browser

SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

# Boxes that hide what does not fit (overflow hidden or clip) and now hold more text than they show.
CLIPPED = """() => {
    const skip = ".visually-hidden, .table-wrap, [aria-hidden=true], script, style, select, option";
    const found = [];
    for (const el of document.querySelectorAll("body *")) {
        if (!el.getClientRects().length || el.closest(skip)) continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden" || !el.innerText.trim()) continue;
        // Hidden on purpose for all but screen readers (a stacked table's header row): a 1 px box.
        const box = el.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) continue;
        const what = `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${el.innerText.trim().slice(0, 40)}"`;
        if (["hidden", "clip"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
            found.push(`cut off at the side: ${what}`);
        }
        if (["hidden", "clip"].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1) {
            found.push(`cut off at the bottom: ${what}`);
        }
    }
    return found.slice(0, 10);
}"""

CASES = [(1280, None), (320, None), (320, "xlarge.wb.off")]


def test_the_spacing_style_sheet_is_applied(site_pages, page):
    page.goto(site_pages.standard)
    page.add_style_tag(content=SPACING)
    spacing = page.evaluate("() => getComputedStyle(document.querySelector('main p')).letterSpacing")
    assert spacing != "normal" and float(spacing.rstrip("px")) > 0


@pytest.mark.parametrize(("width", "vision"), CASES, ids=[f"{w}-{v or 'standard'}" for w, v in CASES])
def test_no_text_is_lost_with_wider_text_spacing(site_pages, image_page, section_pages, context, page, width, vision):
    if vision:
        set_vision_cookie(context, site_pages.base, vision)
    page.set_viewport_size({"width": width, "height": 800})
    pages = {
        "home": site_pages.home,
        "standard": site_pages.standard,
        "image": image_page,
        "search": site_pages.search,
        "404": site_pages.not_found,
        **section_pages,
    }
    failures = []
    for name, url in pages.items():
        page.goto(url)
        page.add_style_tag(content=SPACING)
        problems = page.evaluate(TEXT_OUTSIDE_BOXES) + page.evaluate(CLIPPED)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            problems.append(f"scrolls sideways: {scroll_width} > {width}")
        if problems:
            save_screenshot(page, f"spacing-fail-{name}-{width}-{vision or 'standard'}")
            failures.append(f"{name}: {problems}")
    assert not failures, "\n".join(failures)
