"""Editors manage acts in the Russian admin: tabs, validation messages, the flat listing."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from regulations.factories import RegulationPageFactory
from regulations.models import RegulationPage

pytestmark = pytest.mark.django_db
EDITORS = "Редакторы"


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user(username="editor", password="pass-12345-word")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def form_data(**overrides) -> dict:
    data = {
        "title": "О рассмотрении обращений граждан",
        "slug": "o-rassmotrenii",
        "kind": "resolution",
        "issuer_in_name": "администрации городского округа Энск",
        "number": "№ 12-ПА",
        "date": "2024-03-01",
        "issuing_body": "Администрация городского округа Энск",
        "status": "in_force",
        "in_force_from": "",
        "replaced_by": "",
        "document": "",
        "body-count": "0",
        "amendments-TOTAL_FORMS": "0",
        "amendments-INITIAL_FORMS": "0",
        "amendments-MIN_NUM_FORMS": "0",
        "amendments-MAX_NUM_FORMS": "1000",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "1000",
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return data


def add_url(index) -> str:
    return f"/admin/pages/add/regulations/regulationpage/{index.pk}/"


def test_add_form_has_russian_tabs(client, editor, index):
    response = client.get(add_url(index))
    assert response.status_code == 200
    html = response.content.decode()
    for tab in ("Документ", "Текст и файл", "Изменения и связи", "Действие документа", "Орган в наименовании"):
        assert tab in html, tab


def test_saving_without_file_or_text_is_refused_with_a_message(client, editor, index):
    response = client.post(add_url(index), form_data())
    assert response.status_code == 200
    assert "Прикрепите официальный файл документа или заполните его текст" in response.content.decode()
    assert not RegulationPage.objects.exists()


def test_saving_with_a_text_creates_a_tidy_draft(client, editor, index):
    data = form_data(
        **{
            "body-count": "1",
            "body-0-type": "paragraph",
            "body-0-value": '{"blocks":[{"key":"a","text":"Текст постановления.","type":"unstyled","depth":0,'
            '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "",
        }
    )
    response = client.post(add_url(index), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    act = RegulationPage.objects.get()
    assert act.number == "12-ПА"
    assert act.get_latest_revision_as_object().full_name.startswith(
        "Постановление администрации городского округа Энск от 01.03.2024 № 12-ПА"
    )


def test_replaced_act_still_in_force_is_refused(client, editor, index):
    newer = RegulationPageFactory(parent=index, date=date(2025, 1, 1))
    old = RegulationPageFactory(parent=index, date=date(2020, 1, 1))
    response = client.get(f"/admin/pages/{old.pk}/edit/")
    assert response.status_code == 200
    # The edit form posts the whole page; reuse what it rendered.
    data = form_data(
        slug=old.slug,
        title=old.title,
        date="2020-01-01",
        replaced_by=str(newer.pk),
        **{
            "body-count": "1",
            "body-0-type": "paragraph",
            "body-0-value": '{"blocks":[{"key":"a","text":"Текст.","type":"unstyled","depth":0,'
            '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "",
        },
    )
    response = client.post(f"/admin/pages/{old.pk}/edit/", data)
    assert "выберите статус «Утратил силу»" in response.content.decode()
    old.refresh_from_db()
    assert old.replaced_by_id is None


def test_flat_listing_with_details_and_filters(client, editor, index, law_59):
    response = client.get("/admin/regulations/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Нормативные документы" in html
    assert "59-ФЗ" in html and "Федеральный закон" in html
    response = client.get("/admin/regulations/", {"kind": "resolution"})
    assert "59-ФЗ" not in response.content.decode()
