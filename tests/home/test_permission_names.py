"""Every permission label on a group's screen (Настройки → Группы) reads in Russian.

From outside, the group form said «Can add group», «Can change user», «Can add Обращение»…: Django stores
a permission's name once, in English, and Wagtail shows it as the checkbox's label. ``home.permission_names``
writes the Russian names after every ``migrate``. Here the superuser opens each group's screen (and the new
group's) and every label, row heading and legend must have no word in Latin letters but Wagtail's name; a
permission that a new migration creates (deleted here, created again by ``migrate``) is named in Russian too.
"""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import Site

pytestmark = pytest.mark.django_db

LABELS = re.compile(r"<(label|h3|legend)\b[^>]*>(.*?)</\1>", re.S)
TAG = re.compile(r"<[^>]+>")
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
LATIN_ALLOWED = {"Wagtail", "API"}


def _english_labels(html: str) -> list[str]:
    labels = (" ".join(unescape(TAG.sub(" ", inner)).split()) for _, inner in LABELS.findall(html))
    return [text for text in labels if set(LATIN_WORD.findall(text)) - LATIN_ALLOWED]


def test_every_permission_label_on_the_group_screens_is_russian(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.ru", "unused-password-1"))
    Site.objects.update(site_name="Обращения граждан")  # the site permissions' rows are labelled with its name
    paths = ["/admin/groups/new/", *(f"/admin/groups/edit/{pk}/" for pk in Group.objects.values_list("pk", flat=True))]
    assert len(paths) > 2, "the migrations create the editors', moderators' and the department's groups"
    problems = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "Группа: добавление" in html, f"{path}: the add permission of groups is not among the labels"
        problems += [f"{path}: «{label}»" for label in _english_labels(html)]
    assert not problems, "\n".join(problems)


def test_a_permission_created_by_a_later_migrate_is_named_in_russian():
    Permission.objects.filter(codename="add_group").delete()
    Permission.objects.filter(codename="change_user").update(name="Can change user")

    call_command("migrate", verbosity=0)

    assert Permission.objects.get(codename="add_group").name == "Группа: добавление"
    assert Permission.objects.get(codename="change_user").name == "Пользователь: изменение"
    assert Permission.objects.get(codename="publish_page").name == "Опубликовать любую страницу"


def test_every_permission_in_the_database_is_named_in_russian():
    """Django's admin (/django-admin/, superusers) lists every permission by name, Wagtail's own models' too.

    Found from outside: «Locale: добавление», «Uploaded file: просмотр», «Page subscription: удаление»,
    «Dataset version: изменение» (a model of the portal's own without a verbose name), «Can choose image».
    """
    english = [
        f"{p.content_type.app_label}.{p.codename}: «{p.name}»"
        for p in Permission.objects.select_related("content_type")
        if set(LATIN_WORD.findall(p.name)) - LATIN_ALLOWED - {"SQLite"}
    ]
    assert not english, "\n".join(english)


def test_the_last_apps_permissions_are_created_and_named_too():
    # The names are written once, at the last app's post_migrate; that app's own permissions are created by the
    # portal's handler then (Django's own handler for it may come later).
    from django.apps import apps

    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    model = next(iter(last.get_models()))
    Permission.objects.filter(content_type__app_label=last.label).delete()

    call_command("migrate", verbosity=0)

    names = set(Permission.objects.filter(content_type__app_label=last.label).values_list("name", flat=True))
    assert f"{model._meta.verbose_name[:1].upper()}{model._meta.verbose_name[1:]}: добавление" in names
    assert not {name for name in names if set(LATIN_WORD.findall(name)) - LATIN_ALLOWED}


def test_naming_after_a_migrate_or_a_flush_writes_the_names_in_one_batch(django_assert_max_num_queries):
    # Sent after every migrate and after every transactional test's flush, app by app: naming the permissions
    # per app listed the tables 30 times and read them 200 times (0.35 s a flush on PostgreSQL).
    from django.core.management.sql import emit_post_migrate_signal

    from home import permission_names

    Permission.objects.update(name="Can do something")
    with django_assert_max_num_queries(1000) as captured:
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    ours = [q["sql"] for q in captured.captured_queries if "auth_permission" in q["sql"] and "UPDATE" in q["sql"]]
    # A few batches (SQLite's limit on a statement's parameters makes two of ~450 names), not one per app (30).
    assert len(ours) <= 3, f"the names are written in batched updates, not app by app ({len(ours)})"
    assert permission_names.rename_permissions([Permission], using="default") == 0, "and they are all written"
    assert not Permission.objects.filter(name="Can do something").exists()
