"""A page under an unpublished section is listed nowhere: every public list, feed, API and open-data set
reads the pages ``on_site()`` (home/onsite.py).

Found from outside: an act, a report, an event and the reception schedule under an unpublished section
answered 404 at their own addresses, yet the acts list, the home page, the API, the RSS and iCalendar
feeds and the open data still listed them: each selector printed ``.live().public()``, and only the
routing, the site search, the sitemap and the menus knew the draft sections.

``LISTINGS`` names every public listing with the selectors it reads; ``test_every_on_site_reader_is_covered``
fails when a function that reads ``on_site()`` is added without a listing here (or a reason in
``NOT_LISTINGS``), and ``test_no_module_lists_pages_without_on_site`` fails when a module picks live or public
pages by hand (``.live()``, ``.public()``, ``live=True``, ``view_restrictions``) instead.
"""

from __future__ import annotations

import ast
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from wagtail.actions.move_page import MovePageAction

from home.models import SectionIndexPage
from regulations.models import RegulationIndexPage, RegulationPage
from schedules.models import Official

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SECTION = "razdel"


def _moved_under_section(slug: str) -> Callable:
    """Move the home page's child ``slug`` (an index with its pages, or a single page) into the section."""

    def prepare(home, section) -> None:
        page = home.get_children().get(slug=slug).specific
        MovePageAction(page, section, pos="last-child").execute()

    return prepare


def _acts_linked_from_elsewhere(home, section) -> None:
    # An act in another, published index links to acts of the index under the section.
    _moved_under_section("dokumenty")(home, section)
    other = home.add_child(instance=RegulationIndexPage(title="Другие документы", slug="drugie-dokumenty"))
    act = RegulationPage.objects.get(slug="reglament-638-2020")
    MovePageAction(act, other, pos="last-child").execute()


def _first_official_surname(_client) -> str:
    return Official.objects.filter(is_active=True).order_by("order", "pk").first().surname


def _opendata_file(client, identifier_suffix: str) -> str:
    """The current data file of the open-data set whose identifier ends with ``identifier_suffix``: list.csv,
    its passport (meta.csv), the file of its current version («modified»); "" when the catalogue answers 404."""
    listed = client.get("/opendata/list.csv")
    if listed.status_code == 404:
        return ""
    rows = list(csv.reader(io.StringIO(listed.content.decode("utf-8-sig"))))
    meta_url = next(row[2] for row in rows if row[0].endswith(identifier_suffix))
    properties = dict(row[:2] for row in csv.reader(io.StringIO(client.get(meta_url).content.decode("utf-8-sig"))))
    current = next(url for name, url in properties.items() if name.startswith(f"data-{properties['modified']}-"))
    return client.get(current).content.decode("utf-8-sig")


@dataclass(frozen=True)
class Listing:
    """A public listing, and how to tell that it lists the pages moved under the section."""

    name: str
    prepare: Callable  # (home, section): put the listed pages under the section
    url: str | Callable  # the listing's address (or (client) -> address)
    listed: str  # a regular expression found in the listing when it lists them
    reads: tuple[str, ...]  # the functions behind it that call on_site() ("module:function")
    fetch: Callable | None = None  # (client) -> text, for listings that take more than one request

    def text(self, client) -> str:
        if self.fetch is not None:
            return self.fetch(client)
        url = self.url(client) if callable(self.url) else self.url
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        return response.content.decode() if response.status_code == 200 else ""

    def lists(self, client) -> bool:
        return re.search(self.listed, self.text(client)) is not None


ACTS = rf"/{SECTION}/dokumenty/[a-z0-9-]+/"
EVENTS = rf"/{SECTION}/meropriyatiya/[a-z0-9-]+/"
SCHEDULE_OFFICIAL = rf"/{SECTION}/grafik-priema/[a-z0-9-]+/"
REPORTS = rf"/{SECTION}/otchety/[a-z0-9-]+/"

LISTINGS = (
    Listing(
        "home: next receptions",
        _moved_under_section("grafik-priema"),
        "/",
        SCHEDULE_OFFICIAL,
        ("schedules/home.py:next_receptions",),
    ),
    Listing(
        "home: next events", _moved_under_section("meropriyatiya"), "/", EVENTS, ("schedules/home.py:next_events",)
    ),
    Listing(
        "home: latest report",
        _moved_under_section("otchety"),
        "/",
        REPORTS,
        ("reports/home.py:home_sections", "reports/selectors.py:published_reports"),
    ),
    Listing(
        "home: quick links",
        _moved_under_section("dokumenty"),
        "/",
        rf'class="quick-link" href="/{SECTION}/dokumenty/"',
        (),  # HomePage.get_context: home.onsite.linked, the menus' rule
    ),
    Listing(
        "section page: its child pages",
        _moved_under_section("dokumenty"),
        f"/{SECTION}/",
        rf"/{SECTION}/dokumenty/",
        ("home/models/pages.py:SectionIndexPage.get_context",),
    ),
    Listing(
        "published answers: the section's answers",
        _moved_under_section("otvety"),
        f"/{SECTION}/otvety/",
        rf"/{SECTION}/otvety/[a-z0-9-]+/",
        ("appeals_form/models/answers.py:PublishedAnswerIndexPage.get_context",),
    ),
    Listing(
        "site search: pages and the schedule's shortcut",
        _moved_under_section("grafik-priema"),
        "/search/?q=график+приёма",
        rf"/{SECTION}/grafik-priema/",
        ("home/searchpage.py:_public_pages", "schedules/search.py:_schedule_shortcut"),
    ),
    Listing(
        "site search: an official's shortcut",
        _moved_under_section("grafik-priema"),
        lambda client: f"/search/?q={_first_official_surname(client)}",
        SCHEDULE_OFFICIAL,
        ("schedules/search.py:_entries",),
    ),
    Listing(
        "sitemap", _moved_under_section("dokumenty"), "/sitemap.xml", ACTS, ("home/sitemaps.py:PagesSitemap.items",)
    ),
    Listing(
        "acts list",
        _moved_under_section("dokumenty"),
        f"/{SECTION}/dokumenty/",
        ACTS,
        ("regulations/selectors.py:acts_of",),
    ),
    Listing(
        "an act's linked acts",
        _acts_linked_from_elsewhere,
        "/drugie-dokumenty/reglament-638-2020/",
        ACTS,
        ("regulations/selectors.py:act_links",),
    ),
    Listing(
        "API: acts",
        _moved_under_section("dokumenty"),
        "/api/v1/regulations/",
        ACTS,
        ("regulations/selectors.py:public_acts",),
    ),
    Listing(
        "events calendar",
        _moved_under_section("meropriyatiya"),
        f"/{SECTION}/meropriyatiya/arhiv/2018/",
        EVENTS,
        ("schedules/event_selectors.py:listed_events",),
    ),
    Listing(
        "events iCalendar",
        _moved_under_section("meropriyatiya"),
        f"/{SECTION}/meropriyatiya/ical/",
        EVENTS,
        ("schedules/event_selectors.py:listed_events",),
    ),
    Listing(
        "events RSS",
        _moved_under_section("meropriyatiya"),
        f"/{SECTION}/meropriyatiya/rss/",
        EVENTS,
        ("schedules/event_selectors.py:listed_events",),
    ),
    Listing(
        "API: events",
        _moved_under_section("meropriyatiya"),
        "/api/v1/events/",
        EVENTS,
        ("schedules/event_selectors.py:public_events",),
    ),
    Listing("reports list", _moved_under_section("otchety"), f"/{SECTION}/otchety/", REPORTS, ()),
    Listing(
        "API: reports",
        _moved_under_section("otchety"),
        "/api/v1/reports/",
        REPORTS,
        ("reports/selectors.py:all_published_reports",),
    ),
    Listing(
        "open data: the catalogue",
        _moved_under_section("opendata"),
        "/opendata/list.csv",
        r"/opendata/[0-9]{10}-",
        ("opendata/selectors.py:catalogue_page",),
    ),
    Listing(
        "open data: events",
        _moved_under_section("meropriyatiya"),
        "",
        EVENTS,
        (
            "opendata/sources.py:event_rows",
            "opendata/sources.py:events_version",
            "opendata/sources.py:_publication_day",
        ),
        fetch=lambda client: _opendata_file(client, "thematic-events"),
    ),
    Listing(  # a hidden section's data does not publish: the officials of a schedule that is not on the site
        "API: officials",
        _moved_under_section("grafik-priema"),
        "/api/v1/officials/",
        r'"slug": ?"[a-z0-9-]+"',
        ("schedules/selectors.py:published_officials",),
    ),
    Listing(
        "open data: reception schedule",
        _moved_under_section("grafik-priema"),
        "",
        r"\n[^,\n]+,[^\n]*\d{4}-\d{2}-\d{2}",  # a data row (the header has no date)
        ("schedules/selectors.py:published_officials",),
        fetch=lambda client: _opendata_file(client, "reception-schedule"),
    ),
    Listing(
        "open data: acts",
        _moved_under_section("dokumenty"),
        "",
        ACTS,
        ("opendata/sources.py:regulation_rows",),
        fetch=lambda client: _opendata_file(client, "regulations"),
    ),
)

#: Readers of ``on_site()`` that list nothing: a link to one page, which disappears with it.
NOT_LISTINGS = {
    "appeals_form/selectors.py:published_answer_pages": "the officer's choice of a published answer's page "
    "(admin; test_a_published_answer_is_offered_only_on_a_page_on_the_site)",
    "appeals_form/selectors.py:live_form_page": "the appeal's status page links to the form",
    "appeals_form/selectors.py:has_published_answers": "whether the officer's chooser opens in the section of "
    "published answers (admin; tests/appeals/test_published_answers.py)",
    "reports/selectors.py:statistics_page_url": "a report links to the statistics page",
    "schedules/selectors.py:official_signup_path": "a reminder e-mail links to the sign-up form",
    "schedules/views/signup.py:signup_done": "the sign-up's confirmation links back to the schedule",
}


@pytest.mark.parametrize("listing", LISTINGS, ids=[listing.name for listing in LISTINGS])
def test_a_page_under_an_unpublished_section_is_listed_nowhere(client, demo_site, fragments_on, listing):
    home = demo_site.root_page
    section = home.add_child(instance=SectionIndexPage(title="Раздел", slug=SECTION))
    listing.prepare(home, section)
    assert listing.lists(client)  # a published section: its pages are listed

    section.refresh_from_db()
    section.unpublish()
    assert not listing.lists(client)  # their own addresses answer 404: they are listed nowhere

    section.refresh_from_db()
    section.save_revision().publish()
    assert listing.lists(client)  # published again: listed again (nothing stale kept per process)


def test_every_portal_page_type_can_read_its_pages_on_the_site():
    from django.apps import apps

    from home.models.mixins import PortalPageMixin
    from home.onsite import PortalPageManager

    types = [model for model in apps.get_models() if issubclass(model, PortalPageMixin)]
    assert len(types) >= 13
    assert [model.__name__ for model in types if not isinstance(model.objects, PortalPageManager)] == []
    assert all(model.objects.model is model for model in types)  # each its own manager, not a parent's


def _on_site_readers() -> set[str]:
    """ "module:function" (or "module:Class.method") of every function of the portal that calls on_site()."""
    from tests.home.test_code_shape import _modules

    found = set()
    for path in _modules():
        relative = path.relative_to(ROOT).as_posix()
        if relative == "home/onsite.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for scope in ast.walk(tree):
            body = getattr(scope, "body", [])
            for node in body if isinstance(body, list) else []:
                if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                if any(_calls_on_site(call) for call in ast.walk(node)):
                    name = f"{scope.name}.{node.name}" if isinstance(scope, ast.ClassDef) else node.name
                    found.add(f"{relative}:{name}")
    return found


def _calls_on_site(node) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return (isinstance(func, ast.Attribute) and func.attr == "on_site") or (
        isinstance(func, ast.Name) and func.id == "on_site"
    )


def test_every_on_site_reader_is_covered():
    covered = {reader for listing in LISTINGS for reader in listing.reads}
    readers = _on_site_readers()
    assert readers - covered - set(NOT_LISTINGS) == set(), "add a Listing (or a reason in NOT_LISTINGS) for these"
    assert (covered | set(NOT_LISTINGS)) - readers == set(), "these no longer read on_site(): update LISTINGS"
    assert len(readers) >= 20  # the check does see them


#: Modules that may pick pages by ``live``/``public`` themselves, and why (data builders are left out as in
#: test_code_shape: demo content, scale data, factories).
OWN_PICKS = {
    "home/onsite.py": "the one definition of a page on the site",
    "home/templatetags/site_tags.py": "the breadcrumbs: the ancestors of the page being served",
    "home/wagtail_hooks.py": "the admin's copy of a page tree",
    "home/searchbackend.py": "whether the search index lacks a live page (nothing is shown)",
    "home/management/commands/load_demo_content.py": "the demo's count of its pages",
}
QUERYSET_FILTERS = {"filter", "exclude", "get"}


def _picks_by_hand(node) -> bool:
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return False
    if node.func.attr in {"live", "public"}:
        return not node.args and not node.keywords
    return node.func.attr in QUERYSET_FILTERS and any(_live_or_restricted(keyword) for keyword in node.keywords)


def _live_or_restricted(keyword: ast.keyword) -> bool:
    """``live=True`` (not ``live=False``: a draft is never listed) or any lookup on ``view_restrictions``."""
    if keyword.arg in {"live", "live__exact"}:
        return isinstance(keyword.value, ast.Constant) and keyword.value.value is True
    return bool(keyword.arg) and "view_restrictions" in keyword.arg


def _own_picks(tree) -> list[int]:
    """Lines where ``tree`` picks pages as live or public itself."""
    return sorted(node.lineno for node in ast.walk(tree) if _picks_by_hand(node))


def test_no_module_lists_pages_without_on_site():
    from tests.home.test_code_shape import _is_data, _modules

    found = []
    for path in _modules():
        relative = path.relative_to(ROOT).as_posix()
        if _is_data(path) or relative in OWN_PICKS:
            continue
        found += [f"{relative}:{line}" for line in _own_picks(ast.parse(path.read_text(encoding="utf-8")))]
    assert found == [], "read the pages on the site with on_site() (home/onsite.py)"


def test_the_shape_check_sees_each_way_of_picking_pages_by_hand():
    source = """
acts = RegulationPage.objects.live().public()
events = EventPage.objects.live().exclude(view_restrictions__isnull=False)
reports = ReportPage.objects.filter(live=True)
drafts = Page.objects.filter(live=False).update(live=True)
figures = RegisterView(heading="", live=True)
pages = RegulationPage.objects.on_site()
"""
    assert _own_picks(ast.parse(source)) == [2, 2, 3, 3, 4]  # not the drafts, the update, the figures


@pytest.mark.django_db
def test_a_published_answer_is_offered_only_on_a_page_on_the_site():
    """Art. 11 p. 5.1: the officer tells the applicant where the answer is published; a page the residents
    cannot open (under an unpublished section) is not offered."""
    from appeals_form.selectors import published_answer_pages
    from home.factories import SectionIndexPageFactory, StandardPageFactory

    section = SectionIndexPageFactory()
    shown = StandardPageFactory(parent=section, title="Ответ на вопросы о капремонте")
    draft = SectionIndexPageFactory(live=False)
    hidden = StandardPageFactory(parent=draft, title="Ответ в неопубликованном разделе")
    offered = set(published_answer_pages().values_list("id", flat=True))
    assert shown.id in offered
    assert hidden.id not in offered
