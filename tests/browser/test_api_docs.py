"""The API's documentation page /api/ in Chromium: axe-core finds nothing, it fits a 375 px phone,
and its example links lead to JSON. Screenshots: tests/output/screenshots/api-docs*.png."""

import json
import os

import pytest

from tests.browser.helpers import assert_no_sideways_scroll, check_page

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


def test_the_api_documentation_page(site_pages, page):
    page.goto(site_pages.base + "/api/")
    expect(page.get_by_role("heading", level=1, name="Открытый API")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="GET /api/v1/events/")).to_be_visible()
    expect(page.get_by_role("table", name="Параметры: /api/v1/events/")).to_be_visible()
    check_page(page, "api-docs")
    assert_no_sideways_scroll(page, "api-docs")
    response = page.request.get(site_pages.base + "/api/v1/openapi.json")
    assert response.ok and json.loads(response.text())["openapi"].startswith("3.1")
