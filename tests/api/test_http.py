"""The API's HTTP behaviour: errors in Russian as JSON, read-only, CORS, caching, the rate limit, robots."""

from datetime import date

import pytest

from home import pagecache
from schedules.factories import EventIndexPageFactory, EventPageFactory
from schedules.models import EventPage

pytestmark = pytest.mark.django_db


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()["error"]


@pytest.mark.parametrize(
    ("url", "field", "words"),
    [
        ("/api/v1/events/?date_from=05.03.2026", "date_from", "ГГГГ-ММ-ДД"),
        ("/api/v1/events/?date_from=2026-04-01&date_to=2026-03-01", "date_to", "раньше"),
        ("/api/v1/events/?topic=жкх", "topic", "целое число"),
        ("/api/v1/events/?kind=party", "kind", "Допустимые значения"),
        ("/api/v1/events/?utm_source=x", "utm_source", "Неизвестный параметр"),
        ("/api/v1/events/?limit=0", "limit", "число от 1"),
        ("/api/v1/events/?limit=10&limit=20", "limit", "несколько раз"),
        ("/api/v1/regulations/?status=draft", "status", "Допустимые значения"),
        ("/api/v1/regulations/?q=" + "а" * 201, "q", "не больше 200"),
    ],
)
def test_bad_parameters_are_a_400_in_russian_naming_the_parameter(client, url, field, words):
    error = error_of(client.get(url), 400)
    assert error["field"] == field
    assert words in error["message"]


def test_unknown_addresses_are_a_json_404(client):
    for url in ("/api/v2/events/", "/api/v1/nothing/", "/api/v1/reports/123456/"):
        assert error_of(client.get(url), 404)["code"] == "not_found"


def test_the_api_is_read_only(client):
    response = client.post("/api/v1/events/", {"title": "x"})
    assert error_of(response, 405)["code"] == "method_not_allowed"
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    preflight = client.options("/api/v1/events/", HTTP_ORIGIN="https://example.org")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"


def test_any_site_may_read_and_caches_may_keep_it(client, settings):
    response = client.get("/api/v1/services.json", HTTP_ORIGIN="https://region.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == f"public, max-age={settings.API_CACHE_SECONDS}"
    assert response["X-Content-Type-Options"] == "nosniff"
    # The site's security headers stay on and do not change the JSON.
    assert "Content-Security-Policy" in response
    assert response.json() == []
    # An error is not for keeping.
    bad = client.get("/api/v1/events/?kind=x")
    assert bad.status_code == 400 and bad["Cache-Control"] == "no-cache"


def test_the_rate_limit_answers_429_with_retry_after_per_address(client, settings):
    settings.API_RATE_LIMIT = 2
    settings.API_RATE_WINDOW_SECONDS = 60
    assert client.get("/api/v1/services.json", REMOTE_ADDR="203.0.113.5").status_code == 200
    assert client.get("/api/v1/openapi.json", REMOTE_ADDR="203.0.113.5").status_code == 200
    limited = client.get("/api/v1/services.json", REMOTE_ADDR="203.0.113.5")
    error = error_of(limited, 429)
    assert error["code"] == "rate_limited" and "Повторите через" in error["message"]
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert client.get("/api/v1/services.json", REMOTE_ADDR="203.0.113.6").status_code == 200


def test_responses_are_kept_until_content_changes(client, settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION = "file"
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
    from django.core.cache import caches

    caches["default"].clear()
    event = EventPageFactory(parent=EventIndexPageFactory(), title="Приём по ЖКХ", date=date(2026, 3, 5))
    assert client.get("/api/v1/events/").json()["results"][0]["title"] == "Приём по ЖКХ"
    # Changed behind the signals' back: the kept answer is served ...
    EventPage.objects.filter(pk=event.pk).update(title="Приём по дорогам")
    assert client.get("/api/v1/events/").json()["results"][0]["title"] == "Приём по ЖКХ"
    # ... until published content changes (the page cache's generation).
    pagecache.bump()
    assert client.get("/api/v1/events/").json()["results"][0]["title"] == "Приём по дорогам"


def test_robots_and_sitemap_list_the_documentation_not_the_data(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /api/v1/" in robots.splitlines()
    assert "Disallow: /api/" not in robots.splitlines()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/api/</loc>" in sitemap and "/api/v1/" not in sitemap
    page = client.get("/api/")
    assert page.status_code == 200
    assert "Cookie" in page["Vary"]  # the display-mode cookie changes the page
    assert "Открытый API" in page.content.decode()


def test_the_site_footer_links_the_api_documentation(client, demo_site):
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert '<a href="/api/">API для разработчиков</a>' in footer
