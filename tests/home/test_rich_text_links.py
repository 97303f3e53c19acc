"""A rich text's link to a page that is not on the site is shown as its words, not as a dead link.

Found from outside: links inside rich text to an unpublished page, or to a page under an unpublished
section, still rendered as links (a 404 for residents). ``home.richtext`` decides as the menus do
(``home.onsite.leads_on_site``: published, under no unpublished section; a page restricted to logged-in
visitors stays a link, they log in) for every rich text (a RichTextField, a StreamField's text block);
an editor's preview still shows them as links.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.rich_text import expand_db_html

from home.models import SectionIndexPage, StandardPage

pytestmark = pytest.mark.django_db


def _link(page, words: str) -> str:
    return f'<a linktype="page" id="{page.pk}">{words}</a>'


@pytest.fixture
def targets(site_home):
    """A page on the site, an unpublished one, one under an unpublished section, a restricted one."""
    shown = site_home.add_child(instance=StandardPage(title="Приём граждан", slug="priem"))
    draft = site_home.add_child(instance=StandardPage(title="Черновик", slug="chernovik"))
    draft.unpublish()
    section = site_home.add_child(instance=SectionIndexPage(title="Скрытый раздел", slug="skrytyi"))
    hidden = section.add_child(instance=StandardPage(title="В скрытом разделе", slug="v-razdele"))
    section.unpublish()
    closed = site_home.add_child(instance=StandardPage(title="Для сотрудников", slug="zakryto"))
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    return {"приёме": shown, "черновике": draft, "разделе": hidden, "закрытой": closed}


def _text(targets) -> str:
    return "<p>" + " ".join(f"О {_link(page, words)}." for words, page in targets.items()) + "</p>"


def _links(html: str) -> dict[str, str | None]:
    """The words of each link and its address (None: no href, not a link)."""
    return {
        words: (re.search(r'href="([^"]*)"', attrs).group(1) if "href" in attrs else None)
        for attrs, words in re.findall(r"<a\b([^>]*)>(.*?)</a>", html)
    }


def test_links_to_pages_not_on_the_site_are_their_words_in_every_rich_text(client, site_home, targets):
    page = site_home.add_child(
        instance=StandardPage(title="Справка", slug="spravka", body=[("paragraph", _text(targets))])
    )
    section = site_home.add_child(instance=SectionIndexPage(title="Раздел", slug="razdel", intro=_text(targets)))
    for url in (page.url, section.url):
        html = client.get(url).content.decode()
        links = _links(html)
        assert links["приёме"] == targets["приёме"].url, url
        assert links["закрытой"] == targets["закрытой"].url, url  # as in the menus: its visitors log in
        assert links["черновике"] is None and links["разделе"] is None, url
        for words, target in targets.items():
            assert f"О {words}" in re.sub(r"<[^>]+>", "", html), url  # the words stay
            if words not in ("приёме", "закрытой"):
                assert f'href="{target.url}"' not in html and f'href="/{target.slug}/"' not in html, url


def test_a_preview_shows_them_as_links(site_home, targets):
    page = site_home.add_child(
        instance=StandardPage(title="Справка", slug="spravka", body=[("paragraph", _text(targets))])
    )
    request = RequestFactory().get("/admin/pages/")
    request.user = get_user_model().objects.create_superuser("editor", "editor@example.ru", "unused-pass-1")
    response = page.make_preview_request(request, "")
    links = _links(response.content.decode())
    assert all(links[words] for words in targets), links


def test_the_links_of_a_rich_text_cost_one_query_whatever_their_number(site_home, targets, fragments_on):
    expand_db_html(_text(targets))  # the paths kept for this content generation
    with CaptureQueriesContext(connection) as one:
        expand_db_html(_link(targets["черновике"], "черновике"))
    with CaptureQueriesContext(connection) as four:
        assert _links(expand_db_html(_text(targets)))["черновике"] is None
    assert len(four) == len(one)  # Wagtail's own read of the pages; nothing per link
