"""Helpers of the browser tests: axe-core, screenshots, the display-mode cookie."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "tests" / "output" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}


def missing_dependency() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: run `make browser-deps` (scripts/install_browser_deps.sh)"
    if not AXE_JS.exists():
        return f"{AXE_JS.relative_to(ROOT)} is missing: run `make browser-deps` (npm install)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: pip install -r requirements-dev.txt"
    return None


def set_vision_cookie(context, base_url: str, value: str) -> None:
    context.add_cookies([{"name": "vision", "value": value, "url": base_url}])


def run_axe(page) -> list[dict]:
    """Run axe-core with the WCAG 2.0/2.1 A and AA rules; return the violations."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:10]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"        {summary_line}")
            lines.append(f"        html: {node['html'][:200]}")
    return "\n".join(lines)


def save_screenshot(page, name: str) -> Path | None:
    """A full-page screenshot for a person to look at (tests/output/screenshots/), with SCREENSHOTS=1
    (`make screenshots`); `make test` asserts without taking them (a full page's picture costs more than
    most checks of it)."""
    if os.environ.get("SCREENSHOTS") != "1":
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def check_page(page, name: str) -> None:
    """Photograph the page; require zero axe-core violations, exactly one h1 and all text inside its boxes."""
    save_screenshot(page, name)
    violations = run_axe(page)
    assert not violations, f"{name}:\n{format_violations(violations)}"
    assert page.locator("h1").count() == 1, f"{name}: one h1 expected"
    assert_text_inside_boxes(page, name)


CLIPPED_CAPTIONS = """() => [...document.querySelectorAll(".table-wrap caption")]
    .filter((caption) => caption.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map((caption) => caption.textContent.trim().slice(0, 60))"""


# Text painted past the screen's edge, across the side border of its box (a chart, a card, a callout),
# or flush against that border. None of these makes the page scroll sideways, so the scroll check
# misses them: the chart labels of the version for the visually impaired ran 400 px past a phone's
# screen (issue 19's outside check), and the form's intro sat against its frame.
TEXT_OUTSIDE_BOXES = """() => {
    const controls = "input, select, textarea, button, option, .visually-hidden, .table-wrap, [aria-hidden=true]";
    const found = [];
    const describe = (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`;
    const texts = (root) => {
        const out = [];
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            if (!node.textContent.trim() || node.parentElement.closest(controls)) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const rect of range.getClientRects()) {
                if (rect.width > 1 && rect.height > 1) out.push([node, rect]);
            }
        }
        return out;
    };
    for (const [node, rect] of texts(document.body)) {
        if (rect.right > window.innerWidth + 0.5 || rect.left < -0.5) {
            found.push(`past the screen: "${node.textContent.trim().slice(0, 40)}"`);
        }
    }
    for (const el of document.querySelectorAll("main *")) {
        if (el.matches(controls) || el.closest(controls)) continue;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height || style.visibility === "hidden") continue;
        for (const side of ["left", "right"]) {
            const width = parseFloat(style[`border-${side}-width`]);
            const colour = style[`border-${side}-color`];
            const invisible = colour === "transparent" || colour.endsWith(", 0)");
            if (!(width > 0) || style[`border-${side}-style`] === "none" || invisible) continue;
            const edge = side === "left" ? box.left + width : box.right - width;
            for (const [node, rect] of texts(el)) {
                const gap = side === "left" ? rect.left - edge : edge - rect.right;
                if (gap < 2) {
                    const how = gap < 0 ? "runs across" : "touches";
                    const text = node.textContent.trim().slice(0, 40);
                    found.push(`${describe(el)}: text ${how} its ${side} border: "${text}"`);
                    break;
                }
            }
        }
    }
    return [...new Set(found)].slice(0, 10);
}"""


# A word split over two lines between two letters (or digits) although it is not wide: «Най|ти» in a
# button squeezed by its neighbour, «Пара|метр» in a table column. That happens where a box may shrink
# below its longest word (overflow-wrap: anywhere in a flex item or a table cell). Words wider than
# 40 % of the window (a long e-mail address on a phone) may break; breaks after a hyphen, a dash or a
# slash are ordinary line breaks. Buttons count: their words are what a visitor reads first.
BROKEN_WORDS = """() => {
    const skip = ".visually-hidden, [aria-hidden=true], script, style, option, pre";
    const wordChar = /[\\p{L}\\p{N}]/u;
    const found = [];
    const range = document.createRange();
    const rectsOf = (node, start, end) => {
        range.setStart(node, start);
        range.setEnd(node, end);
        return [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
        const text = node.textContent;
        if (!text.trim() || node.parentElement.closest(skip)) continue;
        if (rectsOf(node, 0, text.length).length < 2) continue;
        for (const match of text.matchAll(/\\S{2,}/gu)) {
            const start = match.index;
            const end = start + match[0].length;
            const rects = rectsOf(node, start, end);
            if (rects.length < 2) continue;
            const width = rects.reduce((sum, r) => sum + r.width, 0);
            if (width > 0.4 * window.innerWidth) continue;
            let top = null;
            for (let i = start; i < end; i++) {
                const box = rectsOf(node, i, i + 1)[0];
                if (!box) continue;
                if (top !== null && box.top > top.top + top.height / 2
                        && wordChar.test(text[i - 1]) && wordChar.test(text[i])) {
                    const el = node.parentElement;
                    const where = `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`;
                    found.push(`${where}: «${match[0]}» broken as «${text.slice(start, i)}|${text.slice(i, end)}»`);
                    break;
                }
                top = box;
            }
        }
    }
    return [...new Set(found)].slice(0, 10);
}"""


def assert_text_inside_boxes(page, name: str) -> None:
    """No text past the screen, across the side border of its box, or touching that border; no short word
    split over two lines."""
    problems = page.evaluate(TEXT_OUTSIDE_BOXES) + page.evaluate(BROKEN_WORDS)
    assert not problems, f"{name}: " + "\n".join(problems)


def assert_no_sideways_scroll(page, name: str) -> None:
    """At 375 px wide (a phone) the page must not scroll sideways; photographed, then back to desktop."""
    page.set_viewport_size(MOBILE)
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"], name
    save_screenshot(page, f"{name}-375")
    assert_text_inside_boxes(page, f"{name} at 375 px")
    # A wide table scrolls inside .table-wrap; its caption must still be readable without scrolling it.
    clipped = page.evaluate(CLIPPED_CAPTIONS)
    assert not clipped, f"{name}: table captions run past the screen: {clipped}"
    page.set_viewport_size(DESKTOP)


def covers_forms(*templates: str):
    """Declare the public forms (by template) that a browser test submits.

    tests/browser/test_public_forms.py finds every form of the public templates
    and fails when one is not declared by some browser test (issue 12: the
    status lookup had none, and was refused in every real browser).
    """

    def mark(func):
        func.covers_forms = (*getattr(func, "covers_forms", ()), *templates)
        return func

    return mark
