"""«Согласование»: the heads' group, the workflow and its approval task; reports and regulations under it.

The sections existing at this point (the reports and regulations indexes) are
put under the workflow once; sections created later get it from
home.approval.on_page_saved (page types with ``requires_approval``). The heads
of the department get the editors' rights plus their place as reviewers.
"""

from django.db import migrations

HEADS = "Руководители отдела"
EDITORS = "Редакторы"
WORKFLOW = "Согласование"
TASK = "Согласование руководителем отдела"
# A snapshot of the page types with requires_approval = True when this migration was written.
SECTION_TYPES = [("reports", "reportindexpage"), ("regulations", "regulationindexpage")]


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    heads, _ = Group.objects.get_or_create(name=HEADS)
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        heads.permissions.add(*editors.permissions.all())
        for permission in GroupPagePermission.objects.filter(group=editors):
            GroupPagePermission.objects.get_or_create(
                group=heads, page_id=permission.page_id, permission_id=permission.permission_id
            )
        for permission in GroupCollectionPermission.objects.filter(group=editors):
            GroupCollectionPermission.objects.get_or_create(
                group=heads, collection_id=permission.collection_id, permission_id=permission.permission_id
            )
    else:
        heads.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.add(heads)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    for app_label, model in SECTION_TYPES:
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is None:
            continue
        for page in Page.objects.filter(content_type=content_type):
            if not WorkflowPage.objects.filter(page=page).exists():
                WorkflowPage.objects.create(page=page, workflow=workflow)


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Group = apps.get_model("auth", "Group")
    Workflow.objects.filter(name=WORKFLOW).delete()
    GroupApprovalTask.objects.filter(name=TASK).delete()
    Group.objects.filter(name=HEADS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_scheduled_run"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
