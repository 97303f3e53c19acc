"""Screenshots of the main pages for a person to look at (tests/output/screenshots/).

Each also checks that the page rendered its own heading, so a blank or broken
page cannot slip through as a picture nobody opens.
"""

import pytest

from tests.browser.helpers import DESKTOP, MOBILE, save_screenshot, set_vision_cookie

pytestmark = pytest.mark.browser

VIEWPORTS = {"1280": DESKTOP, "375": MOBILE}
MODES = {
    "standard": None,
    "vision-large-bw": "large.bw.on",
    "vision-normal-wb": "normal.wb.on",
    "vision-xlarge-blue": "xlarge.blue.off",
}


@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("mode", MODES)
def test_screenshots(site_pages, context, page, width, mode):
    if MODES[mode]:
        set_vision_cookie(context, site_pages.base, MODES[mode])
    page.set_viewport_size(VIEWPORTS[width])
    for name, url in (
        ("home", site_pages.home),
        ("standard", site_pages.standard),
        ("search", site_pages.search),
        ("404", site_pages.not_found),
    ):
        page.goto(url)
        assert page.locator("h1").count() == 1, f"{name}: one h1 expected"
        save_screenshot(page, f"{name}-{mode}-{width}")
