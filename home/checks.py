"""``manage.py check``: the periodic jobs are declared in one registry (home/scheduler.py)."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register()
def check_periodic_jobs(app_configs=None, **kwargs):
    errors = []
    if hasattr(settings, "PERIODIC_TASKS"):
        errors.append(
            checks.Error(
                "settings.PERIODIC_TASKS is no longer read.",
                hint="Declare the job in <app>/jobs.py (JOBS); see home/scheduler.py.",
                id="home.E010",
            )
        )
    from home import scheduler

    try:
        for job in scheduler.jobs():
            job.task()
    except (ImproperlyConfigured, ImportError, AttributeError) as exc:
        errors.append(checks.Error(f"Periodic jobs: {exc}", id="home.E011"))
    return errors
