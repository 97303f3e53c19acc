"""The appeal's card in the admin, its file downloads and the action screens."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from appeals_form.factories import CoAuthorFactory
from appeals_form.models import Appeal, AppealEvent, Attachment
from identity.types import METHOD_OIDC
from tests.appeals.queue_helpers import APPEALS, appeal_in, department, make_user

pytestmark = pytest.mark.django_db

Status = Appeal.Status
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def officer():
    return make_user("officer", APPEALS, first_name="Ольга", last_name="Сотрудникова")


@pytest.fixture
def staff(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def appeal(officer):
    appeal = appeal_in(
        Status.IN_WORK,
        executor=officer,
        text="Прошу заменить лампы во дворе.",
        is_collective=True,
        identity_method=METHOD_OIDC,
        identity_issuer="https://id.example.ru",
        identity_subject="sub-777",
    )
    CoAuthorFactory(appeal=appeal, name="Соавторов Семён Семёнович")
    name = storages["private"].save("appeals/2026/detail-test.pdf", ContentFile(PDF))
    Attachment.objects.create(
        appeal=appeal,
        file=name,
        original_name="фото двора.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
    )
    return appeal


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_detail_shows_everything_the_officer_needs(staff, appeal):
    response = staff.get(f"/admin/appeals/{appeal.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("no-store") or "no-cache" in response["Cache-Control"]
    for text in (
        appeal.number,
        "Прошу заменить лампы во дворе.",
        "Соавторов Семён Семёнович",
        "фото двора.pdf",
        "Учётная запись (OpenID Connect)",
        "https://id.example.ru",
        "sub-777",
        f"{appeal.due_date:%d.%m.%Y}",
        "Ольга Сотрудникова",
    ):
        assert text in html, text
    # The full history: public and internal events, with who and whether the applicant sees it.
    rows = soup(response).select("table.appeal-queue__history tbody tr")
    kinds = [row.find_all("td")[1].get_text(strip=True) for row in rows]
    assert kinds == ["Обращение зарегистрировано", "Назначен исполнитель", "Обращение принято к рассмотрению"]
    visible = [row.find_all("td")[3].get_text(strip=True) for row in rows]
    assert visible == ["да", "нет", "да"]
    # The actions the status allows, and only those.
    actions = [a.get_text(strip=True) for a in soup(response).select(".appeal-queue__actions a")]
    assert actions == [
        "Назначить исполнителя",
        "Направить по компетенции",
        "Продлить срок рассмотрения",
        "Записать ответ",
        "Сообщить адрес опубликованного ответа",
        "Оставить без ответа",
    ]


def test_attachment_download_is_private_and_recorded(staff, appeal, officer):
    attachment = appeal.attachments.get()
    response = staff.get(f"/admin/appeals/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%D1%84%D0%BE%D1%82%D0%BE" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/pdf"
    event = appeal.events.get(kind=AppealEvent.Kind.DOWNLOADED)
    assert (event.actor, event.public, event.payload) == (
        officer,
        False,
        {"file": "attachment", "attachment_id": attachment.pk},
    )
    # It shows in the card's history.
    assert "вложение заявителя" in staff.get(f"/admin/appeals/{appeal.pk}/").content.decode()


def test_missing_file_is_not_found(staff, appeal):
    attachment = appeal.attachments.get()
    storages["private"].delete(attachment.file.name)
    assert staff.get(f"/admin/appeals/attachments/{attachment.pk}/").status_code == 404
    assert staff.get(f"/admin/appeals/{appeal.pk}/answer-file/").status_code == 404
    assert not appeal.events.filter(kind=AppealEvent.Kind.DOWNLOADED).exists()


def test_extend_through_the_admin_shows_the_new_deadline(staff, appeal, django_capture_on_commit_callbacks):
    from appeals_form.deadlines import extended_due_date, shift_to_working_day

    due = shift_to_working_day(timezone.localdate() + timedelta(days=5), direction="forward")
    new_due = extended_due_date(due, 30)  # on the calendar (holidays: tests/appeals/test_deadlines.py)
    Appeal.objects.filter(pk=appeal.pk).update(due_date=due)
    form = staff.get(f"/admin/appeals/{appeal.pk}/extend/")
    assert f"до {new_due:%d.%m.%Y}" in form.content.decode()  # the longest extension
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(f"/admin/appeals/{appeal.pk}/extend/", {"days": "30", "reason": "Запрос в министерство"})
    assert response.status_code == 302 and response["Location"] == f"/admin/appeals/{appeal.pk}/"
    page = staff.get(response["Location"]).content.decode()
    assert f"продлён до {new_due:%d.%m.%Y}" in page.replace("\xa0", " ")  # the success message (no-break spaces)
    assert f'до <time datetime="{new_due.isoformat()}">{new_due:%d.%m.%Y}</time> включительно' in page
    assert f"прежний срок — {due:%d.%m.%Y}" in page
    assert "Запрос в министерство" in page
    assert len(mail.outbox) == 1 and f"{new_due:%d.%m.%Y}" in mail.outbox[0].body
    # The second time the action is gone and refused with the reason.
    response = staff.get(f"/admin/appeals/{appeal.pk}/extend/", follow=True)
    assert "только один раз" in response.content.decode()


def test_an_overdue_appeal_is_not_offered_an_extension(staff, appeal):
    """Found from outside: an officer extended an overdue appeal and it left the overdue filter."""
    expired = timezone.localdate() - timedelta(days=3)
    Appeal.objects.filter(pk=appeal.pk).update(due_date=expired)
    card = staff.get(f"/admin/appeals/{appeal.pk}/").content.decode()
    assert f"/admin/appeals/{appeal.pk}/extend/" not in card
    response = staff.post(
        f"/admin/appeals/{appeal.pk}/extend/", {"days": "30", "reason": "Запрос в министерство"}, follow=True
    )
    assert f"Срок рассмотрения истёк {expired:%d.%m.%Y}" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.due_date == expired and not mail.outbox
    overdue = staff.get("/admin/appeals/?overdue=1").content.decode()
    assert appeal.number in overdue


def test_form_errors_are_tied_to_their_fields(staff, appeal):
    response = staff.post(f"/admin/appeals/{appeal.pk}/extend/", {"days": "45", "reason": ""})
    assert response.status_code == 200
    page = soup(response)
    days = page.find("input", {"name": "days"})
    assert "id_days_error" in days["aria-describedby"] and days["aria-invalid"] == "true"
    assert "не более чем на 30 дней" in page.find(id="id_days_error").get_text()
    assert page.find(id="id_reason_error")
    assert page.find("label", {"for": "id_reason"}).get_text(" ", strip=True).endswith("(обязательное поле)")
    assert page.select_one('[role="alert"]')
    assert not Appeal.objects.get(pk=appeal.pk).is_extended


def test_answer_with_a_file_through_the_admin(staff, appeal, django_capture_on_commit_callbacks):
    Appeal.objects.filter(pk=appeal.pk).update(due_date=timezone.localdate() - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            f"/admin/appeals/{appeal.pk}/answer/",
            {
                "result": "supported",
                "text": "Лампы заменены.",
                "site_visit": "on",
                "file": SimpleUploadedFile("ответ.pdf", PDF, "application/pdf"),
            },
            follow=True,
        )
    html = response.content.decode()
    assert "Ответ на обращение" in html and "записан" in html
    assert "с нарушением срока" in html  # flagged: after the due date
    appeal.refresh_from_db()
    assert (appeal.status, appeal.result, appeal.site_visit, appeal.answered_late) == (
        Status.ANSWERED,
        "supported",
        True,
        True,
    )
    download = staff.get(f"/admin/appeals/{appeal.pk}/answer-file/")
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert appeal.events.filter(kind=AppealEvent.Kind.DOWNLOADED, payload__file="answer").count() == 1


def test_answer_form_refuses_an_empty_answer(staff, appeal):
    response = staff.post(f"/admin/appeals/{appeal.pk}/answer/", {"result": "explained", "text": ""})
    assert response.status_code == 200
    assert "Введите текст ответа или приложите файл ответа." in response.content.decode()
    assert Appeal.objects.get(pk=appeal.pk).status == Status.IN_WORK


@pytest.mark.parametrize(
    ("status", "path", "message"),
    [
        (Status.REGISTERED, "answer", "Сначала назначьте исполнителя."),
        (Status.IN_WORK, "close", "Действие «Завершить рассмотрение» недоступно"),
        (Status.ANSWERED, "redirect", "обращение в статусе «Дан ответ»"),
        (Status.CLOSED, "assign", "обращение в статусе «Рассмотрение завершено»"),
    ],
)
def test_actions_not_allowed_are_refused_with_a_message(staff, status, path, message):
    appeal = appeal_in(status)
    before = Appeal.objects.values().get(pk=appeal.pk)
    response = staff.get(f"/admin/appeals/{appeal.pk}/{path}/", follow=True)
    assert message in response.content.decode().replace("\xa0", " ")  # the message, its no-break spaces as spaces
    post = staff.post(
        f"/admin/appeals/{appeal.pk}/{path}/",
        {
            "result": "explained",
            "text": "x",
            "body": "Орган",
            "redirected_on": timezone.localdate().isoformat(),
            "executor": "",
        },
        follow=True,
    )
    assert message in post.content.decode().replace("\xa0", " ")
    assert Appeal.objects.values().get(pk=appeal.pk) == before


def test_each_action_form_works(staff, officer, django_capture_on_commit_callbacks):
    housing = department()
    appeal = appeal_in(Status.REGISTERED)
    base = f"/admin/appeals/{appeal.pk}"
    steps = [
        ("assign", {"department": housing.pk, "executor": officer.pk}, Status.IN_WORK),
        (
            "redirect",
            {"body": "Министерство транспорта", "redirected_on": timezone.localdate().isoformat()},
            Status.REDIRECTED,
        ),
        ("close", {"note": "Снято с контроля"}, Status.CLOSED),
    ]
    for path, data, status in steps:
        assert staff.get(f"{base}/{path}/").status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            response = staff.post(f"{base}/{path}/", data)
        assert response.status_code == 302, (path, response.content.decode()[:2000])
        assert Appeal.objects.get(pk=appeal.pk).status == status

    other = appeal_in(Status.REGISTERED)
    response = staff.post(f"/admin/appeals/{other.pk}/no-answer/", {"reason": "unreadable"})
    assert response.status_code == 302
    assert Appeal.objects.get(pk=other.pk).status == Status.LEFT_WITHOUT_ANSWER


def test_the_no_answer_screen_offers_every_ground_with_the_terms_of_its_notices(staff):
    """Every ground of 59-ФЗ art. 11 but the anonymous one (this appeal names its author); the notices'
    terms as dates; ending the correspondence (part 5) without the earlier answers on record is refused
    beside the note, keeping the ground picked."""
    appeal = appeal_in(Status.REGISTERED)
    url = f"/admin/appeals/{appeal.pk}/no-answer/"
    page = BeautifulSoup(staff.get(url).content, "html.parser")
    offered = {radio["value"] for radio in page.select("input[name=reason]")}
    # The return of a complaint (art. 8 part 6) is offered to a complaint whose subject is recorded only.
    assert offered == set(Appeal.NoAnswerReason.values) - {Appeal.NoAnswerReason.ANONYMOUS} - set(
        Appeal.COMPLAINT_ONLY_NO_ANSWER_REASONS
    )
    from appeals_form.workflow.dates import unreadable_notice_deadline

    week = unreadable_notice_deadline(appeal.registered_at)
    assert f"в течение 7 дней со дня регистрации — до {week:%d.%m.%Y}" in page.get_text()
    assert f"по остальным — до {appeal.due_date:%d.%m.%Y}" in page.get_text()

    response = staff.post(url, {"reason": "repeated", "note": "  "})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    note = page.select_one("textarea[name=note]")
    described = " ".join(page.find(id=part).get_text() for part in note["aria-describedby"].split())
    assert "ч. 5 ст. 11" in described
    assert page.select_one("input[name=reason][value=repeated]").has_attr("checked")
    assert Appeal.objects.get(pk=appeal.pk).status == Status.REGISTERED


def test_assign_offers_only_department_officers(staff, appeal):
    make_user("editor", "Редакторы", first_name="Эдуард", last_name="Редакторов")
    make_user("colleague", APPEALS, first_name="Коллега", last_name="Отдела")
    html = staff.get(f"/admin/appeals/{appeal.pk}/assign/").content.decode()
    assert "Коллега Отдела" in html
    assert "Редакторов" not in html


def test_the_card_shows_values_as_people_write_them(staff, appeal):
    """Found from outside: the card showed «+79035551742» and «редакция 2026-11-01»."""
    Appeal.objects.filter(pk=appeal.pk).update(phone="+79035551742", consent_version="2026-11-01")
    html = staff.get(f"/admin/appeals/{appeal.pk}/").content.decode()
    assert "+7 903 555-17-42" in html and "+79035551742" not in html
    assert "редакция от\xa01\xa0ноября 2026\xa0года" in html and "2026-11-01" not in html
