"""Who may see and manage what: appeals are personal data, reference lists belong to the department."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from wagtail.search.index import class_is_indexed
from wagtail.snippets.models import get_snippet_models

from appeals_form.factories import AddresseeFactory, AppealFactory, TopicFactory
from appeals_form.models import (
    Addressee,
    Appeal,
    AppealCounter,
    AppealEvent,
    AppealFormPage,
    Attachment,
    CoAuthor,
    Topic,
)
from forwarding.models import OutboxMessage

EDITORS = "Редакторы"
APPEALS = "Отдел по работе с обращениями"
PERSONAL_MODELS = [Appeal, AppealCounter, AppealEvent, Attachment, CoAuthor, OutboxMessage]


def make_user(django_user_model, username, group):
    user = django_user_model.objects.create_user(username=username, password="pass-12345-word")
    user.groups.add(Group.objects.get(name=group))
    return user


def codenames(group_name):
    return set(
        Group.objects.get(name=group_name)
        .permissions.filter(content_type__app_label="appeals_form")
        .values_list("codename", flat=True)
    )


def test_appeals_group_gets_the_appeal_and_reference_permissions(db):
    granted = codenames(APPEALS)
    for model in ("addressee", "topic"):
        assert {f"add_{model}", f"change_{model}", f"delete_{model}", f"view_{model}"} <= granted
    assert {"add_appeal", "change_appeal", "view_appeal"} <= granted
    # Deleting appeals and exporting personal data are given to named people only.
    assert "delete_appeal" not in granted
    assert "export_personal_data" not in granted
    assert Permission.objects.filter(codename="export_personal_data", content_type__app_label="appeals_form").exists()


def test_editors_get_no_appeal_permissions(db):
    assert codenames(EDITORS) == set()


def test_appeal_models_are_never_public_or_indexed():
    snippets = set(get_snippet_models())
    for model in PERSONAL_MODELS:
        assert not class_is_indexed(model), model
        assert model not in snippets, model
        assert not admin.site.is_registered(model), model
    assert {Addressee, Topic} <= snippets


def test_form_page_indexes_only_its_public_text():
    from wagtail.models import Page

    own = {field.field_name for field in AppealFormPage.search_fields} - {f.field_name for f in Page.search_fields}
    assert own == {"intro"}


@pytest.mark.parametrize("model", ["addressee", "topic"])
def test_editors_cannot_open_the_reference_lists(client, django_user_model, model):
    AddresseeFactory(name="Управление образования")
    TopicFactory(title="Места в детских садах")
    client.force_login(make_user(django_user_model, "editor", EDITORS))
    for url in (f"/admin/snippets/appeals_form/{model}/", f"/admin/snippets/appeals_form/{model}/add/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/admin/snippets/appeals_form" not in response["Location"]
    # The admin menu (JSON in the page) has no entry for the reference lists.
    dashboard = client.get("/admin/").content.decode()
    assert '"name": "appeal-reference"' not in dashboard
    assert "/admin/snippets/appeals_form/" not in dashboard


def test_editors_cannot_change_a_topic(client, django_user_model):
    topic = TopicFactory(title="Места в детских садах")
    client.force_login(make_user(django_user_model, "editor", EDITORS))
    response = client.post(
        f"/admin/snippets/appeals_form/topic/edit/{topic.pk}/",
        {"title": "Взломано", "classifier_code": "0001.0001.0001.0001", "order": 1},
    )
    assert response.status_code in (302, 403)
    topic.refresh_from_db()
    assert topic.title == "Места в детских садах"


def test_appeals_department_manages_the_reference_lists(client, django_user_model):
    AddresseeFactory(name="Управление образования", kind="body")
    TopicFactory(title="Места в детских садах", classifier_code="0002.0013.0141.0429")
    TopicFactory(title="Вывоз мусора", classifier_code="0005.0005.0056.1156")
    client.force_login(make_user(django_user_model, "officer", APPEALS))

    dashboard = client.get("/admin/").content.decode()
    assert '"name": "appeal-reference"' in dashboard
    assert "/admin/snippets/appeals_form/topic/" in dashboard
    listing = client.get("/admin/snippets/appeals_form/addressee/")
    assert listing.status_code == 200
    assert "Управление образования" in listing.content.decode()

    by_section = client.get("/admin/snippets/appeals_form/topic/", {"section": "0002"}).content.decode()
    assert "Места в детских садах" in by_section and "Вывоз мусора" not in by_section
    searched = client.get("/admin/snippets/appeals_form/topic/", {"q": "мусор"}).content.decode()
    assert "Вывоз мусора" in searched and "Места в детских садах" not in searched

    response = client.post(
        "/admin/snippets/appeals_form/topic/add/",
        {"title": "Наружное освещение", "classifier_code": "0003.0009.0096.0676", "order": 5, "is_active": "on"},
    )
    assert response.status_code == 302
    assert Topic.objects.filter(title="Наружное освещение").exists()

    bad = client.post(
        "/admin/snippets/appeals_form/topic/add/",
        {"title": "Ошибка", "classifier_code": "5.5.56.1149", "order": 5},
    )
    assert bad.status_code == 200
    assert "0005.0005.0056.1149" in bad.content.decode()  # the error message shows the format
    assert not Topic.objects.filter(title="Ошибка").exists()


def test_appeals_are_not_in_the_snippet_admin(client, django_user_model):
    AppealFactory()
    for group in (EDITORS, APPEALS):
        client.force_login(make_user(django_user_model, f"user-{len(group)}", group))
        assert client.get("/admin/snippets/appeals_form/appeal/").status_code == 404


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("0005.0005.0056.1149", True),
        ("0001.0001.0003.0014", True),
        ("0006.0001.0001.0001", False),  # no such section
        ("0005.0005.0056", False),
        ("0005-0005-0056-1149", False),
        ("0005.0005.0056.11490", False),
    ],
)
def test_classifier_code_is_validated(db, code, ok):
    topic = Topic(title="Тема", classifier_code=code)
    if ok:
        topic.full_clean()
    else:
        with pytest.raises(ValidationError):
            topic.full_clean()


def test_topic_section_name():
    topic = Topic(title="ЖКУ", classifier_code="0005.0005.0056.1149")
    assert topic.section == "0005"
    assert topic.section_name == "Жилищно-коммунальная сфера"
    assert Topic(title="Дети", classifier_code="0002.0013.0141.0429").section_name == "Социальная сфера"
