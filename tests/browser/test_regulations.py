"""Regulations from a resident's browser: the list of acts filtered by kind with the plain GET form
(JavaScript off, so it cannot depend on it), then an act's page. Every page is checked with axe-core
(WCAG 2.1 A/AA) in the standard version and in the version for the visually impaired, has one h1,
does not scroll sideways at 375 px, and is photographed to tests/output/screenshots/regulations-*.png.

The demo content is loaded by site_pages before Chromium starts; the test bodies keep away from the ORM.
"""

import os
from types import SimpleNamespace

import pytest

from tests.browser.helpers import (
    DESKTOP,
    assert_no_sideways_scroll,
    check_page,
    covers_forms,
    format_violations,
    run_axe,
    save_screenshot,
    set_vision_cookie,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def reg_site(site_pages):
    from regulations.models import RegulationIndexPage, RegulationPage

    index = RegulationIndexPage.objects.live().get()
    law = RegulationPage.objects.live().get(number="59-ФЗ")
    return SimpleNamespace(base=site_pages.base, index=site_pages.base + index.url, law=site_pages.base + law.url)


@pytest.fixture
def no_js_page(reg_site, browser):
    """A browser profile with JavaScript switched off: the filter must work as a plain form."""
    context = browser.new_context(viewport=DESKTOP, locale="ru-RU", java_script_enabled=False)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _check(page, name: str) -> None:
    check_page(page, f"regulations-{name}")


def _no_sideways_scroll(page, name: str) -> None:
    assert_no_sideways_scroll(page, f"regulations-{name}")


@covers_forms("regulations/regulation_index_page.html")
def test_filter_by_kind_without_javascript(reg_site, no_js_page):
    page = no_js_page
    page.goto(reg_site.index)
    expect(page.locator(".search-count")).to_have_text("Всего документов: 6")
    page.get_by_label("Вид документа").select_option(label="Федеральный закон")
    page.get_by_role("button", name="Показать").click()
    expect(page.locator(".search-count")).to_have_text("Найдено документов: 2")
    assert "kind=federal_law" in page.url
    titles = page.locator(".reg-item h2").all_inner_texts()
    assert titles == [
        "Об обеспечении доступа к информации о деятельности государственных органов и органов местного самоуправления",
        "О порядке рассмотрения обращений граждан Российской Федерации",
    ]
    page.get_by_label("Порядок").select_option(label="Сначала старые")
    page.get_by_role("button", name="Показать").click()
    assert page.locator(".reg-item h2").first.inner_text().startswith("О порядке рассмотрения")
    page.get_by_role("link", name="Сбросить").click()
    expect(page.locator(".search-count")).to_have_text("Всего документов: 6")


def test_index_and_act_pages(reg_site, page):
    page.goto(reg_site.index)
    _check(page, "1-index")
    _no_sideways_scroll(page, "1-index")

    page.get_by_label("Вид документа").select_option("regulation")
    page.get_by_role("button", name="Показать").click()
    expect(page.locator(".search-count")).to_have_text("Найдено документов: 1")
    _check(page, "2-index-filtered")

    page.goto(reg_site.index + "?kind=zakon&year=1800")
    expect(page.locator("#id_kind_error")).to_be_visible()
    _check(page, "3-index-unknown-values")

    page.goto(reg_site.law)
    expect(page.locator("h1")).to_have_text("О порядке рассмотрения обращений граждан Российской Федерации")
    expect(page.locator(".reg-act__status")).to_have_text("Статус: Действует в редакции изменений")
    assert page.get_by_text("Федеральный закон от 28.12.2024 № 547-ФЗ", exact=False).is_visible()
    assert page.locator('script[type="application/ld+json"]').count() == 1
    _check(page, "4-act")
    _no_sideways_scroll(page, "4-act")

    page.get_by_role("link", name="Закон Московской области от 05.10.2006 № 164/2006-ОЗ", exact=False).click()
    expect(page.locator("h1")).to_have_text("О рассмотрении обращений граждан")
    _check(page, "5-act-regional")


@pytest.mark.parametrize("vision", ["large.wb.off", "xlarge.blue.on"])
def test_vision_versions(reg_site, context, page, vision):
    set_vision_cookie(context, reg_site.base, vision)
    for name, url in (
        ("index", reg_site.index),
        ("filtered", reg_site.index + "?kind=resolution"),
        ("act", reg_site.law),
    ):
        page.goto(url)
        violations = run_axe(page)
        assert not violations, f"{name} ({vision}):\n{format_violations(violations)}"
        assert page.locator("h1").count() == 1
        _no_sideways_scroll(page, f"vision-{vision}-{name}")
    save_screenshot(page, f"regulations-vision-{vision}")
