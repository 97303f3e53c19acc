"""A file chosen on an action form survives the form coming back with an error.

Found from outside: the officer attached the signed answer, forgot the result,
got the form back with the text kept and the file input empty (browsers never
fill it again); the next «Записать ответ» e-mailed the applicant the text
without the file, and nothing said so. Every action form with a file field is
checked here (found from the views, not listed by hand).
"""

import re

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from appeals_form.admin_views import actions, kept_files
from appeals_form.admin_views.access import detail_url
from appeals_form.models import Appeal
from tests.appeals.queue_helpers import APPEALS, appeal_in, make_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# What each form needs besides its file to be sent successfully.
VALID = {actions.AnswerView: {"result": "explained", "text": "Лампы заменены."}}


def _views_with_files():
    views = [
        view for view in vars(actions).values() if isinstance(view, type) and issubclass(view, actions.AppealActionView)
    ]
    found = [
        view
        for view in views
        if getattr(view, "form_class", None)
        and any(isinstance(field, forms.FileField) for field in view.form_class.base_fields.values())
    ]
    assert found, "no action form has a file field any more: drop this test"
    return found


@pytest.fixture
def staff(client):
    officer = make_user("kept-officer", APPEALS)
    client.force_login(officer)
    return client, officer


def _url(view, appeal) -> str:
    return f"{detail_url(appeal)}{view.action.value.replace('_', '-')}/"


def _hidden(response) -> dict:
    page = BeautifulSoup(response.content, "html.parser")
    return {field["name"]: field.get("value", "") for field in page.select("form input[type=hidden]")}


@pytest.mark.parametrize("view", _views_with_files(), ids=lambda view: view.__name__)
def test_a_file_chosen_before_an_error_is_kept_and_sent(staff, view):
    client, officer = staff
    appeal = appeal_in(Appeal.Status.IN_WORK, executor=officer)
    valid = VALID[view]
    file_field = next(name for name, f in view.form_class.base_fields.items() if isinstance(f, forms.FileField))
    # Everything but the first required field: the form comes back with an error.
    first_required = next(iter(valid))
    partial = {key: value for key, value in valid.items() if key != first_required}
    upload = SimpleUploadedFile("ответ на обращение.pdf", PDF, "application/pdf")
    response = client.post(_url(view, appeal), {**partial, file_field: upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ответ на обращение.pdf" in html and "выбирать его снова не нужно" in html
    kept = _hidden(response)
    assert kept.get("kept_file")
    # Sent again as the officer would: the error corrected, the file not chosen again.
    response = client.post(_url(view, appeal), {**valid, **kept})
    assert response.status_code == 302, re.sub(r"\s+", " ", response.content.decode())[:2000]
    appeal.refresh_from_db()
    assert appeal.answer_file_name == "ответ на обращение.pdf"
    with appeal.answer_file.open("rb") as handle:
        assert handle.read() == PDF
    # The staged copy is gone once the answer holds its own.
    assert kept_files.kept(kept["kept_file"], appeal_id=appeal.pk) is None


def test_a_kept_file_token_names_only_its_own_appeal(staff):
    client, officer = staff
    appeal = appeal_in(Appeal.Status.IN_WORK, executor=officer)
    other = appeal_in(Appeal.Status.IN_WORK, executor=officer)
    upload = SimpleUploadedFile("ответ.pdf", PDF, "application/pdf")
    response = client.post(_url(actions.AnswerView, appeal), {"text": "Ответ.", "file": upload})
    token = _hidden(response)["kept_file"]
    response = client.post(_url(actions.AnswerView, other), {"result": "explained", "text": "", "kept_file": token})
    assert response.status_code == 200
    assert "Введите текст ответа или приложите файл ответа." in response.content.decode()
    response = client.post(
        _url(actions.AnswerView, other), {"result": "explained", "text": "x", "kept_file": token + "x"}
    )
    other.refresh_from_db()
    assert not other.answer_file_name


def test_a_refused_file_is_named_at_once_beside_the_other_error(staff):
    client, officer = staff
    appeal = appeal_in(Appeal.Status.IN_WORK, executor=officer)
    upload = SimpleUploadedFile("ответ.exe", b"MZ\x90\x00" + b"\x00" * 100, "application/octet-stream")
    response = client.post(_url(actions.AnswerView, appeal), {"text": "Ответ.", "file": upload})
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find(id="id_file_error")
    assert not _hidden(response).get("kept_file")
