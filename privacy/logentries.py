"""Wagtail's action log names a record by a number, never by a person.

Wagtail writes ``str(record)`` into every log entry of a change made in the admin («Иванов Иван
Петрович, 15.12.2026 10:00–12:00, …» for a reception sign-up) and keeps it for good: the site history
showed it to staff and exported it as CSV outside the export log, and it outlived the record's own
deletion at the end of its retention. For the models of ``PERSONAL_DATA_MODELS`` the entry's label is
«<model> № <id>» instead (connected in privacy.apps; entries written before: migration 0004).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from privacy.policy import is_personal_data


def neutral_label(content_type: ContentType, object_id: str) -> str | None:
    """«Запись на приём № 42» for a personal-data model's entry; None for any other."""
    model = content_type.model_class()
    if model is None or not is_personal_data(model):
        return None
    return f"{model._meta.verbose_name} № {object_id}"


def on_log_entry_saved(sender, instance, **kwargs) -> None:
    """``pre_save`` of Wagtail's ModelLogEntry: replace a personal-data record's name by its number."""
    label = neutral_label(instance.content_type, instance.object_id)
    if label is not None:
        instance.label = label
