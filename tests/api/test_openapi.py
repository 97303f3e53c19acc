"""Every endpoint of the API answers what its OpenAPI description declares (on the demo content)."""

import io

import pytest
from django.core.management.color import no_style
from django.urls import reverse
from jsonschema import Draft202012Validator

from api.schema import endpoints
from reports.demo import register
from tests.api.helpers import openapi, response_schema, validate

pytestmark = pytest.mark.django_db


def test_every_endpoint_validates_against_the_openapi_description(demo_site, client, settings):
    settings.APPEALS_DEMO_QUEUE = True
    register.load(stdout=io.StringIO(), style=no_style())
    document = openapi(client)
    Draft202012Validator.check_schema({"$defs": document["components"]["schemas"]})
    reports = client.get("/api/v1/reports/").json()["results"]
    services = client.get("/api/v1/services.json").json()
    assert reports and services
    filled = {
        "/api/v1/reports/{report_id}/": [f"/api/v1/reports/{report['id']}/" for report in reports],
        "/api/v1/services/{service_code}.json": [f"/api/v1/services/{services[0]['service_code']}.json"],
    }
    # Each list plainly and with its documented example (the statistics need their period).
    plain = {
        endpoint.path: [] if any(p.required for p in endpoint.params) else [endpoint.path] for endpoint in endpoints()
    }
    examples = {endpoint.path: [f"/api/{endpoint.example}"] if endpoint.example else [] for endpoint in endpoints()}
    checked = set()
    for path in document["paths"]:
        urls = filled.get(path) or plain[path] + examples[path]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.content[:300])
            assert response["Content-Type"] == "application/json; charset=utf-8"
            validate(document, response_schema(document, path), response.json())
            checked.add(path)
    assert checked == {endpoint.path for endpoint in endpoints()}
    # The statistics of a running year, with figures in it, and the report tables hold rows.
    tables = [table for report in reports for table in client.get(report["api_url"]).json()["tables"]]
    assert tables and all(table["columns"] and table["rows"] for table in tables)


def test_errors_validate_against_the_error_schema(client):
    document = openapi(client)
    cases = [
        ("/api/v1/events/?date_from=31.12.2026", "/api/v1/events/", "400"),
        ("/api/v1/regulations/?limit=100000", "/api/v1/regulations/", "400"),
        ("/api/v1/statistics/", "/api/v1/statistics/", "400"),
        ("/api/v1/reports/999999/", "/api/v1/reports/{report_id}/", "404"),
        ("/api/v1/services/999999.json", "/api/v1/services/{service_code}.json", "404"),
    ]
    for url, path, status in cases:
        response = client.get(url)
        assert str(response.status_code) == status, url
        validate(document, response_schema(document, path, status), response.json())


def test_the_description_lists_every_route_and_the_routes_resolve(client):
    document = openapi(client)
    assert document["openapi"].startswith("3.1")
    for endpoint in endpoints():
        assert endpoint.path in document["paths"]
        operation = document["paths"][endpoint.path]["get"]
        assert operation["operationId"] == endpoint.name
        if "{" not in endpoint.path:
            assert reverse(f"api:{endpoint.name}") == endpoint.path
