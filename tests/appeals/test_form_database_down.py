"""The database restarts while a resident sends the form: a clear «попробуйте ещё раз», nothing lost.

The fault run (bench/fault_forwarding.py, `make fault`) restarts a real
PostgreSQL under load; here the same failure is raised where the form meets
the database, so every step of the flow is covered on both databases.
"""

from unittest import mock

import pytest
from django.db import OperationalError

from appeals_form.models import Appeal
from tests.appeals.appeal_form_helpers import *  # noqa: F403
from tests.appeals.appeal_form_helpers import parse

pytestmark = pytest.mark.django_db

DOWN = OperationalError("server closed the connection unexpectedly")


def retry_form(response) -> dict[str, list[str]]:
    """The hidden fields of the 503 page's «Попробовать ещё раз» form."""
    form = parse(response).select_one("main form[method=post]")
    assert form is not None and form.find("button").get_text(strip=True) == "Попробовать ещё раз"
    fields: dict[str, list[str]] = {}
    for field in form.select("input[type=hidden]"):
        fields.setdefault(field["name"], []).append(field["value"])
    return fields


def test_sending_while_the_database_restarts_registers_nothing_and_one_click_sends_again(
    applicant, form_page, valid_post
):
    applicant.raise_request_exception = False
    data = valid_post()
    assert applicant.post(form_page.url, data).status_code == 303  # the check step

    with mock.patch("appeals_form.services.register_appeal", side_effect=DOWN):
        down = applicant.post(form_page.url, {"form_token": data["form_token"], "action": "send"})

    assert down.status_code == 503
    assert down["Retry-After"] and down["Cache-Control"] == "no-store, private"
    text = parse(down).get_text(" ")
    assert "попробуйте ещё раз" in text and "Введённые данные не потеряны" in text
    assert Appeal.objects.count() == 0
    again = retry_form(down)
    assert again["form_token"] == [data["form_token"]] and again["action"] == ["send"]

    sent = applicant.post(form_page.url, {name: values[0] for name, values in again.items()})
    assert sent.status_code == 303
    assert Appeal.objects.count() == 1
    # And a second click on the old page lands on the same appeal.
    assert (
        applicant.post(form_page.url, {name: values[0] for name, values in again.items()})["Location"]
        == (sent["Location"])
    )
    assert Appeal.objects.count() == 1


def test_what_was_typed_comes_back_in_the_retry_form(applicant, form_page, valid_post):
    applicant.raise_request_exception = False
    data = valid_post(text="Прошу отремонтировать освещение во дворе дома № 5 по улице Ёлочной.")

    with mock.patch("appeals_form.drafts.save", side_effect=DOWN):
        down = applicant.post(form_page.url, data)

    assert down.status_code == 503
    again = retry_form(down)
    assert again["text"] == [data["text"]] and again["surname"] == [data["surname"]]
    resent = applicant.post(form_page.url, {name: values[0] for name, values in again.items()})
    assert resent.status_code == 303  # on to the check step, nothing retyped


def test_passwords_are_never_echoed(client, db):
    from django.test import RequestFactory

    from home.views import database_unavailable

    request = RequestFactory().post("/identity/login/", {"username": "ivanov", "password": "секрет"})
    html = database_unavailable(request).content.decode()
    assert "ivanov" in html and "секрет" not in html


def test_other_server_errors_keep_the_general_page(rf):
    from home.views import server_error

    try:
        raise ValueError("bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
