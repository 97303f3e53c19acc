"""A page under an unpublished section is not on the site, and the editor is told so (home/draft_sections.py).

Found from outside: an editor moved a published page into a section that was still a draft; the section
answered 404, the page stayed reachable at its new address, in the site search and the sitemap.
"""

import re

import pytest
from django.urls import reverse
from wagtail.actions.move_page import MovePageAction

from home.factories import HomePageFactory, SectionIndexPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

LOC = re.compile(r"<loc>https?://[^/]+(/[^<]*)</loc>")


def _sitemap_paths(client) -> set[str]:
    return set(LOC.findall(client.get("/sitemap.xml").content.decode()))


@pytest.fixture(params=["shortcut", "wagtail"])
def routing(request, settings):
    """Pages served through the portal's routing shortcut (production) and through Wagtail's own routing."""
    if request.param == "shortcut":
        request.getfixturevalue("fragments_on")
    else:
        settings.PAGE_ROUTE_SHORTCUT = False
    return request.param


def test_no_page_of_the_demo_is_served_under_an_unpublished_section(client, demo_site, routing):
    home = demo_site.root_page
    before = _sitemap_paths(client) - {"/"}
    assert len(before) > 20 and client.get("/").status_code == 200
    archive = home.add_child(instance=SectionIndexPageFactory.build(title="Архив", slug="arhiv-razdelov", live=False))
    for child in home.get_children().exclude(pk=archive.pk):
        MovePageAction(child, archive, pos="last-child").execute()
    served = [path for path in before if client.get("/arhiv-razdelov" + path).status_code != 404]
    assert served == []  # every type, every level, every routable sub-page (feeds, officials, archives)
    assert _sitemap_paths(client) <= {"/", "/api/"}
    found = client.get("/search/", {"q": "приём"}).content.decode()
    assert "/arhiv-razdelov/" not in found  # neither a search hit nor a link of the site's menus


def test_publishing_the_section_brings_its_pages_back(client, routing):
    home = HomePageFactory(site_root=True)
    section = SectionIndexPageFactory(parent=home, slug="novyy-razdel", live=False)
    StandardPageFactory(parent=section, slug="stranica")
    assert client.get("/novyy-razdel/stranica/").status_code == 404
    section.save_revision().publish()
    assert client.get("/novyy-razdel/stranica/").status_code == 200
    assert "/novyy-razdel/stranica/" in _sitemap_paths(client)


def _messages(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_the_editor_is_warned_when_moving_or_publishing_into_an_unpublished_section(admin_client):
    home = HomePageFactory(site_root=True)
    draft = SectionIndexPageFactory(parent=home, title="Новый раздел", live=False)
    inner = SectionIndexPageFactory(parent=draft, title="Подраздел")  # live, under the draft
    page = StandardPageFactory(parent=home, title="Часы приёма")
    move = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, inner.pk])

    confirm = admin_client.get(move)
    assert "Раздел «Новый раздел» не опубликован: после переноса страницы «Часы приёма» на сайте не будет" in (
        _messages(confirm)
    )
    moved = admin_client.post(move, follow=True)
    assert "перемещена в неопубликованный раздел «Новый раздел»" in _messages(moved)

    other = StandardPageFactory(parent=draft, title="Новости", live=False)
    data = {"title": other.title, "slug": other.slug, "body-count": "0", "action-publish": "1"}
    published = admin_client.post(reverse("wagtailadmin_pages:edit", args=[other.pk]), data, follow=True)
    assert "опубликована в неопубликованном разделе «Новый раздел»" in _messages(published)

    live_section = SectionIndexPageFactory(parent=home, title="Открытый раздел")
    elsewhere = admin_client.get(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, live_section.pk]))
    assert "не опубликован" not in _messages(elsewhere)
