"""«Согласование»: official publications are approved by the head of the department.

Wagtail's own workflows do the work: the editor saves a draft and submits it,
the head of the department (group «Руководители отдела», the reviewers of the
workflow's GroupApprovalTask) approves it, which publishes it, or sends it back
with a comment; Wagtail e-mails the reviewers on submission and the editor on
either outcome.

What this module adds:

- sections whose page type says ``requires_approval = True`` (the reports and
  the regulations indexes) get the «Согласование» workflow when they are
  created (and, on installations that already had them, by the migration
  home 0005); other sections publish directly;
- the rule that makes the workflow binding: on a page under a workflow, only
  those who may approve every task of it (and superusers) may publish directly.
  Everyone else's «Опубликовать» disappears, everywhere Wagtail asks
  ``permissions_for_user(...).can_publish()`` (the editor, bulk actions,
  reverting a revision, scheduling), and the editor offers «Отправить на
  согласование» instead. ``PortalPageMixin.permissions_for_user`` returns
  :class:`ApprovalPermissionTester` for every page type of the portal.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Page, PagePermissionTester, Workflow, WorkflowPage, WorkflowTask

WORKFLOW_NAME = "Согласование"
TASK_NAME = "Согласование руководителем отдела"
HEADS_GROUP = "Руководители отдела"


def may_publish_past(*, user, workflow: Workflow) -> bool:
    """Whether ``user`` could approve every approval task of ``workflow`` (so need not submit to it)."""
    if user.is_superuser:
        return True
    tasks = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow, active=True)
    return not tasks.exclude(groups__in=user.groups.all()).exists()


class ApprovalPermissionTester(PagePermissionTester):
    """Wagtail's tester, with direct publishing under a workflow kept for its reviewers."""

    def _past_workflow(self) -> bool:
        if not hasattr(self, "_past_workflow_cache"):
            workflow = self.page.get_workflow()
            self._past_workflow_cache = workflow is None or may_publish_past(user=self.user, workflow=workflow)
        return self._past_workflow_cache

    def can_publish(self):
        return super().can_publish() and self._past_workflow()

    def can_publish_subpage(self):
        # A page created under a section with a workflow is under it too.
        return super().can_publish_subpage() and self._past_workflow()


def held_for_approval(*, page: Page, user) -> bool:
    """Whether publishing ``page`` must go through its workflow because ``user`` may not approve it."""
    workflow = page.get_workflow()
    return workflow is not None and not may_publish_past(user=user, workflow=workflow)


def keep_as_draft(*, page: Page) -> None:
    """Take back the «live» that Wagtail gives a page created with «Опубликовать» before it is published.

    Wagtail's create view adds the page to the tree live and only then publishes its revision; a new report or
    regulations section gets its workflow on that first save, so the publication is refused and the page was
    left live on the site, unapproved, while the editor read «нет доступа» (home.wagtail_hooks).
    """
    Page.objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    page.live = False
    page.has_unpublished_changes = True


def default_workflow() -> Workflow | None:
    return Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()


@transaction.atomic
def ensure_default_workflow() -> Workflow:
    """The «Согласование» workflow with its one task for the heads' group (created if missing)."""
    heads, _ = Group.objects.get_or_create(name=HEADS_GROUP)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.add(heads)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def attach_to_section(page: Page) -> bool:
    """Put a new approval section under «Согласование» unless it already has a workflow of its own."""
    if WorkflowPage.objects.filter(page=page).exists():
        return False
    workflow = default_workflow() or ensure_default_workflow()
    WorkflowPage.objects.create(page=page, workflow=workflow)
    return True


def approval_sections():
    """Live and draft pages of every type that requires approval."""
    from wagtail.models import get_page_models

    models = [model for model in get_page_models() if getattr(model, "requires_approval", False)]
    return Page.objects.type(*models) if models else Page.objects.none()


def on_page_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw and getattr(type(instance), "requires_approval", False):
        attach_to_section(instance)
