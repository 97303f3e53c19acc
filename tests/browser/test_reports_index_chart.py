"""The reports index charts a measure over time only for one organisation (issue 12): with a second
Leninsky report beside the seeds, the index shows one chart (Leninsky, «Обращения по темам»), in the
standard version and for the visually impaired, with no axe-core violation."""

import os

import pytest

from tests.browser.helpers import format_violations, run_axe, save_screenshot, set_vision_cookie

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


@pytest.fixture
def index_with_a_series(site_pages):
    from reports.demo import leninsky
    from reports.factories import ReportPageFactory
    from reports.models import ReportIndexPage

    index = ReportIndexPage.objects.live().get()
    fields = leninsky.page()
    fields.update(
        title="Работа с обращениями граждан за 2 полугодие 2019 года: Ленинский городской округ",
        slug="leninskiy-2-polugodie-2019",
        period_year=2019,
        period_number=2,
    )
    report = ReportPageFactory(parent=index, **fields)
    report.save_revision().publish()
    return site_pages.base + index.url


@pytest.mark.parametrize("vision", [None, "large.wb.on"])
def test_the_index_charts_one_organisation_and_one_measure(index_with_a_series, site_pages, context, page, vision):
    if vision:
        set_vision_cookie(context, site_pages.base, vision)
    page.goto(index_with_a_series)
    charts = page.locator("#series-heading ~ * .chart[role=img]")
    assert charts.count() == 1
    text = charts.first.text_content()  # the title, the description and the bars' labels
    assert "Ленинского" in text
    assert "Люберцы" not in text
    assert text.index("2019") < text.index("2020")
    violations = run_axe(page)
    assert not violations, f"axe ({vision or 'standard'}):\n{format_violations(violations)}"
    save_screenshot(page, f"reports-index-series-{vision or 'standard'}")
