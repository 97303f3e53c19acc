"""Sign-ups behind the same rule as appeals: generic snippet views closed, exports permission-checked and logged.

Issue 13, items 1 and 2: an editor read sign-ups through Wagtail's chooser
and bulk-delete confirmation; an officer without «Может выгружать
персональные данные заявителей» exported them, and nothing was recorded.
"""

import csv
import io

import pytest
from django.urls import reverse

from appeals_form.factories import AppealFactory
from privacy.models import PersonalDataExport
from schedules.factories import SignUpFactory
from tests.appeals.queue_helpers import APPEALS, EDITORS, make_user

pytestmark = pytest.mark.django_db

EXPORT = "appeals_form.export_personal_data"
SIGNUPS = "/admin/snippets/schedules/signup/"


@pytest.fixture
def signup():
    return SignUpFactory(surname="Тайнова", phone="+7 916 111-22-33", question="Мой личный вопрос о пенсии")


def chooser_and_bulk_urls(signup) -> list[str]:
    choosers = "/admin/snippets/choose/schedules/signup/"
    return [
        choosers,
        f"{choosers}results/?q=Тайнова",
        f"{choosers}chosen/{signup.pk}/",
        f"{choosers}chosen-multiple/?id={signup.pk}",
        f"/admin/bulk/schedules/signup/delete/?id={signup.pk}",
        "/admin/bulk/schedules/signup/delete/?id=all",
    ]


@pytest.mark.parametrize("group", [EDITORS, None])
def test_editors_get_nothing_from_the_sign_up_chooser_and_bulk_views(client, signup, group):
    client.force_login(make_user("someone", group))
    for url in chooser_and_bulk_urls(signup):
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code in (302, 403), url
        assert "Тайнова" not in body and "111-22-33" not in body, url
    # The delete itself is refused too, and the sign-up stays.
    client.post(f"/admin/bulk/schedules/signup/delete/?id={signup.pk}")
    signup.refresh_from_db()  # still there


def test_the_department_still_uses_the_sign_up_chooser(client, signup):
    client.force_login(make_user("otdel", APPEALS))
    response = client.get("/admin/snippets/choose/schedules/signup/results/?q=Тайнова")
    assert response.status_code == 200 and "Тайнова" in response.content.decode()


def _csv(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_sign_up_export_needs_the_personal_data_permission(client, signup, export_format):
    client.force_login(make_user("officer", APPEALS))
    assert client.get(SIGNUPS).status_code == 200
    refused = client.get(SIGNUPS, {"export": export_format})
    assert refused.status_code in (302, 403)  # Wagtail turns the refusal into a redirect with a message
    assert refused.get("Content-Disposition") is None
    # No export button either.
    assert "export=csv" not in client.get(SIGNUPS).content.decode()
    assert not PersonalDataExport.objects.exists()


def test_a_sign_up_export_is_one_record_with_who_format_filter_and_rows(client, signup):
    SignUpFactory(surname="Другая")
    exporter = make_user("exporter", APPEALS, perms=[EXPORT])
    client.force_login(exporter)
    assert "export=csv" in client.get(SIGNUPS).content.decode()
    response = client.get(SIGNUPS, {"export": "csv", "q": "Тайнова", "status": "active"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(_csv(response))))
    assert len(rows) == 2 and "Тайнова" in rows[1]

    record = PersonalDataExport.objects.get()
    assert record.dataset == PersonalDataExport.Dataset.SIGNUPS
    assert (record.actor, record.actor_username, record.export_format, record.rows) == (exporter, "exporter", "csv", 1)
    assert record.query == {"q": ["Тайнова"], "status": ["active"]}
    assert record.created_at is not None


def test_an_appeal_export_of_many_rows_is_one_record(client):
    AppealFactory.create_batch(5, surname="Выгрузкина")
    client.force_login(make_user("exporter", APPEALS, perms=[EXPORT]))
    response = client.get("/admin/appeals/", {"export": "xlsx", "q": "Выгрузкина"})
    assert response.status_code == 200
    record = PersonalDataExport.objects.get()
    assert (record.dataset, record.export_format, record.rows) == ("appeals", "xlsx", 5)
    assert record.query == {"q": ["Выгрузкина"]}


def test_the_department_sees_the_export_log_and_editors_do_not(client, signup):
    exporter = make_user("exporter", APPEALS, perms=[EXPORT])
    client.force_login(exporter)
    client.get(SIGNUPS, {"export": "csv"})
    log_url = reverse("personal_data_exports:index")

    client.force_login(make_user("colleague", APPEALS))
    page = client.get(log_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "exporter" in html and "Записи на приём" in html and "csv" in html
    record = PersonalDataExport.objects.get()
    assert client.get(reverse("personal_data_exports:inspect", args=[record.pk])).status_code == 200

    client.force_login(make_user("editor", EDITORS))
    assert client.get(log_url).status_code in (302, 403)
    assert "Журнал выгрузок" not in client.get("/admin/").content.decode()


def test_the_export_log_is_read_only_even_for_superusers(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("personal_data_exports:index")).status_code == 200
    for name in ("add", "edit", "delete"):
        with pytest.raises(Exception):  # noqa: B017 - the URL does not exist at all
            reverse(f"personal_data_exports:{name}", args=[] if name == "add" else [1])
