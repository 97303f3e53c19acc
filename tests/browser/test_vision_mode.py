"""The version for the visually impaired, used as a person would: by clicking, with or without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import DESKTOP, covers_forms, save_screenshot, set_vision_cookie

pytestmark = pytest.mark.browser

VISION = re.compile(r"(^|\s)vision(\s|$)")


def _html_classes(page) -> list[str]:
    return (page.locator("html").get_attribute("class") or "").split()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@covers_forms("includes/header.html", "includes/vision_panel_groups.html")
def test_visitor_turns_the_mode_on_changes_it_and_turns_it_off(site_pages, browser, javascript):
    context = browser.new_context(viewport=DESKTOP, locale="ru-RU", java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(site_pages.standard)
        assert "vision" not in _html_classes(page)
        expect(page.locator(".vision-panel")).to_have_count(0)

        page.get_by_role("link", name="Версия для слабовидящих").click()
        expect(page).to_have_url(site_pages.standard)
        expect(page.locator("html")).to_have_class(VISION)
        panel = page.get_by_role("region", name="Настройки версии для слабовидящих")
        expect(panel).to_be_visible()

        panel.get_by_role("link", name="Очень крупный").click()
        panel = page.get_by_role("region", name="Настройки версии для слабовидящих")
        panel.get_by_role("link", name="Белым по чёрному").click()
        expect(page).to_have_url(site_pages.standard)
        assert {"vision-size-xlarge", "vision-scheme-wb"} <= set(_html_classes(page))
        expect(page.locator("body")).to_have_css("background-color", "rgb(0, 0, 0)")
        expect(page.locator("body")).to_have_css("color", "rgb(255, 255, 255)")
        expect(page.get_by_role("link", name="Белым по чёрному")).to_have_attribute("aria-current", "true")
        save_screenshot(page, f"toggle-standard-xlarge-wb-{'js' if javascript else 'nojs'}")

        # Another page, reached through a link: the choice is remembered.
        page.get_by_role("navigation", name="Навигационная цепочка").get_by_role("link", name="Главная").click()
        expect(page).to_have_url(site_pages.home)
        assert {"vision", "vision-size-xlarge", "vision-scheme-wb", "vision-images-on"} <= set(_html_classes(page))
        expect(page.locator("h1")).to_have_css("color", "rgb(255, 255, 255)")

        # And through the search form.
        page.get_by_role("searchbox", name="Поиск по сайту").fill("обращения")
        page.get_by_role("button", name="Найти").click()
        expect(page).to_have_url(re.compile(r"/search/\?q="))
        assert "vision-scheme-wb" in _html_classes(page)

        page.get_by_role("link", name="Обычная версия сайта").click()
        expect(page).to_have_url(re.compile(r"/search/\?q="))
        assert "vision" not in _html_classes(page)
        assert not [c for c in context.cookies() if c["name"] == "vision"]
        page.goto(site_pages.standard)
        assert "vision" not in _html_classes(page)
        expect(page.get_by_role("link", name="Версия для слабовидящих")).to_be_visible()
    finally:
        context.close()


def _paragraph_font_size(page) -> float:
    return page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")


def test_font_sizes_grow_text(site_pages, context, page):
    sizes = {}
    for size in ("normal", "large", "xlarge"):
        set_vision_cookie(context, site_pages.base, f"{size}.bw.on")
        page.goto(site_pages.standard)
        sizes[size] = float(
            page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
        )
    context.clear_cookies()
    page.goto(site_pages.standard)
    standard = _paragraph_font_size(page)

    assert standard < sizes["normal"] < sizes["large"] < sizes["xlarge"]
    assert sizes["xlarge"] >= 2 * 14, "the largest size should be about twice ordinary body text"


@pytest.mark.parametrize(
    ("scheme", "text", "background"),
    [
        ("bw", "rgb(0, 0, 0)", "rgb(255, 255, 255)"),
        ("wb", "rgb(255, 255, 255)", "rgb(0, 0, 0)"),
        ("blue", "rgb(6, 52, 98)", "rgb(157, 209, 255)"),
    ],
)
def test_colour_scheme_covers_the_whole_page(site_pages, context, page, scheme, text, background):
    """Header, menu, content, callouts and footer all take the scheme's two colours."""
    set_vision_cookie(context, site_pages.base, f"normal.{scheme}.on")
    page.goto(site_pages.standard)

    for selector in ("body", ".site-header", ".main-nav", ".site-footer", ".callout", ".data-table thead th"):
        element = page.locator(selector).first
        if element.count():
            expect(element).to_have_css("background-color", background)
    for selector in ("h1", "main p", ".main-nav a", ".site-footer a", ".site-footer h2", "main a"):
        element = page.locator(selector).first
        if element.count():
            expect(element).to_have_css("color", text)


def test_images_off_hides_images_and_shows_their_alt_text(site_pages, image_page, context, page):
    page.goto(image_page)
    photo = page.locator("main img")
    expect(photo).to_have_attribute("alt", "Вход в приёмную администрации")
    expect(photo).to_be_visible()

    set_vision_cookie(context, site_pages.base, "large.bw.off")
    page.goto(image_page)

    visible_images = page.evaluate(
        "() => [...document.querySelectorAll('img, svg, picture, video')]"
        ".filter((el) => el.getClientRects().length > 0 && !el.closest('.vision-toggle')).length"
    )
    assert visible_images == 0
    expect(page.get_by_text("Изображение: Вход в приёмную администрации")).to_be_visible()
    expect(page.get_by_text("Приёмная", exact=True)).to_be_visible()  # the caption stays
    save_screenshot(page, "images-off")

    page.get_by_role("link", name="Показывать").click()
    expect(page.locator("main img")).to_be_visible()


def test_on_a_phone_the_settings_fold_and_the_page_starts_on_the_first_screen(site_pages, browser):
    """Found from outside: at 375 px the open settings pushed every page's heading one to two and a half
    screens down (1,269 px in the default «Крупный»; folded: 793 px, and 608 and 1,082 px in the others)."""
    # Without JavaScript: the folded settings are a <details>, nothing of them needs a script.
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="ru-RU", java_script_enabled=False)
    try:
        page = context.new_page()
        for size in ("normal", "large", "xlarge"):
            set_vision_cookie(context, site_pages.base, f"{size}.bw.on")
            page.goto(site_pages.standard)
            top = page.locator("h1").evaluate("el => el.getBoundingClientRect().top")
            # «Очень крупный» doubles the header's text: a screen and a half at most.
            limit = 812 * (1.5 if size == "xlarge" else 1)
            assert top < limit, f"{size}: the heading starts {top:.0f} px down"
        save_screenshot(page, "vision-375-folded")

        # Opened, the settings work as on a wide screen.
        panel = page.get_by_role("region", name="Настройки версии для слабовидящих")
        panel.get_by_text("Настройки: шрифт, цвет, изображения").click()
        panel.get_by_role("link", name="Белым по чёрному").click()
        expect(page.locator("body")).to_have_css("background-color", "rgb(0, 0, 0)")
    finally:
        context.close()
