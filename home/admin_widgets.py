"""Wagtail's date and time pickers, keeping what the editor typed.

The picker (jquery.datetimepicker) replaced a value it could not read on leaving the field with the current
time of the browser: a go-live time typed the ISO way («2026-12-05 10:28») became «now» (in the browser's
time zone, read by the server as Moscow time), so «Опубликовать» published the page at once instead of
scheduling it, and a reception date typed «2026-12-05» became today. With ``validateOnBlur`` off the typed
text stays; the server reads «05.12.2026 10:28» and ISO alike and answers anything else with Django's Russian
error, so nothing typed is lost or silently changed. Registered for every model DateTimeField, DateField and
TimeField of the admin's forms (home.apps); the page forms' «Дата/время публикации» and «истечения», which
Wagtail's PublishingPanel builds with its own widgets, are swapped by ``PortalPageForm`` (every page type's
``base_form_class``, home.models.mixins).
"""

from __future__ import annotations

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput

PLACEHOLDERS = {"datetime": "ДД.ММ.ГГГГ ЧЧ:ММ", "date": "ДД.ММ.ГГГГ", "time": "ЧЧ:ММ"}


class _KeepsTypedText:
    placeholder = ""

    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs={"placeholder": self.placeholder, **(attrs or {})}, **kwargs)

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class TypedDateTimeInput(_KeepsTypedText, AdminDateTimeInput):
    placeholder = PLACEHOLDERS["datetime"]


class TypedDateInput(_KeepsTypedText, AdminDateInput):
    placeholder = PLACEHOLDERS["date"]


class TypedTimeInput(_KeepsTypedText, AdminTimeInput):
    placeholder = PLACEHOLDERS["time"]


def register() -> None:
    """Use these widgets wherever Wagtail's admin builds a form field for a model date/time field."""
    register_form_field_override(models.DateTimeField, override={"widget": TypedDateTimeInput})
    register_form_field_override(models.DateField, override={"widget": TypedDateInput})
    register_form_field_override(models.TimeField, override={"widget": TypedTimeInput})


def keep_typed_text(form) -> None:
    """Swap Wagtail's date/time widgets of ``form`` for ones that keep typed text (attributes kept)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, _KeepsTypedText):
            continue
        for wagtail_class, ours in ((AdminDateTimeInput, TypedDateTimeInput), (AdminDateInput, TypedDateInput)):
            if isinstance(widget, wagtail_class):
                overlay = {"js_overlay_parent_selector": widget.js_overlay_parent_selector}
                field.widget = ours(attrs=dict(widget.attrs), **(overlay if ours is TypedDateTimeInput else {}))
                break
        else:
            if isinstance(widget, AdminTimeInput):
                field.widget = TypedTimeInput(attrs=dict(widget.attrs))


class PortalPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep_typed_text(self)
