"""The open data catalogue from a resident's browser: axe-core (WCAG 2.1 A/AA), one h1, no sideways scroll at
375 px, screenshots tests/output/screenshots/opendata-*.png; the links lead to the CSV files."""

import os

import pytest

from tests.browser.helpers import assert_no_sideways_scroll, check_page

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


def test_catalogue_page(site_pages, page):
    page.goto(site_pages.base + "/opendata/")
    expect(page.locator("h1")).to_have_text("Открытые данные")
    check_page(page, "opendata-catalogue")
    assert_no_sideways_scroll(page, "opendata-catalogue")
    links = page.locator(".opendata-item__files a")
    assert links.count() >= 18  # data, passport and structure of every set
    response = page.request.get(site_pages.base + "/opendata/list.csv")
    assert response.ok and response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.text().startswith("property,title,value,format")
