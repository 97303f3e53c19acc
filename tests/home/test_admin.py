"""The Wagtail admin speaks Russian to every group; groups come from a migration."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

EDITORS = "Редакторы"
APPEALS = "Отдел по работе с обращениями"


def make_user(username, group_name=None, **extra):
    user = get_user_model().objects.create_user(username=username, password="pass-12345-word", **extra)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def test_migration_creates_the_two_groups(db):
    editors = Group.objects.get(name=EDITORS)
    appeals = Group.objects.get(name=APPEALS)
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    assert access in editors.permissions.all()
    assert access in appeals.permissions.all()
    # Editors edit and publish pages, and manage images and documents.
    page_perms = set(editors.page_permissions.values_list("permission__codename", flat=True))
    assert {"add_page", "change_page", "publish_page"} <= page_perms
    collection_perms = set(editors.collection_permissions.values_list("permission__codename", flat=True))
    assert {"add_image", "choose_image", "add_document", "choose_document"} <= collection_perms
    # The appeals department does not edit pages.
    assert not appeals.page_permissions.exists()


@pytest.mark.parametrize(
    "kind",
    ["superuser", EDITORS, APPEALS],
)
def test_dashboard_renders_in_russian(client, db, kind):
    if kind == "superuser":
        user = get_user_model().objects.create_superuser(username="root", password="pass-12345-word")
    else:
        user = make_user("staff", kind)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="ru"' in html
    assert "Панель управления" in html
    assert "Пропустить главный контент" in html


def test_editor_reaches_pages_images_and_documents(client, db):
    client.force_login(make_user("editor", EDITORS))
    for url in ["/admin/pages/", "/admin/images/", "/admin/documents/"]:
        assert client.get(url).status_code == 200, url


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
