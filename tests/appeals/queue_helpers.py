"""Helpers of the appeal queue's tests (tests/appeals/test_queue_*.py, test_workflow*.py, test_retention.py).

make_user(username, group=APPEALS | EDITORS | None, perms=("appeals_form.export_personal_data",))
appeal_in(status, **fields)   an appeal as the queue leaves it in that status, with its history
run_on_commit()               context manager: on-commit callbacks (e-mail tasks) run
"""

import re
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from appeals_form.factories import AddresseeFactory, AppealFactory
from appeals_form.models import Addressee, Appeal, AppealEvent

APPEALS = "Отдел по работе с обращениями"
EDITORS = "Редакторы"
PASSWORD = "queue-Pass-2026-long"


def make_user(username: str, group: str | None = APPEALS, *, perms=(), **extra):
    User = get_user_model()
    extra.setdefault("email", f"{username}@example.ru")
    user = User.objects.create_user(username=username, password=PASSWORD, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


def department(name: str = "Управление жилищно-коммунального хозяйства") -> Addressee:
    return AddresseeFactory(name=name, kind=Addressee.Kind.BODY)


def appeal_in(status: str, *, executor=None, **fields) -> Appeal:
    """An appeal in ``status`` with the fields and events the queue would have left."""
    now = timezone.now()
    appeal = AppealFactory(**fields)
    events = []
    if status != Appeal.Status.REGISTERED:
        appeal.executor = executor
        appeal.department = department()
        appeal.assigned_at = now
        events += [AppealEvent.Kind.ASSIGNED, AppealEvent.Kind.IN_WORK]
    if status == Appeal.Status.REDIRECTED:
        appeal.redirected_to = "Министерство здравоохранения Московской области"
        appeal.redirected_on = timezone.localdate(now)
        appeal.result = Appeal.Result.REDIRECTED
        events.append(AppealEvent.Kind.REDIRECTED)
    if status in (Appeal.Status.ANSWERED, Appeal.Status.CLOSED):
        appeal.answered_at = now
        appeal.answer_text = "Ответ: фонари заменены."
        appeal.result = Appeal.Result.EXPLAINED
        events.append(AppealEvent.Kind.ANSWERED)
    if status == Appeal.Status.LEFT_WITHOUT_ANSWER:
        appeal.no_answer_reason = Appeal.NoAnswerReason.REPEATED
        appeal.result = Appeal.Result.LEFT_WITHOUT_ANSWER
        events.append(AppealEvent.Kind.LEFT_WITHOUT_ANSWER)
    if status == Appeal.Status.CLOSED:
        appeal.closed_at = now
        events.append(AppealEvent.Kind.CLOSED)
    appeal.status = status
    appeal.save()
    for kind in events:
        AppealEvent.objects.create(appeal=appeal, kind=kind, public=kind in AppealEvent.PUBLIC_KINDS)
    return appeal


def registered_days_ago(days: int, **fields) -> dict:
    """Factory fields of an appeal registered ``days`` days ago (deadline computed from that day)."""
    from appeals_form import deadlines

    registered_at = timezone.now() - timedelta(days=days)
    return {
        "registered_at": registered_at,
        "due_date": deadlines.due_date(timezone.localdate(registered_at)),
        **fields,
    }


def due_on(day: date, **fields) -> dict:
    return {"due_date": day, **fields}


def numbers(response) -> list[str]:
    """The registration numbers a queue listing shows (the links of the number column), in order."""
    return re.findall(r'href="/admin/appeals/\d+/">\s*(ОГ-\d{4}-\d{6})', response.content.decode())
