"""A resumable task a killed worker left RUNNING is run again (home/taskrecovery.py).

Found from outside: the task worker was killed (SIGKILL) while it sent the e-mail with the answer to
an appeal (the mail server slow to answer); the task stayed RUNNING for good, the history showed no
notice and no failure, the officer had been told «Заявителю направлено письмо», and the applicant never
got the answer. Every task that e-mails a resident is checked to be resumable (found from the apps'
task modules, not listed by hand).
"""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone
from django.utils.module_loading import import_string, module_has_submodule
from django_tasks.base import Task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from appeals_form.models import Appeal, AppealEvent
from home import taskrecovery
from tests.appeals.queue_helpers import appeal_in

pytestmark = pytest.mark.django_db

# Tasks that send e-mail and are rightly not run again after a lost worker.
NOT_RESUMABLE = {
    # A 6-digit code valid for 10 minutes: a quarter of an hour later it would help nobody.
    "identity.tasks.send_email_code": "the code has expired",
    # Staff's daily digest: the next working day's lists the same appeals.
    "appeals_form.tasks.send_due_digest": "the next digest lists the same",
}


def _mail_tasks() -> list[str]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith(("appeals_form", "schedules", "identity", "forwarding", "home", "reports")):
            continue
        if not module_has_submodule(config.module, "tasks"):
            continue
        module = import_module(f"{config.name}.tasks")
        found += [
            f"{config.name}.tasks.{name}"
            for name, value in vars(module).items()
            if isinstance(value, Task) and name.startswith("send_")
        ]
    assert found
    return found


def test_every_task_that_emails_a_resident_is_resumable():
    resumable = set(taskrecovery.resumable_tasks())
    assert all(isinstance(import_string(path), Task) for path in resumable)
    missing = [path for path in _mail_tasks() if path not in resumable and path not in NOT_RESUMABLE]
    assert not missing, f"declare them in <app>/jobs.py RESUMABLE_TASKS (or say here why not): {missing}"


def _row(task_path: str, *, started_ago: timedelta, **kwargs) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        task_path=task_path,
        args_kwargs={"args": [], "kwargs": kwargs},
        backend_name="default",
        run_after=now - started_ago,
        started_at=now - started_ago,
        worker_ids=["killed-worker"],
        exception_class_path="",
        traceback="",
    )


def test_an_answer_left_half_sent_by_a_killed_worker_is_sent_and_recorded():
    appeal = appeal_in(Appeal.Status.ANSWERED, email="answer-lost@example.ru")
    lost = _row(
        "appeals_form.tasks.send_appeal_notice", started_ago=timedelta(hours=1), appeal_id=appeal.pk, notice="answered"
    )
    running = _row(
        "appeals_form.tasks.send_appeal_notice",
        started_ago=timedelta(seconds=30),
        appeal_id=appeal.pk,
        notice="answered",
    )
    other = _row("forwarding.tasks.deliver", started_ago=timedelta(hours=1), delivery_id=1)
    mail.outbox = []

    assert taskrecovery.requeue_abandoned() == 1
    assert [message.to for message in mail.outbox] == [["answer-lost@example.ru"]]
    assert appeal.events.filter(kind=AppealEvent.Kind.NOTIFIED, payload__template="answered").count() == 1
    lost.refresh_from_db()
    assert (lost.status, lost.exception_class_path) == (TaskResultStatus.FAILED, taskrecovery.WORKER_LOST)
    # Still within its time: its worker may be alive; not a resumable task: left to its own sweep.
    for row in (running, other):
        row.refresh_from_db()
        assert row.status == TaskResultStatus.RUNNING
    assert taskrecovery.requeue_abandoned() == 0  # once


def test_the_recovery_runs_periodically():
    from home import scheduler

    job = next(job for job in scheduler.jobs() if job.task_path == "home.tasks.requeue_abandoned_tasks")
    assert job.every is not None and job.every <= 600
