"""Open data carries nothing personal: every file reachable from list.csv, crawled with personal values seeded.

An applicant's appeals (registered in a month the statistics publish) and a resident's sign-up for a reception
are in the database; neither their names, contacts nor texts may appear in the catalogue page, list.csv, any
passport, structure or data file (current and stored versions).
"""

from datetime import datetime, time

import pytest
from django.core.cache import cache
from django.utils import timezone

from appeals_form.factories import AppealFactory
from opendata import files
from opendata.sources import statistics_months
from schedules.factories import SignUpFactory
from tests.privacy.test_admin_crawl import APPLICANT

pytestmark = pytest.mark.django_db

SIGNUP = {"surname": "Скрытнова", "phone": "+7 916 765-43-21", "question": "Личный вопрос о моей пенсии"}


def crawl(client) -> dict[str, str]:
    """Every open-data URL reachable from the catalogue page and list.csv, with its body."""
    bodies = {"/opendata/": client.get("/opendata/").content.decode(), "/opendata/list.csv": ""}
    listing = client.get("/opendata/list.csv")
    bodies["/opendata/list.csv"] = listing.content.decode()
    for entry in files.read_csv(listing.content)[1:]:
        meta_url = entry["value"].removeprefix("http://testserver")
        meta = client.get(meta_url)
        bodies[meta_url] = meta.content.decode()
        for row in files.read_csv(meta.content):
            if row["property"].startswith(("data-", "structure-")):
                url = row["value"].removeprefix("http://testserver")
                response = client.get(url)
                assert response.status_code == 200, url
                bodies[url] = response.content.decode()
    return bodies


def test_no_personal_value_in_any_open_data_file(client, demo_site):
    month = statistics_months()[-1]
    registered = timezone.make_aware(datetime.combine(month.start.replace(day=2), time(12)))
    for _ in range(2):
        AppealFactory(registered_at=registered, **APPLICANT)
    SignUpFactory(**SIGNUP)
    cache.clear()  # the day's cached figures (the demo computed them) are refreshed, as the daily job does

    bodies = crawl(client)
    assert len(bodies) > 10  # list, page, and each set's passport, structure and data
    secrets = [*APPLICANT.values(), *SIGNUP.values()]
    for url, body in bodies.items():
        for secret in secrets:
            assert secret not in body, (url, secret)
    # The appeals are counted, as «менее 5», in the month's statistics; never as their number.
    statistics = next(body for url, body in bodies.items() if "register-statistics-monthly/data-" in url)
    month_rows = [row for row in files.read_csv(statistics.encode()) if row["month"] == f"{month.start:%Y-%m}"]
    assert month_rows
    assert any(row["value_text"] == "менее 5" and row["value"] == "" for row in month_rows)
