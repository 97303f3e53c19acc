"""Queued tasks that the demo loader itself made pointless.

Wagtail queues a search-index and a reference-index update on every save of
a page. The loader creates placeholder pages that the apps' demo steps then
replace (delete, and create their own page type at the slug), all in one
transaction: the updates queued for a deleted placeholder would fail in the
task worker with ``DoesNotExist`` on the first ``make run``. They are dropped
before the transaction commits; the page that replaced each one has its own.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Model

# Wagtail's tasks that take (app_label, model_name, pk) of one object.
OBJECT_TASKS = frozenset(
    {
        "modelsearch.tasks.insert_or_update_object_task",
        "wagtail.tasks.update_reference_index_task",
    }
)


def _gone(args: list) -> bool:
    try:
        app_label, model_name, pk = args[:3]
        model: type[Model] = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return False
    return not model._default_manager.filter(pk=pk).exists()


def drop_tasks_of_deleted_objects() -> int:
    """Delete the queued object tasks whose object no longer exists; how many were dropped."""
    if not apps.is_installed("django_tasks_db"):
        return 0  # another task backend: nothing queued in the database
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path__in=OBJECT_TASKS)
    gone = [result.pk for result in queued.only("pk", "args_kwargs") if _gone(result.args_kwargs.get("args", []))]
    DBTaskResult.objects.filter(pk__in=gone).delete()
    return len(gone)
