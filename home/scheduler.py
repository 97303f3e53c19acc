"""A tiny periodic scheduler: enqueues django-tasks tasks when they are due.

Jobs are ``settings.PERIODIC_TASKS``, a dict of name -> job::

    PERIODIC_TASKS = {
        "forwarding.sweep": {"task": "forwarding.tasks.sweep", "every": 60},
        "appeals.digest": {"task": "appeals_form.tasks.send_due_digest", "at": "08:00"},
    }

``every`` is an interval in seconds (slots aligned to the Unix epoch); ``at``
is a daily time in ``TIME_ZONE`` (or the job's own ``"tz"``); ``kwargs`` are
passed to the task. ``manage.py run_scheduler`` calls ``run_due`` every
SCHEDULER_INTERVAL_SECONDS. Each run is claimed by inserting a row
(job, slot) with a unique constraint, in the same transaction as the enqueue
(the database task backend stores the task in the same database), so any
number of schedulers on any number of hosts enqueue each run exactly once. A
daily job missed while no scheduler ran is caught up later the same day.

The scheduler only enqueues; ``manage.py db_worker`` runs the tasks.
"""

import logging
import socket
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

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


def _parse(name: str, spec: dict) -> Job:
    if not isinstance(spec, dict) or not spec.get("task"):
        raise ImproperlyConfigured(f"PERIODIC_TASKS[{name!r}] needs a 'task' (dotted path).")
    every, at = spec.get("every"), spec.get("at")
    if (every is None) == (at is None):
        raise ImproperlyConfigured(f"PERIODIC_TASKS[{name!r}] needs exactly one of 'every' (seconds) or 'at' (HH:MM).")
    if every is not None and (not isinstance(every, int) or every <= 0):
        raise ImproperlyConfigured(f"PERIODIC_TASKS[{name!r}]['every'] must be a positive number of seconds.")
    parsed_at = None
    if at is not None:
        try:
            parsed_at = time.fromisoformat(at)
        except (TypeError, ValueError) as exc:
            raise ImproperlyConfigured(f"PERIODIC_TASKS[{name!r}]['at'] must be a time like '08:00'.") from exc
    return Job(
        name=name,
        task_path=spec["task"],
        every=every,
        at=parsed_at,
        tz=spec.get("tz", ""),
        kwargs=dict(spec.get("kwargs") or {}),
    )


def jobs() -> list[Job]:
    return [_parse(name, spec) for name, spec in getattr(settings, "PERIODIC_TASKS", {}).items()]


def host_name() -> str:
    return f"{socket.gethostname()}:{threading.current_thread().name}"[:128]


def run_due(*, now: datetime | None = None, host: str | None = None) -> list[str]:
    """Enqueue every job whose current slot has not been enqueued yet. Returns their names."""
    now = now or timezone.now()
    host = host or host_name()
    enqueued = []
    for job in jobs():
        slot = job.slot(now)
        if slot is None or ScheduledRun.objects.filter(job=job.name, slot=slot).exists():
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
