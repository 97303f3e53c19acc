"""``{% page_href %}``: the portal's one way to write a page's URL, kept per process, always Wagtail's URL."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Page, Site

from home.pagecache import fragments

pytestmark = pytest.mark.django_db

TAG = Template("{% load site_tags %}{% page_href page %}")


def _href(page, request) -> str:
    return TAG.render(Context({"page": page, "request": request}))


def _request(host: str = "localhost"):
    request = RequestFactory(HTTP_HOST=host).get("/")
    fragments.prime_routing(request)  # as home.middleware does
    return request


def test_no_template_of_the_portal_writes_a_page_url_another_way():
    templates = Path(settings.BASE_DIR) / "templates"
    using = [str(path) for path in templates.rglob("*.html") if "{% pageurl" in path.read_text()]
    assert using == []


def test_every_demo_page_gets_wagtails_url_on_its_own_site_and_on_another(demo_site, fragments_on, settings):
    settings.ALLOWED_HOSTS = ["*"]
    other_root = Page.objects.get(depth=1).add_child(instance=Page(title="Другой сайт", slug="drugoy"))
    Site.objects.create(hostname="drugoy.example.ru", root_page=other_root)
    pages = list(Page.objects.descendant_of(demo_site.root_page, inclusive=True).specific())
    assert len(pages) > 10
    for host in (demo_site.hostname, "drugoy.example.ru"):
        for warm in (False, True):
            for page in pages:
                request = _request(host)
                assert _href(page, request) == (page.get_url(request=request) or "None"), (host, warm, page)
    assert _href(pages[1], _request("drugoy.example.ru")).startswith("http://")


def test_a_renamed_page_has_its_new_url_at_once(demo_site, fragments_on, settings):
    settings.ALLOWED_HOSTS = ["*"]
    page = Page.objects.descendant_of(demo_site.root_page).live().filter(depth=3).first().specific
    before = _href(page, _request(demo_site.hostname))
    page.slug = "novyy-adres"
    page.save_revision().publish()
    page.refresh_from_db()
    after = _href(page, _request(demo_site.hostname))
    assert after != before and after.endswith("/novyy-adres/")


def test_a_page_in_an_editors_preview_gets_the_url_of_what_is_previewed(demo_site, fragments_on, settings):
    settings.ALLOWED_HOSTS = ["*"]
    page = Page.objects.descendant_of(demo_site.root_page).live().filter(depth=3).first().specific
    _href(page, _request(demo_site.hostname))
    page.slug, page.url_path = "chernovik", page.url_path.rsplit("/", 2)[0] + "/chernovik/"  # unsaved, as a preview
    assert _href(page, _request(demo_site.hostname)).endswith("/chernovik/")
