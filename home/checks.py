"""System checks: what the portal copies from, or relies on in, Django and Wagtail; the periodic-job registry."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register()
def widget_templates_check(app_configs, **kwargs):
    """The public forms' fast renderer writes Django's widget templates as the pinned Django ships them."""
    from home import formrender

    if formrender.templates_unchanged():
        return []
    return [
        checks.Warning(
            "Django's widget templates differ from the ones home/formrender.py writes in Python; "
            "the public forms are rendered through the templates (slower) until this is resolved.",
            hint="Compare home/formrender.py with Django's django/forms/widgets/*.html, run "
            "tests/home/test_formrender.py, then record `python -m home.formrender` in WIDGET_TEMPLATES_DIGEST.",
            id="home.W001",
        )
    ]


@checks.register()
def wagtail_private_names_check(app_configs, **kwargs):
    """The routing shortcut's private names (home.wagtail_compat) still work in the installed Wagtail."""
    from home import wagtail_compat

    return [
        checks.Warning(
            f"The routing shortcut relies on {name}, which the installed Wagtail no longer honours; "
            "the shortcut is off (pages are served by Wagtail's own routing, with more queries).",
            hint="Update home/wagtail_compat.py for this Wagtail version and run tests/home/test_wagtail_compat.py.",
            id="home.W002",
        )
        for name in wagtail_compat.problems()
    ]


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
