"""Give the appeals department its permissions; editors get none of them.

- Addressees and topics (the reference lists of the online form): add, change,
  delete, view.
- Appeals: add, change, view. Deleting an appeal and exporting applicants'
  personal data are granted to named people by an administrator, not to the
  whole department.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPEALS = "Отдел по работе с обращениями"
EDITORS = "Редакторы"

GRANTS = {
    "addressee": ["add", "change", "delete", "view"],
    "topic": ["add", "change", "delete", "view"],
    "appeal": ["add", "change", "view"],
}


def _codenames():
    return [f"{action}_{model}" for model, actions in GRANTS.items() for action in actions]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("appeals_form")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="appeals_form", codename__in=_codenames())
    appeals, _ = Group.objects.get_or_create(name=APPEALS)
    appeals.permissions.add(*permissions)
    # Whatever happened before, editors never handle appeals.
    for editors in Group.objects.filter(name=EDITORS):
        editors.permissions.remove(*Permission.objects.filter(content_type__app_label="appeals_form"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="appeals_form", codename__in=_codenames())
    for group in Group.objects.filter(name=APPEALS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("appeals_form", "0001_initial"),
        ("home", "0002_create_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
