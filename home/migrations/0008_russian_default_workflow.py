"""Wagtail's default workflow and its task in Russian.

Wagtail's migration 0048 names them after the groups with publishing rights plus « approval»: «Moderators
approval» was listed in «Процессы согласования» and «Задачи процессов» among the Russian ones. Only the
untouched English name is renamed (a name someone already changed is kept).
"""

from django.db import migrations

# The groups' name when 0048 ran: Wagtail's, or already ours (home 0002 renames «Moderators»).
ENGLISH = ("Moderators approval", "Модераторы approval")
RUSSIAN = "Согласование модераторами"


def rename(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name__in=ENGLISH).update(name=RUSSIAN)
    apps.get_model("wagtailcore", "Task").objects.filter(name__in=ENGLISH).update(name=RUSSIAN)


def rename_back(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=RUSSIAN).update(name=ENGLISH[0])
    apps.get_model("wagtailcore", "Task").objects.filter(name=RUSSIAN).update(name=ENGLISH[0])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_search_index_state"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
