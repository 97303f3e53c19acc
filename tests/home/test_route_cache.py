"""Routing from the pages a process keeps (production's fragments on) serves what the database says."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.factories import HomePageFactory, SectionIndexPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(fragments_on):
    home = HomePageFactory(site_root=True, slug="home-routes")
    section = SectionIndexPageFactory(parent=home, title="Гражданам", slug="grazhdanam")
    page = StandardPageFactory(parent=section, title="Порядок рассмотрения", slug="poryadok")
    return home, section, page


def page_queries(captured) -> int:
    return sum('"wagtailcore_page"' in q["sql"] for q in captured.captured_queries)


def test_a_warm_process_routes_a_nested_page_without_reading_pages(client, pages):
    assert client.get("/grazhdanam/poryadok/").status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/grazhdanam/poryadok/")
    assert response.status_code == 200
    assert page_queries(captured) == 0
    html = response.content.decode()
    assert "Порядок рассмотрения" in html
    # The breadcrumbs are built from the parents the routing handed over.
    assert 'href="/grazhdanam/"' in html


def test_a_renamed_page_moves_at_once(client, pages):
    _, _, page = pages
    assert client.get("/grazhdanam/poryadok/").status_code == 200
    page.slug = "poryadok-rassmotreniya"
    page.save_revision().publish()
    assert client.get("/grazhdanam/poryadok/").status_code == 404
    assert client.get("/grazhdanam/poryadok-rassmotreniya/").status_code == 200


def test_an_unpublished_page_is_gone_at_once(client, pages):
    _, section, page = pages
    assert client.get("/grazhdanam/poryadok/").status_code == 200
    page.unpublish()
    assert client.get("/grazhdanam/poryadok/").status_code == 404
    section.unpublish()
    assert client.get("/grazhdanam/").status_code == 404


def test_an_edited_title_shows_at_once(client, pages):
    _, _, page = pages
    client.get("/grazhdanam/poryadok/")
    page.title = "Порядок рассмотрения обращений"
    page.save_revision().publish()
    assert "Порядок рассмотрения обращений" in client.get("/grazhdanam/poryadok/").content.decode()


def test_unknown_urls_are_404_and_never_kept(client, pages, settings):
    settings.PAGE_ROUTE_CACHE_MAX = 2
    for n in range(5):
        assert client.get(f"/net-takoy-{n}/").status_code == 404
    # The unknown URLs took no room: both real levels are still kept.
    client.get("/grazhdanam/poryadok/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/grazhdanam/poryadok/").status_code == 200
    assert page_queries(captured) == 0


def test_past_the_maximum_pages_are_read_from_the_database(client, pages, settings):
    settings.PAGE_ROUTE_CACHE_MAX = 1
    client.get("/grazhdanam/poryadok/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/grazhdanam/poryadok/")
    assert response.status_code == 200
    assert "Порядок рассмотрения" in response.content.decode()
    assert page_queries(captured) > 0


def test_with_fragments_off_routing_reads_the_database(client, pages, settings):
    settings.PAGE_CACHE_FRAGMENTS = False
    client.get("/grazhdanam/poryadok/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/grazhdanam/poryadok/").status_code == 200
    assert page_queries(captured) > 0


def test_a_change_made_by_another_worker_is_seen_at_the_next_request(client, pages):
    from wagtail.models import Page

    from home.pagecache import generation

    _, _, page = pages
    assert client.get("/grazhdanam/poryadok/").status_code == 200
    # Another process changes the page and replaces the generation; this
    # process hears nothing of it but the new generation token.
    Page.objects.filter(pk=page.pk).update(slug="drugoy", url_path=page.url_path.replace("poryadok", "drugoy"))
    generation.backend().bump()
    assert client.get("/grazhdanam/poryadok/").status_code == 404
    assert client.get("/grazhdanam/drugoy/").status_code == 200


def test_every_page_type_of_the_portal_takes_the_kept_routing():
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page, get_page_models

    from home.models.mixins import PortalPageMixin

    ours = [model for model in get_page_models() if model is not Page and not model.__module__.startswith("wagtail")]
    assert len(ours) >= 11
    for model in ours:
        assert issubclass(model, PortalPageMixin), model
        mro = model.__mro__
        # Routable pages try their own sub-routes before the kept children.
        if issubclass(model, RoutablePageMixin):
            assert mro.index(RoutablePageMixin) < mro.index(PortalPageMixin), model
        assert mro.index(PortalPageMixin) < mro.index(Page), model
