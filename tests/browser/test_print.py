"""Printed pages: every word in ink that reads on paper.

A resident prints the status page of an appeal or the reception schedule to keep. Printers leave out
background colours, so text must be dark on its own: from outside, the printed footer lost the
department's phone numbers and e-mail address (white on the dark footer on screen, white on paper).
Each page type is emulated as printed and every visible text must have a contrast of at least 4.5:1
against white paper.
"""

import pytest

from tests.browser.helpers import save_screenshot, set_vision_cookie

pytestmark = pytest.mark.browser

# Visible text whose colour has a contrast below 4.5:1 against white: [text, colour, ratio].
PALE_ON_PAPER = """() => {
    const luminance = (rgb) => {
        const [r, g, b] = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
        const text = node.textContent.trim();
        if (!text) continue;
        const el = node.parentElement;
        if (el.closest(".visually-hidden, [aria-hidden=true], script, style")) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        if (![...range.getClientRects()].some((r) => r.width > 0 && r.height > 0)) continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden") continue;
        const rgb = style.color.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const ratio = 1.05 / (luminance(rgb) + 0.05);
        if (ratio < 4.5) found.push([text.slice(0, 40), style.color, Math.round(ratio * 100) / 100]);
    }
    return found.slice(0, 10);
}"""


PRINTED_GET_FORMS = """() => [...document.querySelectorAll("form")]
    .filter((form) => (form.getAttribute("method") || "get").toLowerCase() === "get")
    .filter((form) => form.getClientRects().length > 0).length"""


@pytest.mark.parametrize("vision", [None, "large.wb.on"], ids=["standard", "white-on-black"])
def test_printed_pages_have_no_pale_text(site_pages, section_pages, context, page, vision):
    if vision:  # a visitor of the version for the visually impaired prints in black on white too
        set_vision_cookie(context, site_pages.base, vision)
    # What residents print: the schedule, an official's days, a report, the statistics; every page has the footer.
    kept = ("schedules", "official", "report", "statistics", "appeal-form")
    pages = {"home": site_pages.home, **{name: url for name, url in section_pages.items() if name in kept}}
    page.emulate_media(media="print")
    failures = []
    for name, url in pages.items():
        page.goto(url)
        if pale := page.evaluate(PALE_ON_PAPER):
            save_screenshot(page, f"print-pale-{name}")
            failures.append(f"{name}: {pale}")
        # A filter or search form (a GET form) is nothing to fill in on paper.
        if page.evaluate(PRINTED_GET_FORMS):
            failures.append(f"{name}: a filter form is printed")
    assert not failures, "\n".join(failures)
