"""The home page and the site search as a resident meets them on the demo (issue 12): what is on
now (next receptions, events, the latest report), everyday spelling in the search box, and an official
found by name in the search (an official's schedule is not a page of the index)."""

import pytest

from tests.browser.helpers import DESKTOP, MOBILE, assert_no_sideways_scroll, check_page, save_screenshot

pytestmark = pytest.mark.browser


def test_home_shows_what_is_on_now_and_the_search_understands_everyday_russian(site_pages, page):
    page.set_viewport_size(DESKTOP)
    page.goto(site_pages.home)
    headings = page.locator(".home-now__block h2").all_inner_texts()
    assert headings == ["Ближайший личный приём", "Тематические приёмы и эфиры", "Последний отчёт"]
    assert page.locator(".home-now__block").first.locator("time").count() >= 2  # the head and a deputy at least
    save_screenshot(page, "home-now-1280")
    page.set_viewport_size(MOBILE)
    save_screenshot(page, "home-now-375")

    # «е» for «ё», another word form: typed in the header's search box and sent with Enter.
    page.set_viewport_size(DESKTOP)
    page.locator("#site-search-q").fill("личный прием")
    page.locator("#site-search-q").press("Enter")
    page.wait_for_url("**/search/**")
    titles = page.locator(".search-results h2").all_inner_texts()
    assert "График личного приёма" in titles
    save_screenshot(page, "search-lichnyy-priem-1280")
    page.set_viewport_size(MOBILE)
    save_screenshot(page, "search-lichnyy-priem-375")

    # Typed with the Latin layout on: the results of «прием граждан», the words found marked in the
    # snippets, the query as meant a link that the keyboard reaches right after the search button.
    page.set_viewport_size(DESKTOP)
    page.locator("#site-search-q").fill("ghbtv uhf;lfy")
    page.locator("#site-search-q").press("Enter")
    page.wait_for_url("**/search/**")
    assert page.locator(".search-results mark").count() > 0
    check_page(page, "search-latin-layout")
    assert_no_sideways_scroll(page, "search-latin-layout")
    page.locator("#search-page-q").focus()
    page.keyboard.press("Tab")  # the button «Найти»
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "прием граждан"
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator("#search-page-q").input_value() == "прием граждан"
    assert page.locator(".search-suggestion").count() == 0

    # An official the home page names, as a sentence has it («к Кузнецову»): offered above the results,
    # and one click leads to his schedule. Checked with axe and for text cut off, on a phone too.
    page.set_viewport_size(DESKTOP)
    page.goto(site_pages.home)
    first = page.locator(".home-now__block").first.locator("a").first.inner_text()  # «Соколов Андрей Викторович»
    surname = first.split()[0]
    page.locator("#site-search-q").fill(f"приём у {surname}а")  # «приём у Соколова»
    page.locator("#site-search-q").press("Enter")
    page.wait_for_url("**/search/**")
    shortcut = page.locator(".search-shortcuts").get_by_role("link", name=first)
    check_page(page, "search-official")
    assert_no_sideways_scroll(page, "search-official")
    shortcut.click()
    assert page.locator("h1").inner_text() == first
