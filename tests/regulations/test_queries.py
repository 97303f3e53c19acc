"""Query budgets: the list and an act's page render with at most 14 queries, as many with 1 act as with 15
(a query per row would add 14: 15 rows show it as surely as 50, at a third of the pages to build).

With nothing kept per process (as here): the menus read the unpublished sections (home/draft_sections.py)
once more, and so do the acts read as on the site (home/onsite.py: the list, an act's linked acts); in
production both are kept per content generation (tests/perf: no query at all)."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document

from regulations.factories import RegulationAmendmentFactory, RegulationPageFactory, RegulationRelatedActFactory
from regulations.models import Status

pytestmark = pytest.mark.django_db
BUDGET = 14


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_acts(index, n, replaced_by=None):
    for i in range(n):
        RegulationPageFactory(
            parent=index,
            date=date(2000 + i % 20, 1, 1),
            status=Status.REPEALED if replaced_by else Status.IN_FORCE,
            replaced_by=replaced_by,
        )


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"kind": "resolution", "year": "2001", "sort": "old"},
        {"kind": "nonsense"},
        {"q": "постановление от 01.01.2000"},
    ],
)
def test_index_within_budget_with_1_and_15_acts(client, index, django_assert_max_num_queries, params, settings):
    settings.REGULATIONS_PER_PAGE = 10  # the 15 acts fill more than a page
    newest = RegulationPageFactory(parent=index, date=date(2024, 1, 1))
    add_acts(index, 1, replaced_by=newest)
    url = index.url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
    client.get(url)  # warm the caches (site root paths, settings)
    few = count_queries(client, url)
    assert few <= BUDGET

    add_acts(index, 6, replaced_by=newest)
    add_acts(index, 7)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.content.decode().count('class="card reg-item"') >= (1 if params else 10)


def test_index_page_two_within_budget(client, index, django_assert_max_num_queries):
    add_acts(index, 30)
    client.get(index.url)
    with django_assert_max_num_queries(BUDGET):
        assert client.get(index.url + "?page=2").status_code == 200


def test_act_page_within_budget_with_1_and_15_links(client, index, django_assert_max_num_queries):
    document = Document.objects.create(title="Текст", file=ContentFile(b"%PDF-1.4", name="akt.pdf"))
    document.get_file_size()
    act = RegulationPageFactory(parent=index, date=date(2010, 1, 1), document=document)

    def add_links(n):
        for i in range(n):
            RegulationAmendmentFactory(page=act, date=date(2011, 1, 1))
            RegulationRelatedActFactory(page=act, act=RegulationPageFactory(parent=index))
            RegulationRelatedActFactory(page=RegulationPageFactory(parent=index), act=act)
            RegulationPageFactory(parent=index, date=date(2000, 1, 1 + i % 28), status=Status.REPEALED, replaced_by=act)

    add_links(1)
    client.get(act.url)
    few = count_queries(client, act.url)
    assert few <= BUDGET
    add_links(14)
    with django_assert_max_num_queries(few):
        response = client.get(act.url)
    html = response.content.decode()
    assert html.count("Заменяет:") == 15
    assert html.count('<p class="reg-amendments__name">') == 15
