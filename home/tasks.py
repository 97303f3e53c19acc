"""Housekeeping tasks of the shared pieces, run by the periodic scheduler (home/jobs.py)."""

from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from home import ratelimit


@task()
def prune_ratelimits() -> int:
    """Hourly: delete the rate limiter's closed windows."""
    return ratelimit.prune()


@task()
def publish_scheduled() -> None:
    """Every minute: Wagtail publishes what reached its «go live» date and unpublishes what expired."""
    call_command("publish_scheduled", verbosity=0)


@task()
def requeue_abandoned_tasks() -> int:
    """Every five minutes: run again the e-mails (and other resumable tasks) a killed worker left half-run."""
    from home.taskrecovery import requeue_abandoned

    return requeue_abandoned()


@task()
def prune_task_results() -> int:
    """Hourly: delete finished rows of the database task queue older than TASKS_KEEP_DAYS.

    Finished means succeeded or failed, or started and never finished (its
    worker was killed) long ago. Waiting tasks are never deleted. Nothing to do
    with another task backend.
    """
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not any(isinstance(backend, DatabaseBackend) for backend in task_backends.all()):
        return 0
    cutoff = timezone.now() - timedelta(days=settings.TASKS_KEEP_DAYS)
    finished = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED], finished_at__lt=cutoff
    )
    deleted, _ = finished.delete()
    abandoned = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    deleted_abandoned, _ = abandoned.delete()
    return deleted + deleted_abandoned
