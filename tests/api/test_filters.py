"""What each API list returns and how its filters narrow it: the same things the public pages show."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from appeals_form.factories import AppealFactory, TopicFactory
from regulations.factories import RegulationPageFactory
from regulations.models import Kind, Status
from reports.factories import ReportPageFactory
from schedules.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    EventTopicFactory,
    OfficialFactory,
    ReceptionRuleFactory,
    ReceptionSchedulePageFactory,
)
from schedules.models import EventPage

pytestmark = pytest.mark.django_db

MSK = timezone.get_fixed_timezone(180)


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


@pytest.fixture
def events():
    index = EventIndexPageFactory()
    housing, roads = EventTopicFactory(title="ЖКХ"), EventTopicFactory(title="Дороги")
    EventPageFactory(parent=index, title="Мартовский", date=date(2026, 3, 5), topic=housing)
    EventPageFactory(parent=index, title="Апрельский", date=date(2026, 4, 2), topic=roads)
    EventPageFactory(
        parent=index, title="Эфир", date=date(2026, 4, 2), time_from=time(10), kind=EventPage.Kind.BROADCAST
    )
    hidden = EventPageFactory(parent=index, title="Закрытый", date=date(2026, 4, 3))
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    draft = EventPageFactory(parent=index, title="Черновик", date=date(2026, 4, 4))
    draft.unpublish()
    return {"housing": housing, "roads": roads}


def test_events_in_date_order_without_drafts_or_restricted_ones(client, events):
    assert titles(client.get("/api/v1/events/")) == ["Мартовский", "Эфир", "Апрельский"]


def test_events_filtered_by_dates_topic_and_kind(client, events):
    assert titles(client.get("/api/v1/events/?date_from=2026-04-01")) == ["Эфир", "Апрельский"]
    assert titles(client.get("/api/v1/events/?date_to=2026-03-31")) == ["Мартовский"]
    assert titles(client.get(f"/api/v1/events/?topic={events['roads'].pk}")) == ["Апрельский"]
    assert titles(client.get("/api/v1/events/?kind=broadcast")) == ["Эфир"]
    item = client.get(f"/api/v1/events/?topic={events['housing'].pk}").json()["results"][0]
    assert item["topic"] == {"id": events["housing"].pk, "title": "ЖКХ"}
    assert item["url"].startswith("http")


def test_pagination_links_walk_the_whole_list(client, events):
    first = client.get("/api/v1/events/?limit=2").json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["previous"] is None
    second = client.get(first["next"]).json()
    assert [item["title"] for item in second["results"]] == ["Апрельский"]
    assert second["next"] is None and second["previous"]


def test_officials_with_their_next_receptions_and_no_inactive_ones(client):
    ReceptionSchedulePageFactory()  # their schedule is on the site (tests/home/test_on_site.py: when it is not)
    rule = ReceptionRuleFactory(official__surname="Соколов", weekdays=[1, 2, 3, 4, 5])
    OfficialFactory(surname="Уволенный", is_active=False)
    data = client.get("/api/v1/officials/").json()
    assert [item["name"] for item in data["results"]] == [rule.official.full_name]
    official = data["results"][0]
    assert official["position"] == rule.official.position
    receptions = official["next_receptions"]
    assert receptions and receptions[0]["date"] >= timezone.localdate().isoformat()
    assert receptions[0]["time_from"] == "15:00" and receptions[0]["place"]["address"] == rule.place.address


def test_regulations_filtered_as_on_the_list(client):
    RegulationPageFactory(title="О порядке приёма", number="59-ФЗ", kind=Kind.FEDERAL_LAW, date=date(2006, 5, 2))
    RegulationPageFactory(title="Старый регламент", status=Status.REPEALED, date=date(2015, 1, 1))
    RegulationPageFactory(title="Новый регламент", date=date(2020, 6, 19))
    assert titles(client.get("/api/v1/regulations/")) == ["Новый регламент", "Старый регламент", "О порядке приёма"]
    assert titles(client.get("/api/v1/regulations/?sort=old"))[0] == "О порядке приёма"
    assert titles(client.get("/api/v1/regulations/?status=current")) == ["Новый регламент", "О порядке приёма"]
    assert titles(client.get("/api/v1/regulations/?status=repealed")) == ["Старый регламент"]
    assert titles(client.get("/api/v1/regulations/?kind=federal_law")) == ["О порядке приёма"]
    assert titles(client.get("/api/v1/regulations/?year=2015")) == ["Старый регламент"]
    assert titles(client.get("/api/v1/regulations/?q=59-фз")) == ["О порядке приёма"]
    assert titles(client.get("/api/v1/regulations/?q=регламентами")) == ["Новый регламент", "Старый регламент"]


def test_reports_list_and_detail_only_published_ones(client):
    published = ReportPageFactory(period_year=2020)
    draft = ReportPageFactory(period_year=2021)
    draft.unpublish()
    data = client.get("/api/v1/reports/").json()
    assert [item["id"] for item in data["results"]] == [published.pk]
    assert data["results"][0]["period"] == {
        "kind": "half",
        "label": "1 полугодие 2020 года",
        "start": "2020-01-01",
        "end": "2020-06-30",
    }
    detail = client.get(f"/api/v1/reports/{published.pk}/").json()
    assert detail["tables"] == [] and detail["title"] == published.title
    assert client.get(f"/api/v1/reports/{draft.pk}/").status_code == 404


def test_services_are_the_active_topics_with_their_classifier_codes(client):
    housing = TopicFactory(title="Освещение во дворе", classifier_code="0005.0005.0056.1149")
    TopicFactory(title="Скрытая тема", is_active=False)
    services = client.get("/api/v1/services.json").json()
    assert [service["service_name"] for service in services] == ["Освещение во дворе"]
    service = services[0]
    assert service["service_code"] == str(housing.pk)
    assert service["metadata"] is False and service["type"] == "realtime"
    assert service["group"] == "Жилищно-коммунальная сфера"
    assert service["classifier_code"] == "0005.0005.0056.1149" and service["classifier_section"] == "0005"
    definition = client.get(f"/api/v1/services/{housing.pk}.json").json()
    assert definition == {"service_code": str(housing.pk), "attributes": []}
    assert client.get("/api/v1/services.json?jurisdiction_id=ensk").status_code == 200


def test_statistics_hide_a_cell_of_three(client):
    """Three appeals on schools: neither their count nor a subtraction of published figures gives 3."""
    day = datetime(2025, 2, 3, 12, tzinfo=MSK)
    for title, code, count in (
        ("Освещение", "0005.0005.0056.1149", 12),
        ("Дороги", "0005.0005.0056.1150", 9),
        ("Государство", "0001.0001.0001.0001", 8),
        ("Школы", "0002.0007.0071.0337", 3),
    ):
        topic = TopicFactory(title=title, classifier_code=code)
        for _ in range(count):
            AppealFactory(registered_at=day, topic=topic)
    data = client.get("/api/v1/statistics/?start=2025-01-01&end=2025-03-31").json()
    assert data["period"] == {"kind": "quarter", "label": "1 квартал 2025 года"}
    section = next(table for table in data["tables"] if table["key"] == "section")
    cells = {row["key"]: row["current"] for row in section["rows"]}
    assert cells["0002"] == {"value": None, "text": "менее 5", "mark": cells["0002"]["mark"]}
    shown = [cell["value"] for cell in cells.values() if cell["value"] is not None]
    assert section["total"]["current"]["value"] - sum(shown) != 3  # the hidden rest is not the small cell alone
    for table in data["tables"]:
        for row in (*table["rows"], table["total"]):
            assert row["current"]["value"] not in (1, 2, 3, 4), (table["key"], row["key"])


def test_statistics_only_for_whole_periods_that_have_begun(client):
    bad = {
        "/api/v1/statistics/?start=2025-01-01&end=2025-01-30": "end",  # a period of one's own: differencing
        "/api/v1/statistics/?start=2025-01-02&end=2025-01-31": "end",
        "/api/v1/statistics/?end=2025-01-31": "start",
        "/api/v1/statistics/?start=2025-02-01&end=2025-01-31": "end",
        "/api/v1/statistics/?start=1001-01-01&end=1001-12-31": "start",  # the periods the page offers
    }
    for url, field in bad.items():
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.json()["error"]["field"] == field, url
    next_year = timezone.localdate().year + 1
    response = client.get(f"/api/v1/statistics/?start={next_year}-01-01&end={next_year}-12-31")
    assert response.status_code == 400 and "ещё не начался" in response.json()["error"]["message"]
    for url in (
        "?start=2025-01-01&end=2025-12-31",
        "?start=2025-07-01&end=2025-12-31",
        "?start=2025-02-01&end=2025-02-28",
    ):
        assert client.get("/api/v1/statistics/" + url).status_code == 200, url
