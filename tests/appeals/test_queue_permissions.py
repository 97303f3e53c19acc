"""Every admin URL of the queue: anonymous users and editors get nothing, the appeals group gets everything."""

import csv
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from openpyxl import load_workbook

from appeals_form.models import Appeal, AppealEvent, Attachment
from appeals_form.workflow import TRANSITIONS, Action
from privacy.models import PersonalDataExport
from tests.appeals.queue_helpers import APPEALS, EDITORS, appeal_in, make_user

pytestmark = pytest.mark.django_db

Status = Appeal.Status
SECRET_NAME = "Секретова"
SECRET_TEXT = "Совершенно личный текст обращения"
ACTION_PATHS = {
    Action.ASSIGN: "assign",
    Action.REDIRECT: "redirect",
    Action.EXTEND: "extend",
    Action.ANSWER: "answer",
    Action.LEAVE_WITHOUT_ANSWER: "no-answer",
    Action.PUBLISHED_ANSWER: "published-answer",
    Action.COMPLAINT_AGAINST: "complaint-against",
    Action.CLOSE: "close",
}


@pytest.fixture
def appeals():
    """A complaint in work (every action but "close" open) and an answered appeal with an answer file."""
    storage = storages["private"]
    in_work = appeal_in(
        Status.IN_WORK, kind=Appeal.Kind.COMPLAINT, surname=SECRET_NAME, text=SECRET_TEXT, email="sekretova@example.ru"
    )
    name = storage.save("appeals/2026/perm-test.pdf", ContentFile(b"%PDF-1.4 test"))
    attachment = Attachment.objects.create(
        appeal=in_work, file=name, original_name="паспорт.pdf", content_type="application/pdf", size=13, sha256="0" * 64
    )
    answered = appeal_in(Status.ANSWERED, surname=SECRET_NAME, text=SECRET_TEXT)
    answered.answer_file = storage.save("answers/2026/perm-test.pdf", ContentFile(b"%PDF-1.4 answer"))
    answered.answer_file_name = "ответ.pdf"
    answered.save()
    return {"in_work": in_work, "answered": answered, "attachment": attachment}


def queue_urls(appeals) -> list[str]:
    """Every GET URL of the queue."""
    in_work, answered = appeals["in_work"], appeals["answered"]
    urls = [
        "/admin/appeals/",
        "/admin/appeals/results/",
        "/admin/appeals/?export=csv",
        "/admin/appeals/?export=xlsx",
        "/admin/appeals/?overdue=1&export=csv",
        f"/admin/appeals/{in_work.pk}/",
        f"/admin/appeals/{answered.pk}/",
        f"/admin/appeals/attachments/{appeals['attachment'].pk}/",
        f"/admin/appeals/{answered.pk}/answer-file/",
    ]
    for action, slug in ACTION_PATHS.items():
        target = in_work if action in TRANSITIONS[Status.IN_WORK] else answered
        urls.append(f"/admin/appeals/{target.pk}/{slug}/")
    return urls


def test_the_url_list_covers_every_route_of_the_viewset(appeals):
    from django.urls import get_resolver

    names = {
        name
        for name, _ in get_resolver().namespace_dict["appeal_queue"][1].reverse_dict.items()
        if isinstance(name, str)
    }
    assert names == {
        "index",
        "index_results",
        "detail",
        "assign",
        "redirect",
        "extend",
        "answer",
        "no_answer",
        "published_answer",
        "complaint_against",
        "close",
        "answer_file",
        "attachment",
    }
    assert len(queue_urls(appeals)) == 9 + len(ACTION_PATHS)


def _assert_nothing_leaks(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", errors="replace")
    assert SECRET_NAME not in text
    assert SECRET_TEXT not in text
    assert "sekretova@example.ru" not in text
    assert b"%PDF" not in body


def test_anonymous_users_are_sent_to_the_login(client, appeals):
    for url in queue_urls(appeals):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url
        _assert_nothing_leaks(response)
    for slug in ACTION_PATHS.values():
        response = client.post(f"/admin/appeals/{appeals['in_work'].pk}/{slug}/", {"reason": "anonymous"})
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert Appeal.objects.get(pk=appeals["in_work"].pk).status == Status.IN_WORK


def test_editors_get_nothing(client, appeals):
    client.force_login(make_user("editor", EDITORS))
    for url in queue_urls(appeals):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] == "/admin/", url
        _assert_nothing_leaks(response)
    # Nor can they act.
    in_work = appeals["in_work"]
    response = client.post(f"/admin/appeals/{in_work.pk}/no-answer/", {"reason": "anonymous"})
    assert response.status_code in (302, 403)
    assert Appeal.objects.get(pk=in_work.pk).status == Status.IN_WORK
    # A missing appeal looks the same as an existing one.
    assert client.get("/admin/appeals/999999/").status_code == response.status_code
    # No menu item, no dashboard panel.
    home = client.get("/admin/").content.decode()
    assert "/admin/appeals/" not in home
    assert "appeal-queue-panel" not in home
    assert not AppealEvent.objects.filter(kind=AppealEvent.Kind.DOWNLOADED).exists()


def test_the_appeals_group_gets_everything(client, appeals):
    client.force_login(make_user("officer", APPEALS))
    for url in queue_urls(appeals):
        response = client.get(url)
        assert response.status_code == 200, url
    home = client.get("/admin/").content.decode()
    assert "appeal-queue-panel" in home
    assert 'href="/admin/appeals/"' in home


def test_superusers_get_everything(client, appeals, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.ru", "root-pass-12345"))
    for url in queue_urls(appeals):
        assert client.get(url).status_code == 200, url


def _csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_export_without_the_permission_has_no_personal_columns(client, appeals):
    client.force_login(make_user("officer", APPEALS))
    rows = _csv_rows(client.get("/admin/appeals/?export=csv"))
    header = rows[0]
    assert "Регистрационный номер" in header and "Результат (ССТУ.РФ)" in header
    for personal in (
        "Заявитель",
        "Адрес электронной почты",
        "Телефон",
        "Почтовый адрес",
        "Текст обращения",
        "Соавторы",
    ):
        assert personal not in header
    flat = " ".join(" ".join(row) for row in rows)
    assert SECRET_NAME not in flat and SECRET_TEXT not in flat

    workbook = load_workbook(io.BytesIO(client.get("/admin/appeals/?export=xlsx").getvalue()), read_only=True)
    sheet_rows = list(workbook.active.iter_rows(values_only=True))
    assert "Заявитель" not in sheet_rows[0]
    assert all(SECRET_NAME not in str(cell) for row in sheet_rows for cell in row)
    # Nothing personal left the system, so nothing is recorded as such.
    assert not PersonalDataExport.objects.exists()


def test_export_with_the_permission_has_personal_columns_and_is_recorded_once(client, appeals):
    exporter = make_user("exporter", APPEALS, perms=["appeals_form.export_personal_data"])
    client.force_login(exporter)
    rows = _csv_rows(client.get("/admin/appeals/?export=csv&status=in_work&status=answered"))
    header = rows[0]
    for personal in ("Заявитель", "Адрес электронной почты", "Телефон", "Почтовый адрес", "Текст обращения"):
        assert personal in header
    flat = " ".join(" ".join(row) for row in rows)
    assert SECRET_NAME in flat and SECRET_TEXT in flat

    # One record in the export log for the whole export (not one per appeal).
    record = PersonalDataExport.objects.get()
    assert (record.dataset, record.actor, record.export_format, record.rows) == ("appeals", exporter, "csv", 2)
    assert record.query == {"status": ["in_work", "answered"]}
    assert not AppealEvent.objects.filter(kind=AppealEvent.Kind.EXPORTED).exists()


def test_the_head_of_the_department_watches_the_queue_without_acting(client, appeals):
    """Found from outside: the head had no «Обращения» and no deadline counts at all."""
    client.force_login(make_user("head", "Руководители отдела"))
    home = client.get("/admin/").content.decode()
    assert "appeal-queue-panel" in home and "/admin/appeals/" in home
    in_work = appeals["in_work"]
    assert SECRET_NAME in client.get("/admin/appeals/").content.decode()
    card = client.get(f"/admin/appeals/{in_work.pk}/").content.decode()
    assert SECRET_TEXT in card
    for slug in ACTION_PATHS.values():
        assert f"/admin/appeals/{in_work.pk}/{slug}/" not in card
    response = client.post(f"/admin/appeals/{in_work.pk}/no-answer/", {"reason": "head"})
    assert response.status_code in (302, 403)
    assert Appeal.objects.get(pk=in_work.pk).status == Status.IN_WORK
    # Personal data leaves only with its own permission: the head's export has no names.
    export = client.get("/admin/appeals/?export=csv")
    body = b"".join(export.streaming_content).decode("utf-8-sig") if export.streaming else export.content.decode()
    assert SECRET_NAME not in body
