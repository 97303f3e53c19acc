"""Permissions of the schedules for the two staff groups.

- «Редакторы» (editors): the public content snippets — officials (with their
  rules and exceptions), places, event topics. Never sign-ups.
- «Отдел по работе с обращениями» (appeals department): the same content, and
  the sign-ups (personal data): view and change (cancel, staff note). Adding
  and deleting sign-ups is for nobody: residents sign up on the site, old
  sign-ups are deleted by the retention task.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPEALS = "Отдел по работе с обращениями"
EDITORS = "Редакторы"

CONTENT = {
    "official": ["add", "change", "delete", "view"],
    "place": ["add", "change", "delete", "view"],
    "eventtopic": ["add", "change", "delete", "view"],
}
SIGNUPS = {"signup": ["change", "view"], "receptionsession": ["view"]}


def _codenames(grants):
    return [f"{action}_{model}" for model, actions in grants.items() for action in actions]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("schedules")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content = Permission.objects.filter(content_type__app_label="schedules", codename__in=_codenames(CONTENT))
    signups = Permission.objects.filter(content_type__app_label="schedules", codename__in=_codenames(SIGNUPS))
    appeals, _ = Group.objects.get_or_create(name=APPEALS)
    appeals.permissions.add(*content, *signups)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*content)
    # Whatever happened before, editors never see sign-ups.
    editors.permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="schedules", content_type__model__in=["signup", "receptionsession"]
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="schedules", codename__in=_codenames(CONTENT) + _codenames(SIGNUPS)
    )
    for group in Group.objects.filter(name__in=[APPEALS, EDITORS]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("schedules", "0001_initial"),
        ("home", "0002_create_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
