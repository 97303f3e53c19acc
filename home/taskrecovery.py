"""Tasks a killed worker left half-run are run again: e-mails to residents are never lost that way.

django-tasks-db marks a task RUNNING when a worker takes it and never looks at
it again: a worker killed in the middle (SIGKILL, out of memory, a host's power)
left, for instance, the e-mail with the answer to an appeal RUNNING for good;
the officer had been told «Заявителю направлено письмо», the appeal's history
showed no notice and no failure, and the applicant never got the answer.

Each app names in its ``<app>/jobs.py`` the tasks that must not be lost this
way (``RESUMABLE_TASKS``: each safe to run twice, e.g. an e-mail); the periodic
job ``home.requeue_abandoned_tasks`` finds such a task still RUNNING
``TASKS_ABANDONED_AFTER_SECONDS`` after it started (far longer than any run of
it takes), marks it failed («worker lost») and enqueues it again with the same
arguments. A task that expires by itself (an identification code) is not
listed: sent again after a quarter of an hour it would help nobody.
"""

import logging
from datetime import datetime, timedelta
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string, module_has_submodule

logger = logging.getLogger(__name__)

JOBS_MODULE = "jobs"
WORKER_LOST = "home.taskrecovery.WorkerLost"


def resumable_tasks() -> list[str]:
    """Every installed app's ``<app>.jobs.RESUMABLE_TASKS`` (dotted paths of tasks)."""
    found: list[str] = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, JOBS_MODULE):
            module = import_module(f"{app_config.name}.{JOBS_MODULE}")
            found += list(getattr(module, "RESUMABLE_TASKS", ()))
    return found


def requeue_abandoned(*, now: datetime | None = None) -> int:
    """Enqueue again every resumable task left RUNNING by a worker that stopped; return how many."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASKS_ABANDONED_AFTER_SECONDS)
    requeued = 0
    with transaction.atomic():
        abandoned = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING, task_path__in=resumable_tasks(), started_at__lt=cutoff
        )
        for row in abandoned:
            task = import_string(row.task_path).using(queue_name=row.queue_name, priority=row.priority)
            again = task.enqueue(*row.args_kwargs.get("args", []), **row.args_kwargs.get("kwargs", {}))
            row.status = TaskResultStatus.FAILED
            row.finished_at = now
            row.exception_class_path = WORKER_LOST
            row.traceback = f"The worker stopped while running this task; enqueued again as {again.id}."
            row.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
            logger.warning("Task %s (%s): its worker stopped; enqueued again as %s", row.id, row.task_path, again.id)
            requeued += 1
    return requeued
