"""Public pages over the scale data (``manage.py load_scale_data``): as many queries with more content.

The demo site is loaded, then a little of the scale data (officials with a
year of sessions and sign-ups, events, acts with amendments, half-year
reports); each page's queries are counted, more of the same data is added
and the pages are counted again: the counts must be equal and within the
budget, with the per-process fragments on (as in production) and off. Timings at full
size are measured by ``make bench-scale``, not here.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

BUDGET = 15
ONLY = "schedules,regulations,reports"
FEW = {"officials": 2, "events": 4, "regulations": 3, "reports": 2}
MANY = {"officials": 8, "events": 40, "regulations": 30, "reports": 8}


def _urls() -> dict[str, str]:
    from regulations.models import RegulationIndexPage, RegulationPage
    from reports.models import ReportIndexPage, ReportPage
    from schedules.models import EventIndexPage, EventPage, Official, ReceptionSchedulePage

    schedule = ReceptionSchedulePage.objects.live().get()
    official = Official.objects.get(slug="scale-000")
    events = EventIndexPage.objects.live().get()
    first = EventPage.objects.get(slug="scale-event-0000")
    return {
        "schedule": schedule.url,
        "official": schedule.url + official.slug + "/",
        "events": events.url,
        "events_year": f"{events.url}arhiv/{first.date:%Y}/",
        "events_month": f"{events.url}arhiv/{first.date:%Y}/{first.date:%m}/",
        "event": first.url,
        "acts": RegulationIndexPage.objects.live().get().url,
        "act": RegulationPage.objects.get(slug="scale-akt-0000").url,
        "reports": ReportIndexPage.objects.live().get().url,
        "report": ReportPage.objects.get(slug="scale-report-2025-2").url,
    }


def _use_fragments(settings, tmp_path, kept: bool) -> None:
    """Production's per-process fragments (as ``fragments_on``) or none: every request reads everything."""
    from home.pagecache import fragments

    settings.PAGE_CACHE_ENABLED = False
    settings.PAGE_CACHE_FRAGMENTS = kept
    settings.PAGE_CACHE_GENERATION = "file"
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
    fragments.clear()


@pytest.fixture
def forget_fragments():
    from home.pagecache import fragments

    yield
    fragments.clear()


def test_public_pages_cost_as_many_queries_with_more_scale_content(client, settings, tmp_path, forget_fragments):
    """Both ways a process may run (fragments kept, every request reading all), over one load of the data."""
    call_command("load_demo_content", verbosity=0)

    def counts() -> dict[str, int]:
        found = {}
        for mode, kept in (("fragments kept", True), ("every request", False)):
            _use_fragments(settings, tmp_path, kept)
            for name, url in _urls().items():
                assert client.get(url).status_code == 200, url  # warms what a process keeps
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url)
                assert response.status_code == 200, url
                found[f"{name} ({mode})"] = len(captured.captured_queries)
        return found

    call_command("load_scale_data", only=ONLY, verbosity=0, **FEW)
    few = counts()
    call_command("load_scale_data", only=ONLY, verbosity=0, **MANY)
    many = counts()
    urls = _urls()
    # The pages do list the added content: the counts are equal because nothing is read row by row.
    assert "Сотрудников7" in client.get(urls["schedule"]).content.decode()
    assert client.get(urls["events"]).content.decode().count(f'href="{urls["events"]}arhiv/') >= 5  # five years
    assert "Тематический приём: " in client.get(urls["events_month"]).content.decode()
    assert "scale-akt-" in client.get(urls["acts"]).content.decode()
    over = {name: count for name, count in many.items() if count > BUDGET}
    assert not over, f"over {BUDGET} queries: {over}"
    assert few == many
