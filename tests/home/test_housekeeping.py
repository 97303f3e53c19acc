"""The periodic jobs: one registry filled by the apps, every job names a real
task, Wagtail's scheduled publishing runs, and the hourly clean-ups remove
expired personal data, closed rate-limit windows and old task rows."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from home import scheduler
from home.models import RateLimitCounter
from home.tasks import prune_ratelimits, prune_task_results
from identity.models import EmailCode
from identity.tasks import prune_email_codes


def test_every_periodic_job_names_an_existing_task():
    jobs = {job.name: job for job in scheduler.jobs()}
    housekeeping = {
        "home.prune_ratelimits",
        "home.prune_task_results",
        "identity.prune_email_codes",
        "appeals.purge_staging",
        "appeals.anonymise_old",
        "schedules.purge_signups",
    }
    assert housekeeping | {"wagtail.publish_scheduled", "forwarding.sweep", "appeals.due_digest"} <= set(jobs)
    for job in jobs.values():
        task = import_string(job.task_path)
        assert isinstance(task, Task), job.name
        assert task.get_backend().validate_task(task) is None, job.name


def test_each_app_declares_its_own_jobs_and_no_setting_holds_them():
    # One registry, filled by the apps (<app>/jobs.py): no settings module keeps a list.
    assert not hasattr(settings, "PERIODIC_TASKS")
    owners = {name.split(".")[0] for name in scheduler.declared()}
    assert {"home", "wagtail", "identity", "appeals", "schedules", "forwarding"} <= owners


def test_a_job_declared_twice_is_refused(monkeypatch):
    from django.apps import apps

    home = apps.get_app_config("home")
    monkeypatch.setattr(apps, "get_app_configs", lambda: [home, home])
    with pytest.raises(ImproperlyConfigured, match="declared twice"):
        scheduler.declared()


@pytest.mark.django_db
def test_a_page_with_a_go_live_date_goes_live_by_the_periodic_job():
    from wagtail.models import Page

    from home.tasks import publish_scheduled

    root = Page.objects.get(depth=1)
    page = root.add_child(instance=Page(title="Приём граждан 1 марта", slug="priem-1-marta", live=False))
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live  # scheduled, not yet live
    # Two hours later the scheduler's job runs and publishes the page.
    later = timezone.now() + timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        publish_scheduled.call()
    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db
def test_old_finished_task_rows_are_pruned_and_waiting_ones_kept(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    old = timezone.now() - timedelta(days=settings.TASKS_KEEP_DAYS, hours=1)
    rows = {status: prune_ratelimits.enqueue().id for status in ("READY", "SUCCESSFUL", "FAILED", "RUNNING", "recent")}
    for status, row_id in rows.items():
        if status == "recent":
            DBTaskResult.objects.filter(id=row_id).update(status="SUCCESSFUL", finished_at=timezone.now())
        elif status != "READY":
            DBTaskResult.objects.filter(id=row_id).update(status=status, started_at=old, finished_at=old)
    DBTaskResult.objects.filter(id=rows["READY"]).update(enqueued_at=old)

    assert prune_task_results.call() == 3
    left = set(DBTaskResult.objects.values_list("id", flat=True))
    assert {str(row_id) for row_id in left} == {str(rows["READY"]), str(rows["recent"])}


@pytest.mark.django_db
def test_expired_email_codes_are_deleted_and_live_ones_kept():
    now = timezone.now()
    common = {"email_hash": "h" * 64, "salt": "s", "code_hash": "c" * 64, "created_at": now - timedelta(minutes=20)}
    EmailCode.objects.create(expires_at=now - timedelta(minutes=10), **common)
    live = EmailCode.objects.create(expires_at=now + timedelta(minutes=5), **common)

    assert prune_email_codes.call() == 1
    assert list(EmailCode.objects.values_list("pk", flat=True)) == [live.pk]


@pytest.mark.django_db
def test_closed_rate_limit_windows_are_deleted():
    now = timezone.now()
    common = {"scope": "t", "window_seconds": 60, "window_start": now - timedelta(minutes=2), "count": 3}
    RateLimitCounter.objects.create(key_hash="a" * 64, expires_at=now - timedelta(minutes=1), **common)
    RateLimitCounter.objects.create(key_hash="b" * 64, expires_at=now + timedelta(minutes=1), **common)

    assert prune_ratelimits.call() == 1
    assert RateLimitCounter.objects.get().key_hash == "b" * 64
