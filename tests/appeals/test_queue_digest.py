"""The executors' daily digest: the task and the management command."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from appeals_form.models import Appeal
from appeals_form.tasks import send_due_digest
from appeals_form.workflow import dates
from tests.appeals.queue_helpers import APPEALS, appeal_in, make_user

pytestmark = pytest.mark.django_db

Status = Appeal.Status
SECRET_TEXT = "Личный текст, которого в письме быть не должно"


@pytest.fixture(autouse=True)
def working_day(monkeypatch):
    """The digest's «today»: the first working day from the real one (it rests on days off)."""
    from home.workdays import is_working_day

    day = timezone.localdate()
    while not is_working_day(day):
        day += timedelta(days=1)
    monkeypatch.setattr(dates, "today", lambda: day)
    return day


@pytest.fixture
def setup(working_day):
    today = working_day
    anna = make_user("anna", APPEALS, first_name="Анна", last_name="Исполнителева", email="anna@example.ru")
    boris = make_user("boris", APPEALS, first_name="Борис", last_name="Спокойный", email="boris@example.ru")
    common = {"text": SECRET_TEXT, "surname": "Заявителева"}
    appeals = {
        "overdue": appeal_in(Status.IN_WORK, executor=anna, due_date=today - timedelta(days=2), **common),
        "today": appeal_in(Status.IN_WORK, executor=anna, due_date=today, **common),
        "in_three": appeal_in(Status.IN_WORK, executor=anna, due_date=dates.add_working_days(today, 3), **common),
        "in_four": appeal_in(Status.IN_WORK, executor=anna, due_date=dates.add_working_days(today, 4), **common),
        "answered_late": appeal_in(Status.ANSWERED, executor=anna, due_date=today - timedelta(days=5), **common),
        "boris_far": appeal_in(Status.IN_WORK, executor=boris, due_date=today + timedelta(days=25), **common),
    }
    return anna, boris, appeals


def test_digest_goes_to_each_executor_with_their_due_appeals_only(setup):
    anna, boris, appeals = setup
    result = send_due_digest.enqueue()

    assert result.return_value == 1
    assert len(mail.outbox) == 1  # Boris has nothing due soon
    message = mail.outbox[0]
    assert message.to == ["anna@example.ru"]
    body = message.body
    for key in ("overdue", "today", "in_three"):
        appeal = appeals[key]
        assert appeal.number in body
        assert f"http://testserver/admin/appeals/{appeal.pk}/" in body
        assert f"{appeal.due_date:%d.%m.%Y}" in body
    for key in ("in_four", "answered_late", "boris_far"):
        assert appeals[key].number not in body
    assert body.index(appeals["overdue"].number) < body.index("Срок истекает")
    assert "просрочено 1" in message.subject
    # Numbers, dates and links only: no applicant, no text.
    assert SECRET_TEXT not in body and "Заявителева" not in body


def test_appeals_nobody_was_given_reach_every_member_of_the_department(setup):
    """An open appeal due soon or overdue with no executor was in nobody's digest: only the dashboard
    counted it. Every member of the department may assign one, so each is told, once."""
    anna, boris, appeals = setup
    today = dates.today()
    late = appeal_in(Status.REGISTERED, due_date=today - timedelta(days=1), text=SECRET_TEXT, surname="Заявителева")
    soon = appeal_in(Status.REGISTERED, due_date=dates.add_working_days(today, 1))
    inactive = make_user("vera", APPEALS, email="vera@example.ru", is_active=False)
    make_user("editor", group=None, email="editor@example.ru")  # not of the department

    assert send_due_digest.enqueue().return_value == 2
    messages = {message.to[0]: message for message in mail.outbox}
    assert sorted(messages) == ["anna@example.ru", "boris@example.ru"]
    assert inactive.email not in messages
    for message in messages.values():
        body = message.body
        part = body[body.index("Исполнитель не назначен (2)") :]
        assert f"№ {late.number}, срок истёк {late.due_date:%d.%m.%Y}" in part
        assert f"№ {soon.number}, срок до {soon.due_date:%d.%m.%Y}" in part
        assert "без исполнителя 2" in message.subject
        assert SECRET_TEXT not in body and "Заявителева" not in body
    boris_body = messages["boris@example.ru"].body
    assert boris_body.startswith("Здравствуйте") and "Обращения без исполнителя на" in boris_body
    assert appeals["overdue"].number not in boris_body  # Anna's own stay hers
    assert "Обращения, которые вам поручены" in messages["anna@example.ru"].body


def test_the_command_sends_the_same_digest(setup):
    out = io.StringIO()
    call_command("send_due_digest", stdout=out)
    assert "Отправлено писем исполнителям: 1" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["anna@example.ru"]]


def test_the_command_can_count_from_another_day(setup):
    anna, boris, appeals = setup
    later = appeals["boris_far"].due_date - timedelta(days=1)
    call_command("send_due_digest", date=later.isoformat(), stdout=io.StringIO())
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["anna@example.ru", "boris@example.ru"]


@pytest.mark.parametrize("shift", [0, 3, -2])
def test_the_digest_is_dated_the_day_its_lists_were_counted_for(setup, working_day, shift):
    """Found from outside: `--date 2026-12-07` on a Saturday listed Monday's deadlines under «на 05.12.2026»
    (the subject and the first line took the day it was sent, the lists the day asked)."""
    asked = working_day + timedelta(days=shift)
    real_today = timezone.localdate()
    call_command("send_due_digest", date=asked.isoformat(), stdout=io.StringIO())
    assert mail.outbox
    for message in mail.outbox:
        assert message.subject.endswith(f"— {asked:%d.%m.%Y}"), message.subject
        assert f" на {asked:%d.%m.%Y}." in message.body
        if asked != real_today:
            assert f"{real_today:%d.%m.%Y}" not in message.subject


def test_executors_without_an_address_or_inactive_are_skipped(setup):
    anna, boris, appeals = setup
    anna.email = ""
    anna.save()
    assert send_due_digest.enqueue().return_value == 0
    assert mail.outbox == []


def test_the_daily_digest_rests_on_days_off_and_an_asked_date_is_sent(setup, monkeypatch):
    """On New Year's Day nobody reads it: the daily run sends nothing, the next working day lists the same."""
    from datetime import date

    monkeypatch.setattr(dates, "today", lambda: date(2027, 1, 1))
    assert send_due_digest.enqueue().return_value == 0
    out = io.StringIO()
    call_command("send_due_digest", stdout=out)
    assert "нерабочий день" in out.getvalue() and mail.outbox == []
    call_command("send_due_digest", date="2027-01-01", stdout=io.StringIO())  # asked for: sent
    assert len(mail.outbox) == 2
    mail.outbox = []
    monkeypatch.setattr(dates, "today", lambda: date(2027, 1, 11))  # the first working day of 2027
    assert send_due_digest.enqueue().return_value == 2


def test_the_digest_is_scheduled_daily():
    from home import scheduler

    job = next(job for job in scheduler.jobs() if job.task_path == "appeals_form.tasks.send_due_digest")
    assert job.at is not None and job.every is None
