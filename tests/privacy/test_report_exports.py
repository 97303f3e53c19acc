"""Wagtail's reports and redirects export text as text, in CSV and XLSX (home/admin_exports.py).

An editor titles a page ``=HYPERLINK("http://…";"Открыть")`` (or a user's name, a
workflow's, a task's or a redirect's target starts with ``+``, ``-``, ``@``);
the head exports «История сайта» or «Рабочие процессы» and opens it in Excel:
every such cell ran as a formula. Each report of Wagtail's namespace is
exported in both formats; a report Wagtail adds is exported here too.
"""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowTask

from home.factories import StandardPageFactory
from home.spreadsheet_text import FORMULA_PREFIXES

pytestmark = pytest.mark.django_db

TITLE = '=HYPERLINK("http://evil.example/";"Открыть")'


def _report_urls() -> list[str]:
    names = get_resolver().namespace_dict["wagtailadmin_reports"][1].reverse_dict.keys()
    listings = sorted(name for name in names if isinstance(name, str) and not name.endswith("_results"))
    assert "site_history" in listings and "workflow" in listings
    return [reverse(f"wagtailadmin_reports:{name}") for name in listings] + [reverse("wagtailredirects:index")]


@pytest.fixture
def evil_content(db):
    user = get_user_model().objects.create_superuser(
        "head", "head@example.ru", "pass-12345-word", first_name="@SUM(1+1)*cmd", last_name="-2+3"
    )
    page = StandardPageFactory(title=TITLE)
    page.save_revision(user=user, log_action=True).publish(user=user)
    task = GroupApprovalTask.objects.create(name="+Проверка")
    task.groups.add(Group.objects.get_or_create(name="Руководители")[0])
    workflow = Workflow.objects.create(name="-Согласование", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    workflow.start(page, user)
    Page.objects.filter(pk=page.pk).update(locked=True, locked_by=user, locked_at=timezone.now())
    Redirect.objects.create(old_path="/staroe", redirect_link="=cmd|' /C calc'!A0")
    return user


def test_every_report_exports_typed_text_as_text(client, evil_content):
    client.force_login(evil_content)
    titled = 0
    for url in _report_urls():
        csv_response = client.get(url, {"export": "csv"})
        assert csv_response.status_code == 200, url
        body = b"".join(csv_response.streaming_content) if csv_response.streaming else csv_response.content
        cells = [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]
        assert not [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)], url
        titled += "'" + TITLE in cells

        xlsx_response = client.get(url, {"export": "xlsx"})
        assert xlsx_response.status_code == 200, url
        sheet = load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content))).active
        assert not [cell.value for row in sheet.iter_rows() for cell in row if cell.data_type == "f"], url
    assert titled == 5  # the page's title was in the exports (site history, locked, aging, workflow and its tasks)
