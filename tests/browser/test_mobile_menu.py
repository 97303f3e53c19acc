"""The menu on a phone (375 px): folded in a <details>, opened without JavaScript, by keyboard too,
and the header with the folded menu leaves most of the first screen to the page (issue 12)."""

import pytest

from tests.browser.helpers import DESKTOP, MOBILE, format_violations, run_axe, save_screenshot, set_vision_cookie

pytestmark = pytest.mark.browser


def test_the_menu_folds_on_a_phone_and_opens_without_javascript(site_pages, browser):
    context = browser.new_context(viewport=MOBILE, locale="ru-RU", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_pages.home)
        folded = page.locator(".main-nav-fold")
        first_link = folded.locator("a").first
        assert page.locator(".main-nav").is_hidden()  # the wide menu is out of the way (and of screen readers)
        assert folded.locator("summary").is_visible()
        assert first_link.is_hidden()
        # The header with the folded menu takes well under half of the first screen.
        header = page.locator(".site-header").bounding_box()
        assert header["y"] + header["height"] <= 0.45 * MOBILE["height"], header
        # The page's own heading is on the first screen.
        assert page.locator("h1").bounding_box()["y"] < MOBILE["height"] * 0.6

        # By keyboard: the summary takes focus, Enter opens, Tab goes on to the first item.
        folded.locator("summary").focus()
        page.keyboard.press("Enter")
        assert first_link.is_visible()
        assert folded.locator("a").count() == page.locator(".main-nav a").count() > 0
        page.keyboard.press("Tab")
        assert first_link.evaluate("el => el === document.activeElement")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        assert first_link.is_hidden()

        # A click on a phone does the same, and the item leads to its page.
        folded.locator("summary").click()
        href = first_link.get_attribute("href")
        first_link.click()
        assert page.url.endswith(href)
    finally:
        context.close()


def test_wide_screens_show_the_full_menu_only(site_pages, page):
    page.set_viewport_size(DESKTOP)
    page.goto(site_pages.home)
    assert page.locator(".main-nav a").first.is_visible()
    assert page.locator(".main-nav-fold").is_hidden()


@pytest.mark.parametrize("vision", [None, "large.wb.on"])
def test_no_axe_violations_on_a_phone_with_the_menu_open(site_pages, context, page, vision):
    if vision:
        set_vision_cookie(context, site_pages.base, vision)
    page.set_viewport_size(MOBILE)
    for name, url in (("home", site_pages.home), ("search", site_pages.base + "/search/?q=личный+прием")):
        page.goto(url)
        page.locator(".main-nav-fold summary").click()
        violations = run_axe(page)
        assert not violations, f"axe ({vision or 'standard'}) on {page.url}:\n{format_violations(violations)}"
        save_screenshot(page, f"{name}-menu-open-{vision or 'standard'}-375")
