"""The appeals department sees deliveries and may send a failed one again; editors get nothing."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPEALS = "Отдел по работе с обращениями"
EDITORS = "Редакторы"
CODENAMES = ["view_delivery", "resend_delivery", "view_deliveryattempt", "view_statusreport"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("forwarding")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="forwarding", codename__in=CODENAMES)
    appeals, _ = Group.objects.get_or_create(name=APPEALS)
    appeals.permissions.add(*permissions)
    for editors in Group.objects.filter(name=EDITORS):
        editors.permissions.remove(*Permission.objects.filter(content_type__app_label="forwarding"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="forwarding", codename__in=CODENAMES)
    for group in Group.objects.filter(name=APPEALS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("forwarding", "0001_initial"),
        ("home", "0002_create_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
