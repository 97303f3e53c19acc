"""Registration of an online appeal: number, deadline, attachments, history, outbox, e-mail."""

import re
import uuid
from datetime import UTC, date, datetime

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.db import DatabaseError

from appeals_form import services
from appeals_form.models import Appeal, AppealCounter, AppealEvent, Attachment
from appeals_form.models.appeal import hash_status_token
from appeals_form.services import AppealRejected, register_appeal
from appeals_form.signals import appeal_registered
from forwarding.models import OutboxMessage
from identity.types import Identity

# 2 February 2026, 10:00 in Moscow.
NOW = datetime(2026, 2, 2, 7, 0, tzinfo=UTC)


def test_registration_stores_the_appeal(register, submission_factory, co_authors, topic, addressee, identity_email):
    submission = submission_factory(co_authors=co_authors, kind="proposal")
    result = register(submission=submission, now=NOW)

    assert result.created is True
    appeal = Appeal.objects.get(pk=result.appeal.pk)
    assert appeal.number == "ОГ-2026-000001"
    assert (appeal.year, appeal.sequence) == (2026, 1)
    assert appeal.status == Appeal.Status.REGISTERED
    assert appeal.kind == Appeal.Kind.PROPOSAL
    assert appeal.received_at == NOW and appeal.registered_at == NOW
    assert appeal.due_date == date(2026, 3, 4)  # 2 February + 30 days, a Wednesday
    assert (appeal.surname, appeal.first_name, appeal.patronymic) == ("Иванова", "Мария", "Петровна")
    assert appeal.email == "ivanova@example.ru"
    assert appeal.postal_address.startswith("140000")
    assert appeal.addressee == addressee and appeal.topic == topic
    assert appeal.classifier_code == "0005.0005.0056.1149"
    assert appeal.text == submission.text
    assert appeal.is_collective is True
    assert [(c.name, c.email) for c in appeal.co_authors.all()] == [
        ("Сидоров Сидор Сидорович", "sidorov@example.ru"),
        ("Кузнецова Анна Ивановна", ""),
    ]
    assert appeal.identity_method == identity_email.method
    assert appeal.identity_verified_at == identity_email.verified_at
    assert appeal.consent_version == "2026-11-01"
    assert appeal.consent_given_at == submission.consent_given_at
    assert appeal.ip_address == "203.0.113.7"
    assert appeal.user_agent.startswith("Mozilla/5.0")


def test_the_status_token_is_not_stored(register):
    appeal = register(now=NOW).appeal
    token = appeal.status_token
    assert len(token) >= 43
    values = Appeal.objects.filter(pk=appeal.pk).values()[0]
    assert token not in {str(v) for v in values.values()}
    assert values["status_token_hash"] == hash_status_token(token)


def test_the_topic_code_is_copied_at_registration(register, topic):
    appeal = register(now=NOW).appeal
    topic.classifier_code = "0005.0005.0056.1153"
    topic.save()
    appeal.refresh_from_db()
    assert appeal.classifier_code == "0005.0005.0056.1149"


def test_long_user_agent_is_truncated(register, request_meta):
    meta = type(request_meta)(ip_address=None, user_agent="x" * 1000)
    appeal = register(meta=meta, now=NOW).appeal
    assert len(appeal.user_agent) == 255
    assert appeal.ip_address is None


def test_numbers_are_sequential_within_a_year(register):
    numbers = [register(now=NOW).appeal.number for _ in range(3)]
    assert numbers == ["ОГ-2026-000001", "ОГ-2026-000002", "ОГ-2026-000003"]
    assert AppealCounter.objects.get(year=2026).last_sequence == 3


def test_numbering_restarts_in_a_new_moscow_year(register):
    register(now=NOW)
    register(now=NOW)
    # 31 December 2026 21:30 UTC is already 1 January 2027 in Moscow.
    appeal = register(now=datetime(2026, 12, 31, 21, 30, tzinfo=UTC)).appeal
    assert appeal.number == "ОГ-2027-000001"
    assert appeal.year == 2027
    assert AppealCounter.objects.get(year=2026).last_sequence == 2


def test_number_format_is_a_setting(register, settings):
    settings.APPEALS_NUMBER_FORMAT = "{seq}/{year}-ИП"
    assert register(now=NOW).appeal.number == "1/2026-ИП"


def test_due_date_is_moved_off_holidays(register, settings):
    settings.APPEALS_DEADLINE_SHIFT = "backward"
    # 9 April 2026 + 30 days = Saturday 9 May (Victory Day) -> Friday 8 May.
    appeal = register(now=datetime(2026, 4, 9, 9, 0, tzinfo=UTC)).appeal
    assert appeal.due_date == date(2026, 5, 8)


def test_registration_writes_a_public_event_and_an_outbox_message(register):
    appeal = register(now=NOW).appeal
    event = appeal.events.get(kind=AppealEvent.Kind.REGISTERED)
    assert event.public is True
    assert event.created_at == NOW

    message = OutboxMessage.objects.get(appeal=appeal)
    assert message.event == "appeal.registered"
    assert message.state == OutboxMessage.State.PENDING
    assert isinstance(message.idempotency_key, uuid.UUID)
    assert message.created_at == NOW
    # The outbox holds no copy of the appeal (the document is built from it at each attempt).
    values = " ".join(str(getattr(message, field.attname)) for field in OutboxMessage._meta.concrete_fields)
    assert appeal.email not in values and appeal.surname not in values and appeal.number not in values


def test_attachments_are_moved_from_staging(register, submission_factory, staged_file_factory, private_files):
    content = b"%PDF-1.4\nscan of the receipt\n%%EOF\n"
    staged = staged_file_factory(content=content, original_name="квитанция за январь.pdf")
    photo = staged_file_factory(content=b"\xff\xd8\xff photo", original_name="двор.jpeg", content_type="image/jpeg")
    before = private_files("appeals")

    appeal = register(submission=submission_factory(attachments=(staged, photo)), now=NOW).appeal

    storage = storages["private"]
    attachments = list(appeal.attachments.order_by("id"))
    assert [a.original_name for a in attachments] == ["квитанция за январь.pdf", "двор.jpeg"]
    first = attachments[0]
    assert re.fullmatch(r"appeals/2026/[0-9a-f]{32}\.pdf", first.file.name)
    assert attachments[1].file.name.endswith(".jpg")
    assert (first.content_type, first.size, first.sha256) == ("application/pdf", len(content), staged.sha256)
    with storage.open(first.file.name, "rb") as stored:
        assert stored.read() == content
    assert private_files("appeals") - before == {a.file.name for a in attachments}
    # After the commit the staging copies are gone.
    assert not storage.exists(staged.storage_name)
    assert not storage.exists(photo.storage_name)


# With a file the key is looked up first; without, the unique key refuses the second inside the transaction.
@pytest.mark.parametrize("files", [1, 0])
def test_the_same_key_twice_returns_the_same_appeal(files, register, submission_factory, staged_file_factory):
    submission = submission_factory(attachments=tuple(staged_file_factory() for _ in range(files)))
    first = register(submission=submission, idempotency_key="form-token-1", now=NOW)
    second = register(submission=submission, idempotency_key="form-token-1", now=NOW)

    assert first.created is True and second.created is False
    assert second.appeal.pk == first.appeal.pk
    assert Appeal.objects.count() == 1
    assert Attachment.objects.count() == files
    assert AppealCounter.objects.get(year=2026).last_sequence == 1
    assert len(mail.outbox) == 1


def test_a_replay_by_another_identity_is_refused(register, identity_email, submission_factory):
    register(idempotency_key="form-token-1", now=NOW)
    other = Identity(method=identity_email.method, verified_at=NOW, email="stranger@example.ru")
    with pytest.raises(AppealRejected) as excinfo:
        register(
            submission=submission_factory(email="stranger@example.ru"),
            identity=other,
            idempotency_key="form-token-1",
            now=NOW,
        )
    assert excinfo.value.code == "key_conflict"
    assert Appeal.objects.count() == 1


def test_reply_address_must_be_the_identified_one(register, submission_factory):
    with pytest.raises(AppealRejected) as excinfo:
        register(submission=submission_factory(email="other@example.ru"), now=NOW)
    assert excinfo.value.code == "email"
    assert "совпадать" in excinfo.value.message
    assert not Appeal.objects.exists()


def test_reply_address_must_be_in_a_national_zone(register, submission_factory):
    identity = Identity(method="email_code", verified_at=NOW, email="someone@example.com")
    with pytest.raises(AppealRejected) as excinfo:
        register(submission=submission_factory(email="someone@example.com"), identity=identity, now=NOW)
    assert excinfo.value.code == "email_zone"


def test_cyrillic_zone_is_accepted(register, submission_factory):
    identity = Identity(method="email_code", verified_at=NOW, email="info@администрация.рф")
    appeal = register(submission=submission_factory(email="info@администрация.рф"), identity=identity).appeal
    assert appeal.email == "info@администрация.рф"


def test_names_from_an_identity_provider_cannot_be_changed(register, submission_factory, identity_oidc):
    forged = submission_factory(email=identity_oidc.email, surname="Сидоров", first_name="Пётр", patronymic="Петрович")
    with pytest.raises(AppealRejected) as excinfo:
        register(submission=forged, identity=identity_oidc, now=NOW)
    assert excinfo.value.code == "names_locked"

    honest = submission_factory(email=identity_oidc.email, surname="Петров", first_name="Пётр", patronymic="Петрович")
    appeal = register(submission=honest, identity=identity_oidc, now=NOW).appeal
    assert (appeal.identity_method, appeal.identity_subject, appeal.identity_issuer) == (
        "oidc",
        "sub-12345",
        "https://id.example.ru",
    )


def test_inactive_addressee_is_refused(register, submission_factory, addressee):
    addressee.is_active = False
    addressee.save()
    with pytest.raises(AppealRejected) as excinfo:
        register(now=NOW)
    assert excinfo.value.code == "addressee"


def test_a_file_outside_the_staging_area_is_refused(register, submission_factory, staged_file_factory):
    staged = staged_file_factory()
    smuggled = type(staged)(**{**staged.__dict__, "storage_name": "appeals/2026/someone-elses.pdf"})
    with pytest.raises(AppealRejected):
        register(submission=submission_factory(attachments=(smuggled,)), now=NOW)
    assert not Appeal.objects.exists()


def test_a_changed_staged_file_is_refused(register, submission_factory, staged_file_factory, private_files):
    staged = staged_file_factory()
    changed = type(staged)(**{**staged.__dict__, "sha256": "0" * 64})
    before = private_files("appeals")
    with pytest.raises(AppealRejected) as excinfo:
        register(submission=submission_factory(attachments=(changed,)), now=NOW)
    assert excinfo.value.code == "file_changed"
    assert private_files("appeals") == before


def test_a_failed_attachment_copy_leaves_nothing(
    register, submission_factory, staged_file_factory, private_files, monkeypatch
):
    first, second = staged_file_factory(content=b"%PDF-1 a"), staged_file_factory(content=b"%PDF-1 b")
    storage = storages["private"]
    real_save = storage.save
    calls = []

    def failing_save(name, content, *args, **kwargs):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_save(name, content, *args, **kwargs)

    monkeypatch.setattr(storage, "save", failing_save)
    before = private_files("appeals")

    with pytest.raises(OSError):
        register(submission=submission_factory(attachments=(first, second)), now=NOW)

    assert not Appeal.objects.exists()
    assert not AppealCounter.objects.filter(year=2026, last_sequence__gt=0).exists()
    assert private_files("appeals") == before, "the first copy must be deleted again"
    # The resident can try again: the staged files are still there.
    assert storage.exists(first.storage_name) and storage.exists(second.storage_name)
    assert mail.outbox == []


def test_a_database_error_rolls_everything_back(
    register, submission_factory, staged_file_factory, private_files, monkeypatch
):
    register(now=NOW)  # ОГ-2026-000001
    staged = staged_file_factory()
    before = private_files("appeals")

    def broken_outbox(**kwargs):
        raise DatabaseError("connection lost")

    # The outbox message is written by forwarding's receiver inside the transaction.
    appeal_registered.connect(broken_outbox, dispatch_uid="tests.broken_outbox")
    try:
        with pytest.raises(DatabaseError):
            register(submission=submission_factory(attachments=(staged,)), now=NOW)
    finally:
        appeal_registered.disconnect(dispatch_uid="tests.broken_outbox")

    assert Appeal.objects.count() == 1
    assert AppealCounter.objects.get(year=2026).last_sequence == 1
    assert OutboxMessage.objects.count() == 1
    assert private_files("appeals") == before
    assert storages["private"].exists(staged.storage_name)
    assert len(mail.outbox) == 1  # only the first appeal's confirmation

    # No gap: the next appeal gets the next number.
    assert register(now=NOW).appeal.number == "ОГ-2026-000002"


def test_confirmation_email_has_number_dates_and_link_but_not_the_text(register, client, settings):
    settings.PORTAL_BASE_URL = "https://obrashcheniya.example.ru"
    appeal = register(now=NOW).appeal

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ivanova@example.ru"]
    assert appeal.number in message.subject
    assert appeal.number in message.body
    assert "02.02.2026" in message.body  # registration date
    assert "04.03.2026" in message.body  # due date
    link = f"https://obrashcheniya.example.ru/appeals/status/{appeal.status_token}/"
    assert link in message.body
    assert appeal.text not in message.body
    assert "фонари" not in message.body
    # The link opens the status page.
    assert client.get(link.removeprefix("https://obrashcheniya.example.ru")).status_code == 200
    # Sending is recorded in the internal history.
    assert appeal.events.filter(kind=AppealEvent.Kind.NOTIFIED, public=False).exists()


def test_nothing_is_sent_before_the_commit(
    submission_factory, identity_email, request_meta, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        register_appeal(
            submission=submission_factory(),
            identity=identity_email,
            idempotency_key="k-1",
            meta=request_meta,
            now=NOW,
        )
    assert mail.outbox == []
    assert callbacks, "the e-mail is enqueued on commit"


def test_status_link_helper_builds_an_absolute_url(register, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.ru/"
    appeal = register(now=NOW).appeal
    assert services.create_status_link(appeal) == f"https://portal.example.ru/appeals/status/{appeal.status_token}/"
    assert services.status_path(appeal) == f"/appeals/status/{appeal.status_token}/"


def test_record_event_helper(register, django_user_model):
    appeal = register(now=NOW).appeal
    officer = django_user_model.objects.create_user(username="officer", password="x-12345-pass")
    event = services.record_event(
        appeal=appeal,
        kind=AppealEvent.Kind.EXTENDED,
        actor=officer,
        payload={"due_date": date(2026, 4, 3), "reason": "Запрошены документы"},
    )
    assert event.public is True
    assert event.payload == {"due_date": "2026-04-03", "reason": "Запрошены документы"}
    note = services.record_event(appeal=appeal, kind=AppealEvent.Kind.NOTE, note="Позвонили заявителю")
    assert note.public is False
    with pytest.raises(ValueError):
        services.record_event(appeal=appeal, kind="teleported")


def test_demo_content_is_valid_and_idempotent(demo_site):
    from django.core.management import call_command

    from appeals_form import demo
    from appeals_form.models import Addressee, AppealFormPage, Topic

    page = AppealFormPage.objects.get()
    assert page.slug == "internet-priemnaya" and page.live
    assert page.get_parent().specific_class.__name__ == "HomePage"
    assert page.consent_version and "152-ФЗ" in page.consent_text
    assert Addressee.objects.filter(name="Глава городского округа", kind="official").exists()
    for topic in Topic.objects.all():
        topic.full_clean()
    assert {t.section for t in Topic.objects.all()} == {"0001", "0002", "0003", "0004", "0005"}
    assert Topic.objects.get(classifier_code="0005.0005.0056.1149").title == "Оплата ЖКУ, взносов в фонд капремонта"

    revisions = page.revisions.count()
    call_command("load_demo_content", verbosity=0)
    assert Addressee.objects.count() == len(demo.ADDRESSEES)
    assert Topic.objects.count() == len(demo.TOPICS)
    assert AppealFormPage.objects.count() == 1
    assert AppealFormPage.objects.get().revisions.count() == revisions
    assert not Appeal.objects.exists(), "demo content never creates personal data"


def test_an_addressee_deactivated_after_it_was_kept_is_refused(register, addressee, fragments_on):
    # Production keeps the reference lists per process (home.pagecache.fragments).
    register(now=NOW)  # the lists are kept now
    addressee.is_active = False
    addressee.save()
    with pytest.raises(AppealRejected) as excinfo:
        register(now=NOW)
    assert excinfo.value.code == "addressee"
    assert Appeal.objects.count() == 1
