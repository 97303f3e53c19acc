"""Every admin screen a member of staff can reach from the menu opens without a server error.

From outside, a clean `make run` answered «Aging pages» (Отчёты → Устаревающие страницы) with HTTP 500: the
demo's pages were published by no one, and the portal's avatar hook took that «no one» for a user. No test had
opened that screen (nor «История действий на сайте», nor a page's history: the same fault). Here each role of
the demo starts at the dashboard with the demo content (its queue of appeals included) and follows every admin
link it is shown, the sidebar menu's included, plus (as the superuser) the edit screen of one page of each
type, and every answer must be below 500, every column heading Russian and no cell a raw «True», «False»
or «None» (the users' listing said «True» for every active account; test_admin_booleans.py). Links are
followed once per shape (digits folded), so a thousand appeal cards are one visit; queries are dropped
(filters are covered elsewhere).
"""

import json
import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

# Followed by GET only, and these would change nothing, but they sign the user out or are not screens.
NOT_SCREENS = re.compile(r"/logout/|/jsi18n/|/sprite/|/avatar/|\.(svg|png|jpe?g|ico|css|js)$")
MAX_SCREENS = 400
LATIN_ONLY = re.compile(r"[A-Za-z][A-Za-z _-]*")
LATIN_ALLOWED = {"ID", "URL", "SHA-256", "IP"}
# Wagtail's own screens whose columns Wagtail names after the attribute («site_name» → «Site name»),
# untranslatable upstream (wagtail/sites/views.py: Column("site_name") without a label); superusers only.
WAGTAIL_UNTRANSLATED = {"/admin/sites/"}


@pytest.fixture
def demo_with_queue(settings):
    settings.APPEALS_DEMO_QUEUE = True
    call_command("load_demo_content", verbosity=0)


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _page_edit_urls() -> list[str]:
    """The edit screen of one page of each page type (each type has its own form)."""
    from wagtail.models import Page

    first_of_type = {}
    for page_id, content_type_id in Page.objects.filter(depth__gt=1).values_list("id", "content_type_id"):
        first_of_type.setdefault(content_type_id, page_id)
    return [f"/admin/pages/{page_id}/edit/" for page_id in first_of_type.values()]


# Read with regular expressions, not an HTML parser: the admin's pages are large and a parser took most
# of this test's time. The markup read is the admin's own: links, table headings, the sidebar's props.
HREF = re.compile(r'<a\b[^>]*?\shref="([^"]+)"')
HEADING = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
CELL = re.compile(r"<td\b[^>]*>(.*?)</td>", re.S)
RAW_VALUE = re.compile(r"\b(?:True|False|None)\b")
TAG = re.compile(r"<[^>]+>")
SIDEBAR_PROPS = re.compile(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S)


def _menu_urls(html: str) -> list[str]:
    """Every URL of the admin's sidebar menu, sub-menus included (the sidebar gets them as JSON props)."""
    script = SIDEBAR_PROPS.search(html)
    if script is None:
        return []
    urls = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("url"), str):
                urls.append(node["url"])
            node = list(node.values())
        if isinstance(node, list):
            for child in node:
                walk(child)

    walk(json.loads(script.group(1)))
    return urls


def _crawl(client, seeds: list[str]) -> tuple[int, list[str]]:
    seen_shapes = set()
    queue = list(seeds)
    failures = []
    visited = 0
    while queue and visited < MAX_SCREENS:
        path = queue.pop(0)
        shape = path if path in seeds else _shape(path)  # the seeds' page edit screens differ by page type
        if shape in seen_shapes:
            continue
        seen_shapes.add(shape)
        visited += 1
        response = client.get(path)
        if response.status_code >= 500:
            failures.append(f"{path}: {response.status_code}")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        # The admin speaks Russian: a column heading in Latin letters only is an untranslated label
        # (the officials' listing said «Full name»).
        for heading in HEADING.findall(html):
            text = " ".join(unescape(TAG.sub(" ", heading)).split())
            if LATIN_ONLY.fullmatch(text) and text not in LATIN_ALLOWED and path not in WAGTAIL_UNTRANSLATED:
                failures.append(f"{path}: column heading «{text}»")
        raw = {value for cell in CELL.findall(html) for value in RAW_VALUE.findall(unescape(TAG.sub(" ", cell)))}
        failures += [f"{path}: a cell says «{value}»" for value in sorted(raw)]
        hrefs = [unescape(href) for href in HREF.findall(html)] + _menu_urls(html)
        for href in hrefs:
            target = urlsplit(urljoin(path, href))
            if target.netloc or not target.path.startswith("/admin/") or NOT_SCREENS.search(target.path):
                continue
            queue.append(target.path)
    return visited, failures


def test_every_admin_screen_each_role_is_shown_opens(client, demo_with_queue, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.ru", "unused-password-1")
    client.raise_request_exception = False  # list every failing screen, not the first
    page_edits = _page_edit_urls()
    problems = []
    for username in ("admin", "demo-editor", "demo-head", "demo-officer"):
        client.force_login(django_user_model.objects.get(username=username))
        # Every page type's edit screen once, as the superuser; the roles see the same forms with fewer rights.
        visited, failures = _crawl(client, ["/admin/", *page_edits] if username == "admin" else ["/admin/"])
        problems += [f"{username}: {failure}" for failure in failures]
        if visited <= 10:
            problems.append(f"{username} reached only {visited} admin screens: the crawl stopped at the dashboard")
        client.logout()

    assert not problems, "\n".join(problems)
