"""The admin's listings on a phone (375 px): every column can be reached, titles keep their words.

Found from outside: on a phone the page explorer showed «Откры/тые/дан/ные» a few letters a line, and the
pages' status and an official's department were cut off at the screen's edge with no way to scroll to
them (Wagtail's content area clips what overflows). static/css/admin.css: each listing scrolls sideways
in its own box and its title column keeps room for words. Several kinds of listing are checked.
"""

import os

import pytest

from tests.browser.helpers import MOBILE

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

PASSWORD = "phone-check-password-1"

# [problems] of the listing on screen: cells past what its box can scroll to, squeezed title cells.
LISTING_PROBLEMS = """() => {
    const problems = [];
    const box = document.querySelector("#listing-results");
    const table = box && box.querySelector("table.listing");
    if (!table) return ["no listing"];
    // A box that scrolls sideways reaches all of its table; otherwise the screen's edge is the end.
    const scrolls = ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
    const boxRight = box.getBoundingClientRect().right;
    const edge = scrolls && boxRight <= document.documentElement.clientWidth + 1 ? Infinity : boxRight;
    for (const cell of table.querySelectorAll("th, td")) {
        const rect = cell.getBoundingClientRect();
        if (!rect.width) continue;
        if (rect.right > edge + 1) problems.push(`cut off: ${cell.textContent.trim().slice(0, 30)}`);
        if (cell.classList.contains("title") && cell.tagName === "TD" && rect.width < 150)
            problems.push(`title squeezed to ${Math.round(rect.width)} px: ${cell.textContent.trim().slice(0, 30)}`);
    }
    return problems;
}"""


@pytest.fixture
def phone_admin(site_pages):
    """The account, created before the browser runs (the ORM stays out of the browser's time)."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("phone.admin", "phone.admin@example.ru", PASSWORD)
    return site_pages


@pytest.fixture
def admin_page(phone_admin, context):
    site_pages = phone_admin
    page = context.new_page()
    page.set_viewport_size(MOBILE)
    page.goto(site_pages.base + "/admin/login/")
    page.fill("input[name=username]", "phone.admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page, site_pages


def test_every_column_of_an_admin_listing_is_reachable_on_a_phone(admin_page):
    page, site = admin_page
    listings = {
        "pages": f"/admin/pages/{site.home_page.pk}/",
        "officials": "/admin/snippets/schedules/official/",
        "users": "/admin/users/",
        "history": "/admin/reports/site-history/",
    }
    found = {}
    for name, path in listings.items():
        page.goto(site.base + path)
        expect(page.locator("#listing-results table.listing")).to_be_visible()
        found[name] = page.evaluate(LISTING_PROBLEMS)
    assert found == {name: [] for name in listings}
