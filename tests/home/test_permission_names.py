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
