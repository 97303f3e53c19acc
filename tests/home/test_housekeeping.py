"""The periodic housekeeping: every configured job names a real task, and the
hourly clean-ups remove expired personal data and closed rate-limit windows."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from home import scheduler
from home.models import RateLimitCounter
from home.tasks import prune_ratelimits
from identity.models import EmailCode
from identity.tasks import prune_email_codes


def test_every_periodic_job_names_an_enqueueable_task():
    housekeeping = {
        "home.prune_ratelimits",
        "identity.prune_email_codes",
        "appeals.purge_staging",
        "appeals.anonymise_old",
    }
    assert housekeeping <= set(settings.PERIODIC_TASKS)
    for job in scheduler.jobs():
        task = import_string(settings.PERIODIC_TASKS[job.name]["task"])
        assert callable(task.enqueue), job.name


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
