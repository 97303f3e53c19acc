"""Helpers of the browser tests: axe-core, screenshots, the display-mode cookie."""

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


def save_screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def check_page(page, name: str) -> None:
    """Photograph the page, require zero axe-core violations and exactly one h1."""
    save_screenshot(page, name)
    violations = run_axe(page)
    assert not violations, f"{name}:\n{format_violations(violations)}"
    assert page.locator("h1").count() == 1, f"{name}: one h1 expected"


CLIPPED_CAPTIONS = """() => [...document.querySelectorAll(".table-wrap caption")]
    .filter((caption) => caption.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map((caption) => caption.textContent.trim().slice(0, 60))"""


def assert_no_sideways_scroll(page, name: str) -> None:
    """At 375 px wide (a phone) the page must not scroll sideways; photographed, then back to desktop."""
    page.set_viewport_size(MOBILE)
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"], name
    save_screenshot(page, f"{name}-375")
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
