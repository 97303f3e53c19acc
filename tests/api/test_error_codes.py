"""Errors carry a stable code from one documented list; each kind of failure a client meets validates against it."""

from __future__ import annotations

import pytest

from api.http import ERROR_CODES, ApiError
from tests.api.helpers import openapi, validate

pytestmark = pytest.mark.django_db

FAILURES = [
    ("/api/v1/events/?date_from=31.12.2026", 400, "invalid"),
    ("/api/v1/events/?limit=1&limit=2", 400, "repeated"),
    ("/api/v1/events/?lang=ru", 400, "unknown"),
    ("/api/v1/statistics/?start=2025-01-01", 400, "required"),
    ("/api/v1/regulations/?limit=100000", 400, "out_of_range"),
    ("/api/v1/regulations/?q=" + "ё" * 201, 400, "too_long"),
    ("/api/v1/events/?date_from=2026-04-01&date_to=2026-03-01", 400, "range"),
    ("/api/v1/statistics/?start=2025-01-01&end=2025-01-30", 400, "period"),
    ("/api/v1/statistics/?start=2099-01-01&end=2099-01-31", 400, "future"),
    ("/api/v1/statistics/?start=2999-01-01&end=2999-01-31", 400, "out_of_range"),  # was a 500
    ("/api/v1/statistics/?start=1999-01-01&end=1999-12-31", 400, "out_of_range"),
    ("/api/v1/reports/999999/", 404, "not_found"),
    ("/api/v1/nothing/", 404, "not_found"),
]


def test_every_kind_of_error_has_a_documented_code(client, settings):
    document = openapi(client)
    schema = {"$ref": "#/components/schemas/Error"}
    assert document["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"] == list(
        ERROR_CODES
    )
    seen = set()
    for url, status, code in FAILURES:
        response = client.get(url)
        assert response.status_code == status, url
        validate(document, schema, response.json())
        assert response.json()["error"]["code"] == code, url
        seen.add(code)
    posted = client.post("/api/v1/events/")
    validate(document, schema, posted.json())
    seen.add(posted.json()["error"]["code"])
    settings.API_RATE_LIMIT = 0
    limited = client.get("/api/v1/events/", REMOTE_ADDR="203.0.113.9")
    assert limited.status_code == 429
    validate(document, schema, limited.json())
    seen.add(limited.json()["error"]["code"])
    assert seen | {"running"} == set(ERROR_CODES)  # «running» needs the clock: tests/api/test_statistics*


def test_a_code_outside_the_list_cannot_be_raised():
    with pytest.raises(ValueError, match="ERROR_CODES"):
        ApiError("Что-то не так.", code="oops")


def test_the_description_declares_the_etag_and_304_every_answer_gives(client):
    document = openapi(client)
    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        assert "ETag" in responses["200"]["headers"] and "304" in responses, path


EXTREMES = {
    "integer": ["0", "1", "2147483647", "2147483648", "99999999999999999999999", "9" * 5000],
    "date": ["0001-01-01", "1999-12-31", "2100-12-31", "2101-01-01", "9999-12-31"],
}


def test_no_parameter_value_gives_a_server_error(client):
    """Every query parameter the description declares, at the edges of its type: an answer or a 400, never a 500."""
    from api.schema import endpoints

    for endpoint in endpoints():
        if "<" in endpoint.route:
            continue
        base = f"/api/{endpoint.example}" if endpoint.example else endpoint.path
        path, _, query = base.partition("?")
        for param in endpoint.params:
            kind = "date" if param.schema.get("format") == "date" else param.schema.get("type")
            for value in EXTREMES.get(kind, ["ё", "%", "' OR 1=1 --"]):
                kept = [part for part in query.split("&") if part and not part.startswith(f"{param.name}=")]
                url = f"{path}?{'&'.join([*kept, f'{param.name}={value}'])}"
                response = client.get(url)
                assert response.status_code in (200, 400), (url[:120], response.status_code)
                assert response["Content-Type"] == "application/json; charset=utf-8", url[:120]
                if response.status_code == 400:
                    assert response.json()["error"]["code"] in ERROR_CODES


def test_past_the_end_the_previous_link_leads_to_the_last_page_with_results(client, demo_site):
    page = client.get("/api/v1/regulations/?limit=2&offset=1000").json()
    assert page["results"] == [] and page["next"] is None
    previous = client.get(page["previous"].removeprefix("http://testserver")).json()
    assert previous["results"] and previous["offset"] + len(previous["results"]) == page["count"]
