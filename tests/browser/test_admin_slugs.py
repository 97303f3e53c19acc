"""The address the admin suggests for a new page, typed from its Russian title in Chromium.

Wagtail's slug field spelt titles by its own table: «Обращения граждан» → ``obrashheniya-grazhdan``,
«Хабаровск» → ``xabarovsk``, while the portal's own addresses (officials, report tables, file names) read
``obrashcheniya``, ``khabarovsk``. The title here holds every Russian letter, lower and upper case, so
a letter spelt by any other table than home.translit's shows.
"""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

PASSWORD = "slug-check-password-1"
# A pangram (every letter, ё and ъ included) and the capitals Wagtail spelt its own way.
TITLE = "Съешь же ещё этих мягких французских булок, да выпей чаю: ЩИ, ХЛЕБ, ЦЕХ, ЙОД, ЁЛКА"


@pytest.fixture
def editor(site_pages):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("slug.admin", "slug.admin@example.ru", PASSWORD)
    return site_pages


def _logged_in(context, editor):
    page = context.new_page()
    page.goto(editor.base + "/admin/login/")
    page.fill("input[name=username]", "slug.admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    return page


def test_new_page_address_follows_the_title_in_the_portals_latin(editor, context):
    from home.translit import latin_slug

    expected = latin_slug(TITLE, max_length=255, fallback="")
    page = _logged_in(context, editor)
    page.goto(f"{editor.base}/admin/pages/add/home/standardpage/{editor.home_page.pk}/")
    page.fill("#id_title", TITLE)
    page.locator("#id_title").blur()

    slug = page.locator("#id_slug")
    expect(slug).to_have_value(expected)
    # Typing on keeps the address in step: Wagtail compares it with the title by the same table.
    page.locator("#id_title").press("End")
    page.locator("#id_title").type(" Щёлково")
    page.locator("#id_title").blur()
    expect(slug).to_have_value(expected + "-shchelkovo")


def test_an_address_typed_in_russian_is_spelt_the_same_way_on_the_copy_form(editor, context):
    """«Копировать» asks for a new address; typed in Russian, it becomes the portal's Latin on leaving the field."""
    page = _logged_in(context, editor)
    page.goto(f"{editor.base}/admin/pages/{editor.standard_page.pk}/copy/")
    slug = page.locator("#id_new_slug")
    slug.fill("Порядок рассмотрения обращений Щёлково")
    slug.blur()
    expect(slug).to_have_value("poryadok-rassmotreniya-obrashcheniy-shchelkovo")
