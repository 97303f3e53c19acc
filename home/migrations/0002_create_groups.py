"""Create the two staff groups.

- «Редакторы» (editors): pages, images and documents; never appeals.
- «Отдел по работе с обращениями» (appeals department): admin access; the
  appeal queue adds its own permissions to this group in its migrations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Редакторы"
APPEALS = "Отдел по работе с обращениями"
MODERATORS = "Модераторы"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document", "delete_document"],
}


def ensure_permissions(apps):
    # Permissions are normally created after all migrations have run; we need
    # them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")

    # Wagtail's own migrations create "Editors" and "Moderators": rename them,
    # so that staff see one set of Russian group names.
    Group.objects.filter(name="Editors").exclude(name=EDITORS).update(name=EDITORS)
    Group.objects.filter(name="Moderators").update(name=MODERATORS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(admin_access)
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=editors, page=root_page, permission=permission)
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
                GroupCollectionPermission.objects.get_or_create(
                    group=editors, collection=root_collection, permission=permission
                )

    # Communications staff publish directly: drop the default moderation
    # workflow that Wagtail attaches to the root page.
    apps.get_model("wagtailcore", "WorkflowPage").objects.filter(page__depth=1).delete()

    appeals, _ = Group.objects.get_or_create(name=APPEALS)
    appeals.permissions.add(admin_access)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=APPEALS).delete()
    Group.objects.filter(name=EDITORS).update(name="Editors")
    Group.objects.filter(name=MODERATORS).update(name="Moderators")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
