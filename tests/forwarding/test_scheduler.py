"""The periodic scheduler: each job once per slot, on one host or several."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import OperationalError, connection
from django.utils import timezone

from home import scheduler
from home.models import ScheduledRun

MSK = ZoneInfo("Europe/Moscow")
JOB = "tests.forwarding.jobs.tick"


def finish_all() -> None:
    """What a worker does: run (here: mark done) every waiting task."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status="READY").update(status="SUCCESSFUL", finished_at=timezone.now())


def use_jobs(monkeypatch, jobs: dict) -> None:
    """Replace the registry (every app's jobs.py) with ``jobs`` for one test."""
    monkeypatch.setattr(scheduler, "declared", lambda: jobs)


@pytest.fixture
def db_tasks(settings):
    """The real database task backend, so that enqueued tasks can be counted."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def enqueued(label: str | None = None) -> int:
    from django_tasks_db.models import DBTaskResult

    tasks = DBTaskResult.objects.filter(task_path=JOB)
    if label is not None:
        tasks = tasks.filter(args_kwargs__kwargs__label=label)
    return tasks.count()


@pytest.mark.django_db
def test_an_interval_job_runs_once_per_interval(monkeypatch, settings, db_tasks):
    use_jobs(monkeypatch, {"tick": {"task": JOB, "every": 60, "kwargs": {"label": "minute"}}})
    start = datetime(2026, 2, 2, 10, 0, 5, tzinfo=MSK)
    assert scheduler.run_due(now=start) == ["tick"]
    assert scheduler.run_due(now=start + timedelta(seconds=30)) == []  # same minute
    finish_all()
    assert scheduler.run_due(now=start + timedelta(seconds=60)) == ["tick"]
    assert enqueued("minute") == 2
    run = ScheduledRun.objects.order_by("slot").first()
    assert run.slot == datetime(2026, 2, 2, 10, 0, tzinfo=MSK)
    assert run.task_id


@pytest.mark.django_db
def test_a_daily_job_runs_once_a_day_from_its_time_in_moscow(monkeypatch, settings, db_tasks):
    use_jobs(monkeypatch, {"digest": {"task": JOB, "at": "08:00"}})
    day = datetime(2026, 2, 2, tzinfo=MSK)
    assert scheduler.run_due(now=day.replace(hour=7, minute=59)) == []
    assert scheduler.run_due(now=day.replace(hour=8, minute=0, second=3)) == ["digest"]
    assert scheduler.run_due(now=day.replace(hour=17)) == []
    # A scheduler that was down at 08:00 catches up later the same day, once.
    next_day = day + timedelta(days=1)
    finish_all()
    assert scheduler.run_due(now=next_day.replace(hour=11, minute=30)) == ["digest"]
    assert scheduler.run_due(now=next_day.replace(hour=11, minute=31)) == []
    assert enqueued() == 2
    assert sorted(ScheduledRun.objects.values_list("slot", flat=True)) == [
        day.replace(hour=8),
        next_day.replace(hour=8),
    ]


@pytest.mark.django_db
def test_a_job_whose_last_run_still_waits_is_not_enqueued_again(monkeypatch, settings, db_tasks):
    # Workers behind (an outage, a backlog): slots pass, but the queue holds at
    # most one waiting run of each job instead of one per slot.
    use_jobs(monkeypatch, {"tick": {"task": JOB, "every": 60}})
    start = datetime(2026, 2, 2, 10, 0, 5, tzinfo=MSK)
    assert scheduler.run_due(now=start) == ["tick"]
    for minute in range(1, 6):
        assert scheduler.run_due(now=start + timedelta(minutes=minute)) == []
    assert enqueued() == 1
    finish_all()
    assert scheduler.run_due(now=start + timedelta(minutes=6)) == ["tick"]
    assert enqueued() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_schedulers_at_once_enqueue_a_due_job_once(monkeypatch, settings, db_tasks):
    use_jobs(monkeypatch, {"tick": {"task": JOB, "every": 300}})
    now = datetime(2026, 2, 2, 10, 1, tzinfo=MSK)
    if connection.vendor != "postgresql":
        # SQLite has a single writer: the two runs cannot overlap, the rule still holds.
        results = [scheduler.run_due(now=now, host="a"), scheduler.run_due(now=now, host="b")]
    else:
        barrier = threading.Barrier(2)
        results = []

        def run(host):
            try:
                barrier.wait()
                results.append(scheduler.run_due(now=now, host=host))
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(host,)) for host in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    assert sorted(results) == [[], ["tick"]]
    assert ScheduledRun.objects.count() == 1
    assert enqueued() == 1


@pytest.mark.parametrize(
    "spec",
    [
        {"every": 60},
        {"task": JOB},
        {"task": JOB, "every": 60, "at": "08:00"},
        {"task": JOB, "every": 0},
        {"task": JOB, "at": "8 утра"},
    ],
)
def test_wrong_jobs_are_refused(monkeypatch, settings, spec):
    use_jobs(monkeypatch, {"bad": spec})
    with pytest.raises(ImproperlyConfigured):
        scheduler.jobs()


def test_the_forwarding_sweep_is_registered_every_minute():
    from django.conf import settings

    jobs = {job.name: job for job in scheduler.jobs()}
    sweep = jobs["forwarding.sweep"]
    assert sweep.task_path == "forwarding.tasks.sweep"
    assert sweep.every == settings.FORWARDING_SWEEP_SECONDS == 60
    assert sweep.task().name == "sweep"


@pytest.mark.django_db
def test_old_runs_are_pruned(monkeypatch, settings, db_tasks):
    use_jobs(monkeypatch, {"tick": {"task": JOB, "every": 60}})
    now = datetime(2026, 2, 20, 10, 0, tzinfo=MSK)
    scheduler.run_due(now=now - timedelta(days=30))
    finish_all()
    scheduler.run_due(now=now)
    assert scheduler.prune(now=now) == 1
    assert ScheduledRun.objects.count() == 1


@pytest.mark.django_db
def test_the_command_enqueues_what_is_due_once(monkeypatch, settings, db_tasks, capsys):
    use_jobs(monkeypatch, {"tick": {"task": JOB, "every": 3600}})
    call_command("run_scheduler", "--once")
    call_command("run_scheduler", "--once")
    out = capsys.readouterr().out
    assert "tick" in out
    assert "Nothing due." in out
    assert enqueued() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_loop_runs_until_stopped(monkeypatch, settings, db_tasks):
    use_jobs(monkeypatch, {"tick": {"task": JOB, "every": 3600}})
    stop = threading.Event()
    thread = threading.Thread(target=lambda: (scheduler.run_forever(interval=0.05, stop=stop), connection.close()))
    thread.start()
    try:
        for _ in range(100):
            try:
                if enqueued():
                    break
            except OperationalError as exc:  # SQLite's shared in-memory test database: the loop is writing
                if "locked" not in str(exc):
                    raise
            stop.wait(0.05)
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()
    assert enqueued() == 1
