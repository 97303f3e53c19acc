"""Report pages in a resident's browser: the seed reports and the index, in the standard version and in the
version for the visually impaired. Every page is checked with axe-core (WCAG 2.1 A/AA), its charts and tables
are looked for, and it is photographed to tests/output/screenshots/reports-*.png.

The demo content is loaded by site_pages before Chromium starts; the test bodies keep away from the ORM.
"""

import os
from types import SimpleNamespace

import pytest

from tests.browser.helpers import (
    assert_no_sideways_scroll,
    check_page,
    format_violations,
    run_axe,
    save_screenshot,
    set_vision_cookie,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def report_site(site_pages):
    from reports.demo import leninsky, lyubertsy
    from reports.models import ReportIndexPage, ReportPage

    index = ReportIndexPage.objects.live().get()
    return SimpleNamespace(
        base=site_pages.base,
        index=site_pages.base + index.url,
        leninsky=site_pages.base + ReportPage.objects.get(slug=leninsky.SLUG).url,
        lyubertsy=site_pages.base + ReportPage.objects.get(slug=lyubertsy.SLUG).url,
    )


@pytest.fixture
def report_page(report_site, context):
    return context.new_page()


def _check(page, name: str) -> None:
    check_page(page, f"reports-{name}")


def _no_sideways_scroll(page, name: str) -> None:
    assert_no_sideways_scroll(page, f"reports-{name}")


def test_seed_reports_show_tables_charts_and_downloads(report_site, report_page):
    page = report_page
    page.goto(report_site.lyubertsy)
    expect(page.get_by_role("table", name="Обращения по каналам поступления, 1 полугодие 2018 года")).to_be_visible()
    total = page.locator("tfoot tr").first
    expect(total).to_contain_text("6\u00a0179")
    expect(total).to_contain_text("100,0\u00a0%")
    chart = page.get_by_role("img", name="Обращения по каналам поступления, 1 полугодие 2018 года")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["height"] > 200
    _check(page, "1-lyubertsy")
    _no_sideways_scroll(page, "1-lyubertsy")

    page.goto(report_site.leninsky)
    expect(page.get_by_role("table", name="Обращения по темам")).to_be_visible()
    assert page.locator(".chart[role=img]").count() == 3
    expect(page.get_by_text("Строка «Строительство»: разница — указано −396, вычислено −347")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV — «Обращения по темам»").click()
    assert download.value.suggested_filename.endswith("-po-temam.csv")
    _check(page, "2-leninsky")
    _no_sideways_scroll(page, "2-leninsky")

    page.goto(report_site.index)
    expect(page.get_by_role("table", name="Главные показатели отчётов по периодам")).to_be_visible()
    # The seeds are two districts with two different measures: not a time series, so no chart (issue 12;
    # an index with a chart: test_reports_index_chart.py).
    expect(page.locator("#series-heading ~ * .chart")).to_have_count(0)
    _check(page, "3-index")
    _no_sideways_scroll(page, "3-index")


@pytest.mark.parametrize("vision", ["large.wb.on", "xlarge.blue.on", "normal.bw.off"])
def test_vision_versions(report_site, context, report_page, vision):
    set_vision_cookie(context, report_site.base, vision)
    page = report_page
    for name, url in (
        ("lyubertsy", report_site.lyubertsy),
        ("leninsky", report_site.leninsky),
        ("index", report_site.index),
    ):
        page.goto(url)
        assert page.locator("table.report-data").count() >= 1, name
        charts = page.locator(".chart[role=img]")
        if vision.endswith(".off") or name == "index":
            # Images off: the tables only. The index: the seeds are not like with like, no chart (issue 12).
            assert charts.count() == 0, f"{name}: tables only expected"
        else:
            expect(charts.first).to_be_visible()
        violations = run_axe(page)
        assert not violations, f"{name} ({vision}):\n{format_violations(violations)}"
        save_screenshot(page, f"reports-vision-{vision}-{name}")
        _no_sideways_scroll(page, f"vision-{vision}-{name}")


ADMIN_PASSWORD = "reports-admin-password-1"


@pytest.fixture
def report_admin(report_site):
    """The Leninsky report's edit screen, for a superuser created before Chromium starts."""
    from django.contrib.auth import get_user_model

    from reports.demo import leninsky
    from reports.models import ReportPage

    get_user_model().objects.create_superuser("reports.admin", "reports.admin@example.ru", ADMIN_PASSWORD)
    page_id = ReportPage.objects.get(slug=leninsky.SLUG).pk
    return SimpleNamespace(base=report_site.base, edit=f"{report_site.base}/admin/pages/{page_id}/edit/")


# The summary after the heading of each «Импорт таблицы» panel, as the editor sees it collapsed.
IMPORT_SUMMARIES = """() => [...document.querySelectorAll("[data-panel-heading]")]
    .filter((heading) => heading.querySelector(".c-sf-block__type")?.textContent.trim() === "Импорт таблицы")
    .map((heading) => heading.querySelector("[data-panel-heading-text]").textContent)"""


def test_the_collapsed_import_panel_shows_what_waits_to_be_imported_not_a_setting(report_admin, context):
    """Collapsed, «Импорт таблицы» said «Не разбирать: показать такие ячейки списком ошибок» (a setting's default)."""
    page = context.new_page()
    page.goto(report_admin.base + "/admin/login/")
    page.fill("input[name=username]", "reports.admin")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.goto(report_admin.edit)
    expect(page.locator(".c-sf-block__type", has_text="Импорт таблицы").first).to_be_attached()
    summaries = page.evaluate(IMPORT_SUMMARIES)
    assert summaries and all(text.strip() == "" for text in summaries), summaries

    heading = page.locator("[data-panel-heading]", has=page.locator(".c-sf-block__type", has_text="Импорт таблицы"))
    panel = page.locator("section[data-panel]", has=heading.first).last
    toggle = panel.locator("[data-panel-toggle]").first
    toggle.click()
    panel.locator("textarea").first.fill("Показатель\t2024 г.\t2023 г.\nЭкономика\t2 915\t2 261")
    toggle.click()
    filled = [text for text in page.evaluate(IMPORT_SUMMARIES) if text.strip()]
    assert len(filled) == 1 and filled[0].startswith("Показатель\t2024 г."), filled
