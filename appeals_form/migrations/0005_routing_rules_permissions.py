"""The appeals department maintains the routing rules (add, change, delete, view)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPEALS = "Отдел по работе с обращениями"
CODENAMES = ["add_routingrule", "change_routingrule", "delete_routingrule", "view_routingrule"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("appeals_form")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    appeals, _ = Group.objects.get_or_create(name=APPEALS)
    appeals.permissions.add(*Permission.objects.filter(content_type__app_label="appeals_form", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=APPEALS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="appeals_form", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("appeals_form", "0004_routing_rules")]

    operations = [migrations.RunPython(grant, revoke)]
