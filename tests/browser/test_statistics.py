"""«Статистика обращений» in Chromium: the period chosen through the form (no JavaScript needed),
axe-core finds nothing, the page fits a 375 px phone. Screenshots: tests/output/screenshots/statistics-*.png.

The demo content and the demo register are loaded before Chromium starts; the test body keeps away from the ORM.
"""

import io
import os

import pytest

from tests.browser.helpers import assert_no_sideways_scroll, check_page, covers_forms

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def statistics_url(site_pages, settings):
    from django.core.management.color import no_style
    from django.utils import timezone

    from reports.demo import register
    from reports.models import StatisticsPage

    settings.APPEALS_DEMO_QUEUE = True
    register.load(stdout=io.StringIO(), style=no_style())
    page = StatisticsPage.objects.live().get()
    return {"url": site_pages.base + page.url, "last_year": timezone.localdate().year - 1}


@covers_forms("reports/statistics_page.html")
def test_the_period_is_chosen_through_the_form(statistics_url, page):
    page.goto(statistics_url["url"])
    check_page(page, "statistics-default")
    year = statistics_url["last_year"]
    page.get_by_label("Период (обязательное поле)").select_option("quarter")
    page.get_by_label("Год (обязательное поле)").fill(str(year))
    page.get_by_label("Номер месяца, квартала или полугодия").fill("2")
    page.get_by_role("button", name="Показать").click()
    expect(page.get_by_role("heading", level=2, name=f"2 квартал {year} года")).to_be_visible()
    expect(
        page.get_by_role("table", name=f"Обращения по видам: 2 квартал {year} года и 2 квартал {year - 1} года")
    ).to_be_visible()
    expect(page.locator(".chart[role=img]").first).to_be_visible()
    check_page(page, "statistics-quarter")
    assert_no_sideways_scroll(page, "statistics-quarter")


def test_a_wrong_number_is_explained_in_russian_next_to_the_field(statistics_url, page):
    page.goto(statistics_url["url"])
    page.get_by_label("Период (обязательное поле)").select_option("month")
    page.get_by_label("Год (обязательное поле)").fill("2025")
    field = page.get_by_label("Номер месяца, квартала или полугодия")
    field.fill("13")
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url("**number=13*")
    expect(field).to_have_value("13")
    expect(page.get_by_label("Год (обязательное поле)")).to_have_value("2025")
    expect(page.locator("#id_number_error")).to_contain_text("Укажите номер месяца (от 1 до 12).")
    check_page(page, "statistics-error")
    assert_no_sideways_scroll(page, "statistics-error")
