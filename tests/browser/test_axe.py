"""Zero axe-core violations (WCAG 2.0/2.1, levels A and AA) on the public pages.

Every page is checked in the standard version; the version for the visually
impaired is checked in every colour scheme, font size and with images off.
"""

import pytest

from tests.browser.helpers import format_violations, run_axe, set_vision_cookie

pytestmark = pytest.mark.browser

CASES = [
    # (page, vision cookie or None)
    ("home", None),
    ("standard", None),
    ("search", None),
    ("not_found", None),
    ("home", "normal.bw.on"),
    ("standard", "large.bw.off"),
    ("home", "large.wb.on"),
    ("standard", "xlarge.wb.on"),
    ("search", "normal.wb.off"),
    ("home", "xlarge.blue.off"),
    ("standard", "normal.blue.on"),
    ("not_found", "large.blue.on"),
]


@pytest.mark.parametrize(("name", "vision"), CASES, ids=[f"{name}-{vision or 'standard'}" for name, vision in CASES])
def test_no_axe_violations(site_pages, context, page, name, vision):
    if vision:
        set_vision_cookie(context, site_pages.base, vision)
    response = page.goto(getattr(site_pages, name))
    assert response.status == (404 if name == "not_found" else 200)
    if vision:
        assert "vision" in page.locator("html").get_attribute("class").split()

    violations = run_axe(page)

    assert not violations, f"axe found {len(violations)} problem(s) on {page.url}:\n{format_violations(violations)}"


def test_no_axe_violations_with_an_image(site_pages, image_page, context, page):
    for vision in (None, "large.wb.off"):
        if vision:
            set_vision_cookie(context, site_pages.base, vision)
        page.goto(image_page)
        violations = run_axe(page)
        assert not violations, f"axe ({vision or 'standard'}) on {page.url}:\n{format_violations(violations)}"


def test_axe_reports_a_real_problem(site_pages, page):
    """The harness itself works: an unlabelled field and grey-on-white text are caught."""
    page.goto(site_pages.home)
    page.evaluate(
        "(html) => document.querySelector('main').insertAdjacentHTML('beforeend', html)",
        '<input type="text" name="x"><p style="color:#bbb;background:#fff">Серый текст</p>',
    )

    found = {violation["id"] for violation in run_axe(page)}

    assert {"label", "color-contrast"} <= found
