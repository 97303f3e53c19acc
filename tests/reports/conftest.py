"""Fixtures of the reports tests.

index                       a ReportIndexPage under the default site's HomePage
make_report(body=..., **kw) a published ReportPage (1st half of 2020 unless told) with one revision
leninsky_body, lyubertsy_body   the raw bodies of the two seed reports (reports.demo)
"""

import pytest

from reports.demo import leninsky, lyubertsy
from reports.factories import ReportIndexPageFactory, ReportPageFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def index(db):
    return ReportIndexPageFactory(slug="otchety")


@pytest.fixture
def make_report(index):
    def make(*, body=None, publish=True, **kwargs):
        page = ReportPageFactory(parent=index, body=body or [], **kwargs)
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        return page

    return make


@pytest.fixture
def leninsky_body():
    return leninsky.page()["body"]


@pytest.fixture
def lyubertsy_body():
    return lyubertsy.page()["body"]
