"""A browser client of another site revalidates every API address: preflight, ETag it may read, 304.

Whether the view or the kept answer (the page cache's store) replies, a client holding the current ETag gets 304
without a body, and a script on another origin may send If-None-Match and read ETag and Retry-After.
"""

from __future__ import annotations

import pytest
from django.core.cache import caches

from api.schema import endpoints

pytestmark = pytest.mark.django_db

ORIGIN = "https://analytics.region.example"


def _addresses(client) -> list[str]:
    """Every registered address: plainly, with its documented example, and each id the lists give."""
    urls = [report["api_url"] for report in client.get("/api/v1/reports/").json()["results"]]
    urls += [
        f"/api/v1/services/{service['service_code']}.json" for service in client.get("/api/v1/services.json").json()
    ]
    for endpoint in endpoints():
        if "<" in endpoint.route:
            continue
        if not any(param.required for param in endpoint.params):
            urls.append(endpoint.path)
        if endpoint.example:
            urls.append(f"/api/{endpoint.example}")
    return urls


def _listed(names: str) -> set[str]:
    return {name.strip().lower() for name in names.split(",")}


@pytest.mark.parametrize("kept", [False, True], ids=["from-the-view", "kept-answer"])
def test_every_address_answers_a_browser_revalidation_with_304(client, demo_site, settings, tmp_path, kept):
    if kept:
        settings.PAGE_CACHE_ENABLED = True
        settings.PAGE_CACHE_GENERATION = "file"
        settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
        caches["default"].clear()
    urls = _addresses(client)
    assert len(urls) > len(endpoints())
    for url in urls:
        preflight = client.options(
            url,
            HTTP_ORIGIN=ORIGIN,
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
        )
        assert preflight.status_code == 204, url
        assert "if-none-match" in _listed(preflight.get("Access-Control-Allow-Headers", "")), url
        first = client.get(url, HTTP_ORIGIN=ORIGIN)
        assert first.status_code == 200, (url, first.content[:200])
        assert first.has_header("ETag"), url
        assert {"etag", "retry-after"} <= _listed(first.get("Access-Control-Expose-Headers", "")), url
        again = client.get(url, HTTP_ORIGIN=ORIGIN, HTTP_IF_NONE_MATCH=first["ETag"])
        assert (again.status_code, again.content) == (304, b""), url
        assert again["ETag"] == first["ETag"] and again["Access-Control-Allow-Origin"] == "*", url
        other = client.get(url, HTTP_ORIGIN=ORIGIN, HTTP_IF_NONE_MATCH='"an-older-answer"')
        assert other.status_code == 200 and other.content == first.content, url


def test_an_error_has_no_etag_and_is_never_304(client):
    bad = client.get("/api/v1/events/?kind=x", HTTP_IF_NONE_MATCH="*")
    assert bad.status_code == 400 and not bad.has_header("ETag")
