"""Browser tests: Debian's Chromium driven by Playwright, pages served by live_server.

They skip, with the reason, only when Chromium or axe-core is missing;
`make browser-deps` (scripts/install_browser_deps.sh) installs both.
"""

import asyncio
import json
import os
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.core.management import get_commands
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler

# Playwright's sync API runs an event loop in this thread; Django's ORM would
# otherwise refuse to run next to it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.browser import demo_snapshot
from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, DESKTOP, missing_dependency

_threaded_server = LiveServerThread._create_server


def _create_server(self, connections_override=None):
    """live_server answers one request at a time when it shares the test's SQLite database in memory.

    pytest-django hands the server thread the test's own connection to an in-memory SQLite database
    (``connections_override``); Django's threaded server then used that one connection from two request
    threads at once (a page and the browser's parallel request), and a full run hung for good with both
    threads inside SQLite (seen in the admin's copy screen). One thread per server shares it safely;
    without threads Django's server closes each connection, so the browser is never left waiting on a
    kept-alive one. PostgreSQL (a connection per thread) keeps the threaded server.
    """
    if not connections_override:
        return _threaded_server(self, connections_override=connections_override)
    return WSGIServer((self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False)


LiveServerThread._create_server = _create_server


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    """A test that restores the demo copy (``site_pages``) skips its serialized rollback (demo_snapshot)."""
    with demo_snapshot.restore_replaces_rollback("site_pages" in getattr(item, "fixturenames", ())):
        return (yield)


@pytest.fixture(scope="session")
def _chromium():
    """One Chromium per test process (each pytest-xdist worker has its own), started at its first browser test.

    Starting Playwright's driver and Chromium costs seconds; a fresh browser
    context per test (``context``) keeps the tests apart all the same.
    Yields the browser and the event loop of Playwright's sync API.
    """
    reason = missing_dependency()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    loop = asyncio.get_running_loop()  # Playwright marks its loop as running in this thread between calls
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    asyncio._set_running_loop(None)
    yield chromium, loop
    asyncio._set_running_loop(loop)
    chromium.close()
    playwright.stop()
    asyncio._set_running_loop(None)


@pytest.fixture
def browser(site_pages, _chromium):
    """Chromium, for this test, after the test's data is in the database.

    While Playwright's sync API runs, its event loop makes Django treat this
    thread as async and hand out fresh, context-local database connections,
    which know nothing of the test database's serialized contents. So all
    database work (the fixtures) happens before the browser is handed out and
    after the test gives it back: request data fixtures before ``page`` and
    keep the ORM out of test bodies (a test whose body or a fixture after
    ``context`` opens such a connection fails at its teardown: on PostgreSQL the
    session stayed open and the test database could not be dropped at the end of
    the run, «is being accessed by other users»). Between tests the loop is marked as not
    running (and marked again here), so the Chromium kept for the whole run
    (``_chromium``) leaves the other tests' database connections alone.
    """
    chromium, loop = _chromium
    asyncio._set_running_loop(loop)
    try:
        yield chromium
    finally:
        used = _close_body_connections()
        asyncio._set_running_loop(None)
    if used:
        pytest.fail(
            f"the test's body used the database ({', '.join(used)}) while the browser ran: a fresh connection "
            "outside the test's data (on SQLite an empty database; on PostgreSQL a session left open that kept "
            "the test database from being dropped). Read it in a fixture requested before `page`."
        )


def _close_body_connections() -> list[str]:
    """The connections a test's body opened while Playwright's loop ran (context-local ones), closed."""
    from django.db import connections

    used = [alias for alias in connections if connections[alias].connection is not None]
    connections.close_all()
    return used


@pytest.fixture
def context(browser):
    """A fresh browser profile per test: no cookies carried over.

    bypass_csp: axe-core is injected as an inline script, which the site's
    Content-Security-Policy refuses; tests/browser/test_csp.py checks the policy
    in contexts of its own.
    """
    ctx = browser.new_context(viewport=DESKTOP, locale="ru-RU", bypass_csp=True)
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


def _path(page_obj) -> str:
    url = page_obj.get_url()
    return urlsplit(url).path if url.startswith("http") else url


def _block_types(page_obj) -> set[str]:
    return {block.block_type for block in page_obj.body}


def _build_minimal_site():
    """What the demo content provides, in small: used until load_demo_content exists."""
    from wagtail.models import Page, Site

    from home.models import DepartmentSettings, FooterMenuItem, HomePage, MainMenuItem, NavigationSettings, StandardPage

    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Обращения граждан",
            slug="home-browser",
            intro="<p>Отдел принимает и рассматривает обращения жителей городского округа.</p>",
        )
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    body = [
        {"type": "heading", "value": {"text": "Сроки рассмотрения", "size": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>Обращение регистрируется в течение <b>трёх дней</b> и рассматривается "
            'в течение 30 дней со дня регистрации (<a href="/">подробнее</a>).</p>',
        },
        {
            "type": "table",
            "value": {
                "caption": "Каналы поступления обращений, 1 полугодие 2018 года",
                "source": "Отчёт отдела по работе с обращениями граждан",
                "table": {
                    "columns": [{"type": "text", "heading": "Канал"}, {"type": "integer", "heading": "Количество"}],
                    "rows": [
                        {"values": ["Письменные обращения", 1528]},
                        {"values": ["Официальный сайт", 1021]},
                        {"values": ["Электронная почта Главы", 1226]},
                    ],
                },
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "important",
                "title": "Анонимные обращения",
                "text": "<p>На обращение без фамилии и почтового адреса ответ не даётся.</p>",
            },
        },
    ]
    standard = home.add_child(
        instance=StandardPage(
            title="Порядок рассмотрения обращений",
            slug="poryadok",
            intro="Как регистрируются и рассматриваются обращения граждан.",
            body=json.dumps(body),
        )
    )
    home.quick_links = json.dumps(
        [
            {
                "type": "link",
                "value": {"page": standard.pk, "url": "", "title": "Порядок рассмотрения", "description": "Сроки"},
            }
        ]
    )
    home.save_revision().publish()
    DepartmentSettings.objects.update_or_create(
        site=site,
        defaults={
            "address": "140000, г. Люберцы, Октябрьский пр-т, д. 190",
            "phone": "+7 (495) 555-01-02",
            "email": "obrashcheniya@example.ru",
            "working_hours": "Пн–Чт 9:00–18:00\nПт 9:00–16:45",
            "responsible_official": "Иванова Мария Петровна, начальник отдела",
            "reference_phone": "+7 (495) 555-01-03",
        },
    )
    nav = NavigationSettings.for_site(site)
    nav.save()
    MainMenuItem.objects.create(setting=nav, page=standard, sort_order=0)
    FooterMenuItem.objects.create(setting=nav, url="https://ssturf.ru/", title="ССТУ.РФ", sort_order=0)
    return home


@pytest.fixture
def site_pages(live_server, transactional_db, django_db_serialized_rollback):
    """The pages under test, served by live_server: the demo content when it exists.

    Each test starts from the migrated database (serialized rollback), so the
    Wagtail root page and the default site are there.
    """
    from wagtail.models import Site

    from home.models import HomePage, StandardPage

    if "load_demo_content" in get_commands():
        demo_snapshot.load()
        home = HomePage.objects.get(pk=Site.objects.get(is_default_site=True).root_page_id)
    else:
        home = _build_minimal_site()
    candidates = list(StandardPage.objects.live().descendant_of(home).order_by("path"))
    assert candidates, "the site has no standard page to test"
    # Prefer a page that shows the richest blocks.
    standard = max(candidates, key=lambda p: len(_block_types(p) & {"heading", "paragraph", "table", "callout"}))
    return SimpleNamespace(
        base=live_server.url,
        home_page=home,
        standard_page=standard,
        home=live_server.url + _path(home),
        standard=live_server.url + _path(standard),
        search=live_server.url + "/search/?q=" + "обращения",
        not_found=live_server.url + "/net-takoy-stranitsy/",
    )


@pytest.fixture
def image_page(site_pages):
    """A page with a photo and its alt text, for the images on/off setting."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    from home.models import StandardPage

    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 200), "#0d4cd3").save(buffer, format="PNG")
    image = Image.objects.create(title="Здание администрации", file=ImageFile(buffer, name="zdanie.png"))
    body = [
        {"type": "paragraph", "value": "<p>Приёмная находится на первом этаже.</p>"},
        {
            "type": "image",
            "value": {"image": image.pk, "alt_text": "Вход в приёмную администрации", "caption": "Приёмная"},
        },
    ]
    photo_page = site_pages.home_page.add_child(
        instance=StandardPage(title="Как нас найти", slug="kak-nas-nayti", body=json.dumps(body))
    )
    return site_pages.base + _path(photo_page)


@pytest.fixture
def section_pages(site_pages):
    """One page of each kind residents read (on a phone, on paper) (from the demo content), beyond the basic ones."""
    from appeals_form.models import AppealFormPage
    from regulations.models import RegulationIndexPage, RegulationPage
    from reports.models import ReportIndexPage, ReportPage, StatisticsPage
    from schedules.models import EventIndexPage, EventPage, Official, ReceptionSchedulePage

    pages = {
        "api": site_pages.base + "/api/",
        "status-lookup": site_pages.base + "/appeals/status/",
        "identity": site_pages.base + "/identity/?next=%2F",
    }
    for name, found in (
        ("appeal-form", AppealFormPage.objects.live().first()),
        ("schedules", ReceptionSchedulePage.objects.live().first()),
        ("events", EventIndexPage.objects.live().first()),
        ("event", EventPage.objects.live().order_by("path").first()),
        ("regulations", RegulationIndexPage.objects.live().first()),
        ("regulation", RegulationPage.objects.live().order_by("path").first()),
        ("reports", ReportIndexPage.objects.live().first()),
        ("report", ReportPage.objects.live().order_by("path").first()),
        ("statistics", StatisticsPage.objects.live().first()),
    ):
        if found is not None:
            pages[name] = site_pages.base + found.url
    oldest = EventPage.objects.live().order_by("date").first()
    if "events" in pages and oldest is not None:
        pages["events-archive"] = f"{pages['events']}arhiv/{oldest.date.year}/"
    schedule = ReceptionSchedulePage.objects.live().first()
    official = Official.objects.order_by("pk").first()
    if schedule is not None and official is not None:
        pages["official"] = site_pages.base + schedule.official_url(official)
        pages["sign-up"] = site_pages.base + schedule.official_url(official, "signup")
    return pages
