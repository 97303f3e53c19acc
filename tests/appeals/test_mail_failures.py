"""A mail server that refuses or is down: the applicant's address stays out of logs, the officers see it failed.

Found from outside (a loopback SMTP server answering 550): the worker's log and
the task queue's stored traceback carried the resident's address
(``SMTPRecipientsRefused: {'…@example.ru': …}``), and the card said nothing:
the officer had been told «Заявителю направлено письмо».
"""

import logging
import smtplib
import traceback

import pytest
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from appeals_form import tasks, workflow
from appeals_form.factories import AppealFactory
from appeals_form.models import Appeal, AppealEvent
from appeals_form.selectors import staff_history
from tests.appeals.queue_helpers import make_user

pytestmark = pytest.mark.django_db

ADDRESS = "zinovy.kvakshtein@example.ru"
FAILURE = {"error": None}


class FailingBackend(BaseEmailBackend):
    """The delivery backend behind the site's sender: raises the configured error."""

    def send_messages(self, email_messages):
        raise FAILURE["error"]


def refusals(address: str) -> list[Exception]:
    """What real servers raise, each quoting the address as servers do."""
    return [
        smtplib.SMTPRecipientsRefused({address: (550, f"5.1.1 <{address}>: Recipient address rejected".encode())}),
        smtplib.SMTPDataError(554, f"5.7.1 message to {address} rejected as spam".encode()),
        smtplib.SMTPResponseException(452, f"4.2.2 <{address}>: mailbox full".encode()),
        ConnectionRefusedError(111, "Connection refused"),
    ]


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = "home.mail.SiteSenderBackend"
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.FailingBackend"
    yield FAILURE
    FAILURE["error"] = None


@pytest.mark.parametrize("error", refusals(ADDRESS), ids=lambda error: type(error).__name__)
def test_any_mail_error_names_no_address_and_keeps_its_type_and_code(failing_mail, error):
    failing_mail["error"] = error
    with pytest.raises(type(error)) as raised:
        EmailMessage(subject="Тема", body="Текст", to=[ADDRESS]).send()
    shown = "".join(traceback.format_exception(raised.value))
    assert ADDRESS not in shown and "kvakshtein" not in shown
    assert getattr(raised.value, "smtp_code", None) == getattr(error, "smtp_code", None)


NOTICES = [
    "registered",
    "status_link",
    "redirected",
    "extended",
    "answered",
    "published_answer",
    "left_without_answer",
]


def send(appeal: Appeal, notice: str) -> None:
    if notice == "registered":
        tasks.send_registration_email.call(appeal_id=appeal.pk)
    elif notice == "status_link":
        tasks.send_status_link_email.call(appeal_id=appeal.pk)
    else:
        tasks.send_appeal_notice.call(appeal_id=appeal.pk, notice=notice)


def test_every_notice_to_the_applicant_is_covered():
    from appeals_form.emails import NOTICES as QUEUE_NOTICES

    assert set(NOTICES) == {"registered", "status_link", *QUEUE_NOTICES} == set(tasks.NOTICE_NOTES)


@pytest.mark.parametrize("notice", NOTICES)
@pytest.mark.parametrize("error", refusals(ADDRESS), ids=lambda error: type(error).__name__)
def test_a_notice_that_cannot_be_sent_is_noted_on_the_card_and_logged_without_the_address(
    failing_mail, caplog, notice, error
):
    failing_mail["error"] = error
    appeal = AppealFactory(email=ADDRESS, status=Appeal.Status.ANSWERED, answer_text="Ответ.")
    caplog.set_level(logging.INFO)
    send(appeal, notice)  # the tests' task backend cannot defer: no retry, the failure is final
    logged = "\n".join(caplog.text.splitlines())
    assert ADDRESS not in logged and "kvakshtein" not in logged
    assert not appeal.events.filter(kind=AppealEvent.Kind.NOTIFIED).exists()
    note = staff_history(appeal).get(kind=AppealEvent.Kind.NOTE)
    assert not note.public
    assert note.note.startswith("Письмо заявителю не отправлено (" + tasks.NOTICE_LABELS[notice])
    assert ADDRESS not in note.note


def test_the_officer_reads_the_failure_on_the_appeals_card(
    failing_mail, officer_client, django_capture_on_commit_callbacks
):
    failing_mail["error"] = refusals(ADDRESS)[0]
    officer = make_user("executor")
    appeal = AppealFactory(email=ADDRESS, status=Appeal.Status.IN_WORK, executor=officer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.record_answer(appeal=appeal, actor=officer, result=Appeal.Result.EXPLAINED, text="Разъяснено.")
    html = officer_client.get(f"/admin/appeals/{appeal.pk}/").content.decode()
    assert "Письмо заявителю не отправлено (ответ на обращение): почтовый сервер отклонил адрес или письмо" in html


def test_a_server_that_is_down_is_tried_again_later_then_given_up(failing_mail, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    failing_mail["error"] = ConnectionRefusedError(111, "Connection refused")
    appeal = AppealFactory(email=ADDRESS, status=Appeal.Status.ANSWERED, answer_text="Ответ.")
    backend = tasks.send_appeal_notice.get_backend()
    tasks.send_appeal_notice.call(appeal_id=appeal.pk, notice="answered")
    (retry,) = backend.results
    assert retry.kwargs == {"appeal_id": appeal.pk, "notice": "answered", "attempt": 2}
    assert retry.task.run_after is not None
    assert not appeal.events.filter(kind=AppealEvent.Kind.NOTE).exists()  # not yet given up
    last = len(tasks.NOTICE_RETRY_SECONDS) + 1
    tasks.send_appeal_notice.call(appeal_id=appeal.pk, notice="answered", attempt=last)
    assert len(backend.results) == 1
    assert "почтовый сервер недоступен" in appeal.events.get(kind=AppealEvent.Kind.NOTE).note


def test_a_refused_address_is_not_tried_again(failing_mail, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    failing_mail["error"] = refusals(ADDRESS)[0]
    appeal = AppealFactory(email=ADDRESS, status=Appeal.Status.ANSWERED, answer_text="Ответ.")
    tasks.send_appeal_notice.call(appeal_id=appeal.pk, notice="answered")
    assert tasks.send_appeal_notice.get_backend().results == []
    assert appeal.events.filter(kind=AppealEvent.Kind.NOTE).count() == 1
