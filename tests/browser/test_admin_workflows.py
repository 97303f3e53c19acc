"""Wagtail's screens of «Согласование» (Настройки → Рабочие процессы) with axe-core.

From outside, the workflows' listing had axe-core's «list» and «listitem» violations: Wagtail's cell of a
workflow's tasks put each <li> inside a link directly in the <ul>. The portal's copy of that cell
(templates/wagtailadmin/workflows/includes/) puts the link inside the item. The superuser opens the
listing (a workflow with its task, as every site has) and the tasks' listing; each must have no violation,
and a task's box is still the link to its edit screen.
"""

import os
import re

import pytest

from tests.browser.helpers import format_violations, run_axe, save_screenshot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

PASSWORD = "workflow-check-password-1"


@pytest.fixture
def superuser(site_pages):
    from django.contrib.auth import get_user_model
    from wagtail.models import Workflow

    assert Workflow.objects.filter(workflow_tasks__isnull=False).exists(), "no workflow with a task to list"
    get_user_model().objects.create_superuser("workflow.admin", "workflow.admin@example.ru", PASSWORD)
    return site_pages.base


def test_the_workflow_screens_have_no_axe_violations(superuser, context):
    page = context.new_page()
    page.goto(superuser + "/admin/login/")
    page.fill("input[name=username]", "workflow.admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("#wagtail-sidebar")).to_be_attached()

    page.goto(superuser + "/admin/workflows/list/")
    task = page.locator("ul.workflow-tasks > li.workflow-tasks__task > a").first
    expect(task).to_have_attribute("href", re.compile(r"/admin/workflows/tasks/edit/\d+/$"))
    save_screenshot(page, "admin-workflows")
    violations = run_axe(page)
    assert not violations, f"workflows:\n{format_violations(violations)}"

    page.goto(superuser + "/admin/workflows/tasks/index/")
    violations = run_axe(page)
    assert not violations, f"workflow tasks:\n{format_violations(violations)}"
