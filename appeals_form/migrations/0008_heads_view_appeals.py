"""The head of the department sees the queue, read-only: the deadlines they answer for.

Found from outside: the head («Руководители отдела», who approves reports) had no appeal
counts on the dashboard and no «Обращения» in the menu, so could not watch the deadlines.
Viewing only: assigning, answering and exporting personal data stay with the department.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

HEADS = "Руководители отдела"
CODENAMES = ["view_appeal"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("appeals_form")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="appeals_form", codename__in=CODENAMES)
    for heads in Group.objects.filter(name=HEADS):
        heads.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="appeals_form", codename__in=CODENAMES)
    for heads in Group.objects.filter(name=HEADS):
        heads.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("appeals_form", "0007_appeal_search_extra"),
        ("home", "0005_approval_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
