"""A tiny periodic scheduler: enqueues django-tasks tasks when they are due.

One registry of jobs: each app declares its own in ``<app>/jobs.py``, a dict
``JOBS`` of name -> job (no settings module holds or mutates a shared list)::

    # forwarding/jobs.py
    JOBS = {
        "forwarding.sweep": {"task": "forwarding.tasks.sweep", "every": "FORWARDING_SWEEP_SECONDS"},
    }
    # appeals_form/jobs.py
    JOBS = {
        "appeals.due_digest": {"task": "appeals_form.tasks.send_due_digest", "at": "APPEALS_DIGEST_TIME"},
    }

``every`` is an interval in seconds (slots aligned to the Unix epoch); ``at``
is a daily time in ``TIME_ZONE`` (or the job's own ``"tz"``); either may name
a setting instead (UPPER_CASE), read when the jobs are listed; ``kwargs`` are
passed to the task. ``declared()`` collects every installed app's ``JOBS``;
a name declared twice is an error. ``manage.py run_scheduler`` calls ``run_due`` every
SCHEDULER_INTERVAL_SECONDS. Each run is claimed by inserting a row
(job, slot) with a unique constraint, in the same transaction as the enqueue
(the database task backend stores the task in the same database), so any
number of schedulers on any number of hosts enqueue each run exactly once. A
daily job missed while no scheduler ran is caught up later the same day.

The scheduler only enqueues; ``manage.py db_worker`` runs the tasks.
"""

import logging
import os
import re
import socket
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from importlib import import_module
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string, module_has_submodule

from home.models import ScheduledRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    task_path: str
    every: int | None = None
    at: time | None = None
    tz: str = ""
    kwargs: dict = field(default_factory=dict)

    def slot(self, now: datetime) -> datetime | None:
        """When the run that is due at ``now`` was due, or None when none is due yet."""
        if self.every:
            start = int(now.timestamp()) // self.every * self.every
            return datetime.fromtimestamp(start, tz=UTC)
        zone = ZoneInfo(self.tz or settings.TIME_ZONE)
        local = now.astimezone(zone)
        due = datetime.combine(local.date(), self.at, tzinfo=zone)
        return due if local >= due else None

    def task(self):
        return import_string(self.task_path)


JOBS_MODULE = "jobs"
_SETTING_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


def declared() -> dict[str, dict]:
    """Every installed app's ``<app>.jobs.JOBS``, merged (a name declared twice is an error)."""
    found: dict[str, dict] = {}
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, JOBS_MODULE):
            continue
        module = import_module(f"{app_config.name}.{JOBS_MODULE}")
        for name, spec in getattr(module, "JOBS", {}).items():
            if name in found:
                raise ImproperlyConfigured(f"Periodic job {name!r} is declared twice ({app_config.name}).")
            found[name] = spec
    return found


def _setting(value):
    """A value, or the setting it names ("FORWARDING_SWEEP_SECONDS")."""
    if isinstance(value, str) and _SETTING_NAME.match(value):
        return getattr(settings, value)
    return value


def _parse(name: str, spec: dict) -> Job:
    if not isinstance(spec, dict) or not spec.get("task"):
        raise ImproperlyConfigured(f"Periodic job {name!r} needs a 'task' (dotted path).")
    every, at = _setting(spec.get("every")), _setting(spec.get("at"))
    if (every is None) == (at is None):
        raise ImproperlyConfigured(f"Periodic job {name!r} needs exactly one of 'every' (seconds) or 'at' (HH:MM).")
    if every is not None and (not isinstance(every, int) or every <= 0):
        raise ImproperlyConfigured(f"Periodic job {name!r}: 'every' must be a positive number of seconds.")
    parsed_at = None
    if at is not None:
        try:
            parsed_at = time.fromisoformat(at)
        except (TypeError, ValueError) as exc:
            raise ImproperlyConfigured(f"Periodic job {name!r}: 'at' must be a time like '08:00'.") from exc
    return Job(
        name=name,
        task_path=spec["task"],
        every=every,
        at=parsed_at,
        tz=spec.get("tz", ""),
        kwargs=dict(spec.get("kwargs") or {}),
    )


def jobs() -> list[Job]:
    """The registered jobs, checked (ImproperlyConfigured when one is wrong)."""
    return [_parse(name, spec) for name, spec in declared().items()]


def host_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"[:128]


def run_due(*, now: datetime | None = None, host: str | None = None) -> list[str]:
    """Enqueue every job whose current slot has not been enqueued yet. Returns their names."""
    now = now or timezone.now()
    host = host or host_name()
    enqueued = []
    for job in jobs():
        slot = job.slot(now)
        if slot is None or ScheduledRun.objects.filter(job=job.name, slot=slot).exists():
            continue
        if _previous_run_waiting(job):
            # Workers are behind: one waiting run of a job is enough, a pile of them is not.
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, slot=slot, enqueued_at=now, host=host)
                result = job.task().enqueue(**job.kwargs)
                run.task_id = str(result.id)[:64]
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # another scheduler claimed this slot first
        logger.info("Scheduler: %s enqueued for %s", job.name, slot.isoformat())
        enqueued.append(job.name)
    return enqueued


def _previous_run_waiting(job: Job) -> bool:
    """Whether the job's last enqueued task has not started yet (when the backend can tell)."""
    from django_tasks import TaskResultStatus
    from django_tasks.exceptions import TaskResultDoesNotExist

    task_id = ScheduledRun.objects.filter(job=job.name).order_by("-slot").values_list("task_id", flat=True).first()
    if not task_id:
        return False
    backend = job.task().get_backend()
    if not backend.supports_get_result:
        return False
    try:
        return backend.get_result(task_id).status == TaskResultStatus.READY
    except TaskResultDoesNotExist:
        return False


def prune(*, now: datetime | None = None) -> int:
    """Forget runs older than SCHEDULER_KEEP_DAYS."""
    now = now or timezone.now()
    deleted, _ = ScheduledRun.objects.filter(slot__lt=now - timedelta(days=settings.SCHEDULER_KEEP_DAYS)).delete()
    return deleted


def run_forever(*, interval: float, stop: threading.Event) -> None:
    """Call ``run_due`` every ``interval`` seconds until ``stop`` is set."""
    for job in jobs():
        job.task()  # fail at start, not at the first slot, when a path is wrong
    last_prune = None
    while not stop.is_set():
        close_old_connections()
        try:
            run_due()
            if last_prune is None or timezone.now() - last_prune > timedelta(hours=1):
                prune()
                last_prune = timezone.now()
        except Exception:
            logger.exception("Scheduler: a round failed; trying again in %s s", interval)
        stop.wait(interval)
