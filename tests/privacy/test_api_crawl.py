"""Every address of the public API, with its filters, never carries a resident's personal data.

The addresses come from the API's one registry (``api.schema.endpoints``), so a
new endpoint is crawled without editing this test. The register holds an
appeal (with a co-author) and a reception sign-up with unusual values; every
answer of the API, lists at their largest page and the statistics of every
(complete) period containing the appeal, must contain none of them.
"""

from datetime import datetime

import pytest
from django.utils import timezone

from api.schema import endpoints
from appeals_form.factories import AppealFactory, CoAuthorFactory, TopicFactory
from regulations.factories import RegulationPageFactory
from reports.factories import ReportPageFactory
from reports.public_statistics import period_containing
from schedules.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    ReceptionRuleFactory,
    SignUpFactory,
)
from tests.privacy.test_admin_crawl import APPLICANT, CO_AUTHOR, SIGNUP

pytestmark = pytest.mark.django_db

IP_ADDRESS = "198.51.100.77"


def _seed():
    topic = TopicFactory(title="Освещение во дворе", classifier_code="0005.0005.0056.1149")
    # In a complete month, quarter, half-year and year: the statistics publish complete periods only.
    registered = timezone.make_aware(datetime(timezone.localdate().year - 1, 1, 15, 12))
    appeal = AppealFactory(**APPLICANT, topic=topic, registered_at=registered, ip_address=IP_ADDRESS)
    CoAuthorFactory(appeal=appeal, **CO_AUTHOR)
    rule = ReceptionRuleFactory(weekdays=[1, 2, 3, 4, 5])
    SignUpFactory(**SIGNUP, session__official=rule.official)
    EventPageFactory(parent=EventIndexPageFactory(), date=timezone.localdate())
    RegulationPageFactory()
    report = ReportPageFactory(period_year=2020)
    return {"report_id": report.pk, "service_code": str(topic.pk)}, timezone.localdate(registered)


def _urls(ids: dict, day) -> list[str]:
    urls = ["/api/"]
    for endpoint in endpoints():
        path = endpoint.path.format(**ids)
        if endpoint.name == "statistics":
            for kind in ("month", "quarter", "half", "year"):
                period = period_containing(day, kind=kind)
                urls.append(f"{path}?start={period.start}&end={period.end}")
            continue
        urls.append(path)
        if any(param.name == "limit" for param in endpoint.params):
            urls.append(f"{path}?limit=200")
        if endpoint.example:
            urls.append(f"/api/{endpoint.example}")
    return urls


def test_no_personal_value_in_any_api_answer(client):
    ids, day = _seed()
    secrets = [*APPLICANT.values(), *CO_AUTHOR.values(), *SIGNUP.values(), IP_ADDRESS]
    urls = _urls(ids, day)
    assert len(urls) >= len(endpoints())
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:200])
        body = response.content.decode("utf-8")
        for secret in secrets:
            assert secret not in body, (url, secret)
