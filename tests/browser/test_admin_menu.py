"""The admin's menu from a member of staff's browser: every item reads in full.

Wagtail's sidebar is 200 px wide and cuts a label that does not fit with «…»: the officers' own item
read «Обращения граж…», and «Нормативные док…», «Интернет-при…», «Приёмы граж…» beside it. A label
staff cannot read is a menu they have to guess. The superuser sees every item of every app; each
sub-menu is opened and its items checked too.
"""

import os

import pytest

from tests.browser.helpers import save_screenshot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

PASSWORD = "menu-check-password-1"

# Visible menu labels that do not fit their box: [label, needed width, shown width].
CUT_LABELS = """() => [...document.querySelectorAll("#wagtail-sidebar .menuitem-label")]
    .filter((label) => label.getClientRects().length && label.scrollWidth > label.clientWidth + 0.5)
    .map((label) => [label.textContent.trim(), label.scrollWidth, label.clientWidth])"""


@pytest.fixture
def superuser(site_pages):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("menu.admin", "menu.admin@example.ru", PASSWORD)
    return site_pages.base


@pytest.fixture
def admin_page(superuser, context):
    """A browser tab, opened only after the account is in the database."""
    return context.new_page()


def test_every_menu_label_reads_in_full(superuser, admin_page):
    page = admin_page
    page.goto(superuser + "/admin/login/")
    page.fill("input[name=username]", "menu.admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("#wagtail-sidebar .menuitem-label").first).to_be_visible()

    cut = page.evaluate(CUT_LABELS)
    submenus = page.locator("#wagtail-sidebar button[aria-haspopup], #wagtail-sidebar button[aria-expanded]")
    opened = 0
    for index in range(submenus.count()):
        toggle = submenus.nth(index)
        if not toggle.is_visible() or not toggle.locator(".menuitem-label").count():
            continue
        toggle.click()
        opened += 1
        cut += page.evaluate(CUT_LABELS)
        page.keyboard.press("Escape")
    save_screenshot(page, "admin-menu")

    assert opened >= 3, "the sub-menus (pages, appeals' reference lists, receptions, reports, settings) were not found"
    assert not cut, f"menu labels cut off with «…»: {sorted(set(map(tuple, cut)))}"
