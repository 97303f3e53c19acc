"""The demo reports: both seed reports with their exact figures, replacing home's placeholder; idempotent."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision

from home.demo.content import SLUG_REPORTS
from reports import kinds
from reports.demo import leninsky, lyubertsy
from reports.models import ReportIndexPage, ReportPage

pytestmark = pytest.mark.django_db


def test_demo_builds_the_index_and_both_seed_reports_idempotently(demo_site, client):
    index = ReportIndexPage.objects.get(slug=SLUG_REPORTS)
    assert index.get_parent().specific_class.__name__ == "HomePage"
    reports = {page.slug: page for page in ReportPage.objects.child_of(index).live()}
    assert set(reports) == {lyubertsy.SLUG, leninsky.SLUG}

    lyu, len_ = reports[lyubertsy.SLUG], reports[leninsky.SLUG]
    assert (lyu.organisation, lyu.period_label) == (
        "Администрация городского округа Люберцы Московской области",
        "1 полугодие 2018 года",
    )
    assert (lyu.headline_value, len_.headline_value) == (6179, 3456)
    assert "Пример" in lyu.intro and "Пример" in len_.intro  # labelled as examples, not Энск's own reports
    dobrodel = next(child for child in len_.body if child.block_type == "category_table")
    assert len(dobrodel.value["rows"]) == 42 and kinds.result("category_table", dobrodel.value).total == 8208
    assert [item.row for item in kinds.discrepancies(lyu.body)] == []
    assert [item.row for item in kinds.discrepancies(len_.body) if item.what == "разница"] == list(leninsky.SLIP_LABELS)

    for page in (index, lyu, len_):
        assert client.get(page.url).status_code == 200
    assert client.get(f"{len_.url}tables/dobrodel/csv/").status_code == 200

    counts = (Revision.objects.count(), PageLogEntry.objects.count(), Page.objects.count())
    call_command("load_demo_content", verbosity=0)
    assert (Revision.objects.count(), PageLogEntry.objects.count(), Page.objects.count()) == counts


def test_the_reports_link_in_the_menu_leads_to_the_index(demo_site, client):
    html = client.get("/").content.decode()
    assert f'href="/{SLUG_REPORTS}/"' in html


@pytest.fixture
def demo_register_site(settings, db):
    settings.APPEALS_DEMO_QUEUE = True
    call_command("load_demo_content", verbosity=0)


def test_demo_shows_the_statistics_page_built_from_the_demo_register(demo_register_site, client):
    from appeals_form.models import Appeal
    from reports.demo import SLUG_STATISTICS
    from reports.models import StatisticsPage

    page = StatisticsPage.objects.get(slug=SLUG_STATISTICS)
    assert page.get_parent().specific_class is ReportIndexPage
    html = client.get(page.url).content.decode()
    assert "Статистика обращений" in html and "Обращения по видам" in html
    assert Appeal.objects.filter(idempotency_key__startswith="demo-stat-").count() > 200
    assert "Доля ответов, данных в установленный срок" in html and "%" in html
    counts = Appeal.objects.count()
    call_command("load_demo_content", verbosity=0)
    assert Appeal.objects.count() == counts


def test_the_index_intro_does_not_count_the_reports():
    """The index lists as many reports as there are: its intro never states a number that can go stale."""
    import re

    from reports import demo

    count = re.compile(r"\b(?:\d+|одн\w*|дв\w*|тр\w*|четыр\w*|пят\w*|несколько)\s+(?:пример|отч[её]т)", re.IGNORECASE)
    assert not count.search(demo.INDEX["intro"])
    assert "Люберцы" in demo.INDEX["intro"] and "Ленинского" in demo.INDEX["intro"]
