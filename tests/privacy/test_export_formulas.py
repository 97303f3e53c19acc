"""No CSV that the admin exports can run a cell as a formula (CSV formula injection).

A resident types ``=HYPERLINK("http://…";"Открыть")`` as the question of a
reception sign-up; the officer exports the sign-ups and opens the CSV in Excel:
the cell was a live formula (Wagtail's listing export writes values as they
are). Every admin view that exports a spreadsheet is found on Django's
resolver, so a new snippet with ``list_export`` is covered without editing
this test.
"""

import csv
import io
import re

import pytest
from django.urls import resolve
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from home.spreadsheet_text import FORMULA_PREFIXES, FormulaSafeExportMixin
from schedules.factories import OfficialFactory, PlaceFactory, SignUpFactory
from tests.appeals.queue_helpers import APPEALS, make_user
from tests.privacy.test_admin_crawl import iter_patterns

pytestmark = pytest.mark.django_db

EXPORT = "appeals_form.export_personal_data"
EVIL = ['=HYPERLINK("http://evil.example/","Открыть")', "+7 916 111-22-33", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd"]


def _exporting_views() -> list[tuple[str, type]]:
    """Every view on the resolver that offers a spreadsheet export: ours, a viewset's ``list_export`` and Wagtail's
    own (reports, redirects), as (route, the class that answers the route)."""
    found = []
    for pattern in iter_patterns():
        view_class = getattr(pattern.view, "view_class", None)
        if not (isinstance(view_class, type) and issubclass(view_class, SpreadsheetExportMixin)):
            continue
        initkwargs = getattr(pattern.view, "view_initkwargs", None) or {}
        if initkwargs.get("list_export") or getattr(view_class, "list_export", None):
            found.append((pattern.route, _answering_class(pattern.route)))
    return found


def _answering_class(route: str) -> type:
    # The view that a request for this route reaches: a route shadowed by an earlier pattern is never served.
    path = "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: "1" if m.group(1) in ("int", None) else "x", route)
    return resolve(path).func.view_class


def _cells(response) -> list[str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]


def test_every_admin_view_that_exports_a_spreadsheet_defuses_formulas():
    views = _exporting_views()
    routes = [route for route, _ in views]
    assert any("signup" in route for route in routes)  # the resolver walk found the exports
    assert any("site-history" in route for route in routes) and any("redirects" in route for route in routes)
    unsafe = sorted(
        f"{route} ({view.__module__}.{view.__qualname__})"
        for route, view in views
        if not issubclass(view, FormulaSafeExportMixin)
    )
    assert unsafe == []


def test_a_sign_up_question_typed_as_a_formula_is_text_in_the_csv(client):
    SignUpFactory(question=EVIL[0], phone=EVIL[1], cancel_reason=EVIL[2], email="a@example.ru")
    SignUpFactory(question=EVIL[3])
    client.force_login(make_user("exporter", APPEALS, perms=[EXPORT]))
    response = client.get("/admin/snippets/schedules/signup/", {"export": "csv"})
    assert response.status_code == 200
    cells = _cells(response)
    for value in EVIL:
        assert "'" + value in cells  # kept whole, shown as typed
    assert not [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)]


def test_editors_text_in_the_schedule_snippets_exports_as_text(client, admin_user):
    OfficialFactory(position=EVIL[0], department=EVIL[3])
    PlaceFactory(directions=EVIL[2], map_url="", room=EVIL[1])
    client.force_login(admin_user)
    for url in ("/admin/snippets/schedules/official/", "/admin/snippets/schedules/place/"):
        response = client.get(url, {"export": "csv"})
        assert response.status_code == 200
        cells = _cells(response)
        assert not [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)], url
