"""Retention: appeals older than APPEALS_RETENTION_YEARS are anonymised; statistics stay."""

import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.utils import timezone

from appeals_form import selectors
from appeals_form.factories import CoAuthorFactory
from appeals_form.models import Appeal, AppealEvent, Attachment, CoAuthor
from appeals_form.workflow import retention
from tests.appeals.queue_helpers import appeal_in

pytestmark = pytest.mark.django_db

Status = Appeal.Status
PERSONAL = "Очень личные сведения Петрова"


def _old(status, *, years=6, **fields):
    registered_at = timezone.now() - timedelta(days=365 * years + 2)
    appeal = appeal_in(
        status,
        registered_at=registered_at,
        due_date=timezone.localdate(registered_at) + timedelta(days=30),
        surname="Петров",
        first_name="Пётр",
        patronymic="Петрович",
        email="petrov@example.ru",
        phone="+7 900 111-22-33",
        postal_address="г. Энск, ул. Лесная, д. 2",
        text=PERSONAL,
        identity_subject="sub-petrov",
        **fields,
    )
    return appeal


@pytest.fixture
def old_answered():
    storage = storages["private"]
    appeal = _old(Status.ANSWERED, is_collective=True)
    appeal.answer_text = f"Ответ: {PERSONAL}"
    appeal.answer_file = storage.save("answers/2020/old.pdf", ContentFile(b"%PDF-1.4 old"))
    appeal.answer_file_name = "ответ Петрову.pdf"
    appeal.extension_reason = "Запрос по Петрову"
    appeal.save()
    CoAuthorFactory(appeal=appeal, name="Петрова Анна")
    name = storage.save("appeals/2020/old-attachment.pdf", ContentFile(b"%PDF-1.4 attachment"))
    Attachment.objects.create(
        appeal=appeal,
        file=name,
        original_name="паспорт Петрова.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    AppealEvent.objects.create(
        appeal=appeal,
        kind=AppealEvent.Kind.EXTENDED,
        public=True,
        note="Петров просил продлить",
        payload={"due_date": "2020-03-01", "executor": "Сотрудник", "answer": PERSONAL},
    )
    return appeal


def run(**options) -> str:
    out = io.StringIO()
    call_command("anonymise_old_appeals", stdout=out, **options)
    return out.getvalue()


def test_old_appeals_are_anonymised_and_statistics_kept(old_answered, django_capture_on_commit_callbacks):
    appeal = old_answered
    attachment_name = appeal.attachments.get().file.name
    answer_name = appeal.answer_file.name
    kept_before = {
        field: getattr(appeal, field)
        for field in (
            "number",
            "registered_at",
            "received_at",
            "due_date",
            "status",
            "kind",
            "topic_id",
            "classifier_code",
            "addressee_id",
            "result",
            "identity_method",
            "is_collective",
        )
    }
    kinds_before = list(appeal.events.values_list("kind", "created_at"))
    old_token = appeal.status_token

    with django_capture_on_commit_callbacks(execute=True):
        output = run()

    appeal.refresh_from_db()
    assert "обезличено обращений: 1" in output
    assert {field: getattr(appeal, field) for field in kept_before} == kept_before
    assert (appeal.surname, appeal.first_name, appeal.patronymic) == ("обезличено", "обезличено", "")
    assert (appeal.email, appeal.phone, appeal.postal_address, appeal.text) == ("", "", "", "")
    assert (appeal.answer_text, appeal.answer_file.name, appeal.answer_file_name, appeal.extension_reason) == (
        "",
        "",
        "",
        "",
    )
    assert (appeal.identity_subject, appeal.ip_address, appeal.user_agent) == ("", None, "")
    assert appeal.anonymised_at is not None
    assert not CoAuthor.objects.filter(appeal=appeal).exists()
    assert not Attachment.objects.filter(appeal=appeal).exists()
    storage = storages["private"]
    assert not storage.exists(attachment_name) and not storage.exists(answer_name)
    # The history keeps its kinds and dates; personal notes and payload keys go.
    assert (
        list(appeal.events.exclude(kind=AppealEvent.Kind.ANONYMISED).values_list("kind", "created_at")) == kinds_before
    )
    extended = appeal.events.get(kind=AppealEvent.Kind.EXTENDED)
    assert extended.note == "" and extended.payload == {"due_date": "2020-03-01"}
    assert appeal.events.filter(kind=AppealEvent.Kind.ANONYMISED, public=False).count() == 1
    everything = str(list(Appeal.objects.filter(pk=appeal.pk).values())) + str(list(appeal.events.values()))
    assert "Петров" not in everything and PERSONAL not in everything
    # The old status link no longer opens anything.
    assert selectors.get_appeal_by_token(old_token) is None


def test_it_is_idempotent(old_answered, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run()
    snapshot = list(Appeal.objects.values()), list(AppealEvent.objects.values())
    output = run()
    assert "обезличено обращений: 0" in output
    assert (list(Appeal.objects.values()), list(AppealEvent.objects.values())) == snapshot


def test_dry_run_counts_and_changes_nothing(old_answered):
    snapshot = list(Appeal.objects.values())
    output = run(dry_run=True)
    assert "будет обезличено обращений: 1" in output
    assert "соавторов удалено: 1" in output
    assert "вложений удалено: 1" in output
    assert "файлов удалено: 2" in output
    assert "ничего не изменено" in output
    assert list(Appeal.objects.values()) == snapshot
    assert CoAuthor.objects.count() == 1


def test_recent_and_open_appeals_are_left_alone(old_answered):
    recent = _old(Status.CLOSED, years=4)
    still_open = _old(Status.IN_WORK, years=7)
    output = run()
    assert "обезличено обращений: 1" in output
    assert "пропущено обращений, которые ещё рассматриваются: 1" in output
    for appeal in (recent, still_open):
        appeal.refresh_from_db()
        assert appeal.surname == "Петров" and appeal.anonymised_at is None


def test_retention_years_come_from_settings(old_answered, settings):
    settings.APPEALS_RETENTION_YEARS = 10
    assert retention.retention_cutoff().year == timezone.localdate().year - 10
    assert "обезличено обращений: 0" in run()
    assert Appeal.objects.get(pk=old_answered.pk).surname == "Петров"
