"""The appeals department sees the export log; editors never do."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPEALS = "Отдел по работе с обращениями"
EDITORS = "Редакторы"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("privacy")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(content_type__app_label="privacy", codename="view_personaldataexport")
    appeals, _ = Group.objects.get_or_create(name=APPEALS)
    appeals.permissions.add(*view)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.remove(*Permission.objects.filter(content_type__app_label="privacy"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=APPEALS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="privacy"))


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_export_log"),
        ("home", "0002_create_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
