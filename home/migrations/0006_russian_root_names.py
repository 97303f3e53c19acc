"""The tree's root page and the root collection in Russian.

Wagtail creates them as «Root», and the admin shows that title to editors: the page explorer's heading and
breadcrumbs at «Страницы», the collection in choosers once there are more collections. Only the untouched
English names are renamed (a name someone already changed is kept).
"""

from django.db import migrations

ROOT_PAGE = "Все сайты"
ROOT_COLLECTION = "Все коллекции"


def rename(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title="Root").update(title=ROOT_PAGE, draft_title=ROOT_PAGE)
    Collection.objects.filter(depth=1, name="Root").update(name=ROOT_COLLECTION)


def rename_back(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title=ROOT_PAGE).update(title="Root", draft_title="Root")
    Collection.objects.filter(depth=1, name=ROOT_COLLECTION).update(name="Root")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_approval_workflow"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
