"""System checks of what the portal copies from, or relies on in, Django and Wagtail."""

from django.core import checks


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
