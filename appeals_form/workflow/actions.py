"""The officer's actions on an appeal: each one a transition of the state machine.

Every function takes keyword arguments only, locks the appeal's row
(``select_for_update``) and checks the state machine on the locked row, so two
officers acting at once never apply conflicting actions: the second waits, then
sees the new status and is refused. Each action is recorded in the history
with the officer and the time; the applicant is notified by e-mail through the
task queue after the transaction commits.
"""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from appeals_form import attachments, deadlines
from appeals_form.models import Addressee, Appeal, AppealEvent, RoutingRule
from appeals_form.services import record_event

from . import complaints, dates
from .machine import TARGETS, Action, TransitionRefused, check_allowed

logger = logging.getLogger(__name__)

APPEALS_GROUP = "Отдел по работе с обращениями"
ANSWERS_PREFIX = "answers/"
BODY_MAX_LENGTH = 255
#: 59-ФЗ art. 11 part 1 leaves unanswered only an appeal without the surname or an address for the answer.
ANONYMOUS_REFUSED = (
    "Это основание не подходит: в обращении указаны фамилия и адрес для ответа (ч. 1 ст. 11 Федерального закона "
    "№ 59-ФЗ — только если их нет). Выберите другое основание или подготовьте ответ."
)


def one_line(value: str | None, *, max_length: int, missing: str, too_long: str, code: str) -> str:
    """A name typed by the officer on one line with single spaces; refused (``code``: the field) when empty or
    longer than ``max_length``."""
    value = " ".join((value or "").split())
    if not value:
        raise TransitionRefused(missing, code=code)
    if len(value) > max_length:
        raise TransitionRefused(too_long, code=code)
    return value


REPEATED_NEEDS_NOTE = (
    "Для основания ч. 5 ст. 11 укажите в служебной отметке прежние обращения заявителя по этому вопросу и даты "
    "ответов по существу (их должно быть не меньше двух) и кто принял решение о прекращении переписки."
)


@dataclass(frozen=True)
class ActionResult:
    appeal: Appeal
    event: AppealEvent
    # Things the officer must know (a legal time limit missed), in Russian.
    warnings: tuple[str, ...] = field(default_factory=tuple)


def is_appeals_officer(user) -> bool:
    """An active user of the appeals department (or a superuser)."""
    if user is None or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=APPEALS_GROUP).exists()


def _locked(appeal: Appeal | int) -> Appeal:
    pk = appeal.pk if isinstance(appeal, Appeal) else appeal
    return Appeal.objects.select_for_update().get(pk=pk)


def _move(appeal: Appeal, action: str, *, fields: list[str]) -> None:
    target = TARGETS[action]
    if target is not None:
        appeal.status = target
        fields.append("status")
    appeal.save(update_fields=[*fields, "updated_at"])


def _notify_applicant(appeal: Appeal, notice: str) -> None:
    from appeals_form.tasks import send_appeal_notice

    transaction.on_commit(partial(send_appeal_notice.enqueue, appeal_id=appeal.pk, notice=notice), robust=True)


def _user_label(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


# What the applicant is sent by each action that writes to them.
_POSTED_PAPERS = {
    Action.REDIRECT: "уведомление о переадресации",
    Action.EXTEND: "уведомление о продлении срока",
    Action.ANSWER: "ответ",
    Action.PUBLISHED_ANSWER: "сообщение с адресом опубликованного ответа",
    Action.LEAVE_WITHOUT_ANSWER: "уведомление",
}


def postal_copy_reminder(appeal: Appeal, action: str) -> str:
    """What to post on paper as well, when the applicant gave a postal address ("" otherwise).

    59-ФЗ art. 7 part 3: an electronic appeal names the e-mail address for an answer
    in electronic form and the postal address if the answer is to be sent in writing;
    the form offers the postal address «если хотите получить ответ и по почте». The
    conservative reading: an answer or notice goes by e-mail and, with a postal
    address, on paper too (art. 10 part 4). The portal cannot post it: the officer is told.
    """
    paper = _POSTED_PAPERS.get(action)
    if not paper or not appeal.postal_address.strip():
        return ""
    # The address itself is not repeated: warnings travel in the messages cookie.
    return (
        f"Заявитель указал почтовый адрес: направьте {paper} и в письменной форме по почтовому адресу из карточки "
        "обращения (ч. 3 ст. 7, ч. 4 ст. 10 59-ФЗ)."
    )


def _with_postal_copy(appeal: Appeal, action: str, warnings=()) -> tuple[str, ...]:
    reminder = postal_copy_reminder(appeal, action)
    return (*warnings, reminder) if reminder else tuple(warnings)


# --------------------------------------------------------------------------


def assign_appeal(
    *,
    appeal: Appeal,
    actor: AbstractBaseUser,
    department: Addressee | None = None,
    executor: AbstractBaseUser | None = None,
    rule: RoutingRule | None = None,
    deviation: list[str] | None = None,
    note: str = "",
    now: datetime | None = None,
) -> ActionResult:
    """Give the appeal to a department and/or an executor; a new appeal goes into work.

    ``rule`` is the routing rule the assign screen offered; the history
    records it, and ``deviation`` (what the officer confirmed picking against
    it) with the officer's ``note``.
    """
    now = now or timezone.now()
    if department is None and executor is None:
        raise TransitionRefused("Выберите подразделение или исполнителя.", code="nobody")
    if department is not None and department.kind != Addressee.Kind.BODY:
        raise TransitionRefused("Подразделением может быть только орган или структурное подразделение.", code="kind")
    if executor is not None and not is_appeals_officer(executor):
        raise TransitionRefused(
            "Исполнителем может быть только сотрудник отдела по работе с обращениями.", code="executor"
        )
    with transaction.atomic():
        appeal = _locked(appeal)
        check_allowed(appeal, Action.ASSIGN)
        if department is not None:
            _refuse_complained_about(appeal, department.name, sending="передать на рассмотрение в")
        starts_work = appeal.status == Appeal.Status.REGISTERED
        if department is not None:
            appeal.department = department
        if executor is not None:
            appeal.executor = executor
        appeal.assigned_at = now
        _move(appeal, Action.ASSIGN, fields=["department", "executor", "assigned_at"])
        event = record_event(
            appeal=appeal,
            kind=AppealEvent.Kind.ASSIGNED,
            actor=actor,
            at=now,
            note=" ".join((note or "").split())[:2000],
            payload={
                "department_id": appeal.department_id,
                "department": appeal.department.name if appeal.department else "",
                "executor_id": appeal.executor_id,
                "executor": _user_label(appeal.executor),
                **_rule_payload(rule, deviation),
            },
        )
        if starts_work:
            record_event(appeal=appeal, kind=AppealEvent.Kind.IN_WORK, actor=actor, at=now)
    return ActionResult(appeal=appeal, event=event)


def _refuse_complained_about(appeal: Appeal, name: str, *, sending: str) -> None:
    """59-ФЗ art. 8 part 6 (``complaints``): never to those the complaint is about."""
    refused = complaints.forbidden_addressee_refusal(appeal, name, sending=sending)
    if refused is not None:
        raise refused


def _rule_payload(rule: RoutingRule | None, deviation: list[str] | None) -> dict:
    if rule is None:
        return {}
    return {"rule_id": rule.pk, "rule": str(rule), "by_rule": not deviation, "deviation": list(deviation or [])}


def redirect_appeal(
    *,
    appeal: Appeal,
    actor: AbstractBaseUser,
    body: str,
    redirected_on: date | None = None,
    note: str = "",
    now: datetime | None = None,
) -> ActionResult:
    """Send the appeal on to the competent body and tell the applicant (59-ФЗ art. 8 p. 3)."""
    now = now or timezone.now()
    body = one_line(
        body,
        max_length=BODY_MAX_LENGTH,
        missing="Укажите орган, в который направлено обращение.",
        too_long=f"Название органа длиннее {BODY_MAX_LENGTH} знаков.",
        code="body",
    )
    redirected_on = redirected_on or timezone.localdate(now)
    with transaction.atomic():
        appeal = _locked(appeal)
        check_allowed(appeal, Action.REDIRECT)
        _refuse_complained_about(appeal, body, sending="направить на рассмотрение в")
        registered_on = timezone.localdate(appeal.registered_at)
        if redirected_on < registered_on:
            raise TransitionRefused("Дата направления не может быть раньше даты регистрации.", code="date")
        if redirected_on > timezone.localdate(now):
            raise TransitionRefused("Дата направления не может быть в будущем.", code="date")
        limit = dates.redirect_deadline(appeal.registered_at)
        late = redirected_on > limit
        appeal.redirected_to = body
        appeal.redirected_on = redirected_on
        appeal.result = Appeal.Result.REDIRECTED
        # A redirection after its 7 days is «рассмотрено с нарушением срока» (ССТУ.РФ), like a late answer.
        appeal.answered_late = late
        _move(appeal, Action.REDIRECT, fields=["redirected_to", "redirected_on", "result", "answered_late"])
        event = record_event(
            appeal=appeal,
            kind=AppealEvent.Kind.REDIRECTED,
            actor=actor,
            at=now,
            note=note.strip(),
            payload={"body": body, "date": redirected_on, "late": late, "limit": limit},
        )
        _notify_applicant(appeal, "redirected")
    warnings = ()
    if late:
        warnings = (
            f"Обращение направлено по компетенции позже {settings.APPEALS_REDIRECT_DAYS} дней со дня регистрации "
            f"(срок истёк {limit:%d.%m.%Y}, ч. 3 ст. 8 59-ФЗ).",
        )
    return ActionResult(appeal=appeal, event=event, warnings=_with_postal_copy(appeal, Action.REDIRECT, warnings))


def extend_deadline(
    *,
    appeal: Appeal,
    actor: AbstractBaseUser,
    days: int,
    reason: str,
    now: datetime | None = None,
) -> ActionResult:
    """Extend the running answer deadline once by up to the legal maximum; tell the applicant the new date."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    maximum = settings.APPEALS_MAX_EXTENSION_DAYS
    if not reason:
        raise TransitionRefused("Укажите основание продления срока.", code="reason")
    if not isinstance(days, int) or days < 1 or days > maximum:
        raise TransitionRefused(f"Срок можно продлить на 1–{maximum} дней.", code="days")
    with transaction.atomic():
        appeal = _locked(appeal)
        check_allowed(appeal, Action.EXTEND, on=timezone.localdate(now))
        previous = appeal.due_date
        appeal.original_due_date = previous
        appeal.due_date = deadlines.extended_due_date(previous, days)
        appeal.extended_at = now
        appeal.extension_days = days
        appeal.extension_reason = reason
        _move(
            appeal,
            Action.EXTEND,
            fields=["original_due_date", "due_date", "extended_at", "extension_days", "extension_reason"],
        )
        event = record_event(
            appeal=appeal,
            kind=AppealEvent.Kind.EXTENDED,
            actor=actor,
            at=now,
            note=reason,
            payload={"due_date": appeal.due_date, "previous_due_date": previous, "days": days},
        )
        _notify_applicant(appeal, "extended")
    return ActionResult(appeal=appeal, event=event, warnings=_with_postal_copy(appeal, Action.EXTEND))


def _save_answer_file(*, name: str, data: bytes, year: int) -> tuple[str, str, str]:
    """Check and store the answer's file privately; return (storage name, clean name, content type)."""
    try:
        checked = attachments.check_file(name=attachments.sanitize_name(name), data=data)
    except attachments.FileRejected as error:
        raise TransitionRefused(error.message, code="file") from None
    stored = storages["private"].save(f"{ANSWERS_PREFIX}{year}/{uuid.uuid4().hex}.{checked.ext}", ContentFile(data))
    return stored, checked.name, checked.file_type.content_type


def record_answer(
    *,
    appeal: Appeal,
    actor: AbstractBaseUser,
    result: str,
    text: str = "",
    file_name: str = "",
    file_data: bytes | None = None,
    site_visit: bool = False,
    now: datetime | None = None,
) -> ActionResult:
    """Record the answer (text and/or file) and its result; flag it late after the due date.

    The applicant gets the answer by e-mail (59-ФЗ art. 10 p. 4: an appeal in
    electronic form is answered to its e-mail address).
    """
    now = now or timezone.now()
    text = (text or "").strip()
    if result not in Appeal.ANSWER_RESULTS:
        raise TransitionRefused("Выберите результат рассмотрения.", code="result")
    if not text and not file_data:
        raise TransitionRefused("Введите текст ответа или приложите файл ответа.", code="empty")
    stored = ""
    if file_data:
        stored, file_name, content_type = _save_answer_file(
            name=file_name, data=file_data, year=timezone.localdate(now).year
        )
    try:
        with transaction.atomic():
            appeal = _locked(appeal)
            check_allowed(appeal, Action.ANSWER)
            fields = _set_answer(appeal, now=now, result=result, text=text, site_visit=site_visit)
            if stored:
                appeal.answer_file = stored
                appeal.answer_file_name = file_name
                appeal.answer_file_type = content_type
                fields += ["answer_file", "answer_file_name", "answer_file_type"]
            _move(appeal, Action.ANSWER, fields=fields)
            event = record_event(
                appeal=appeal,
                kind=AppealEvent.Kind.ANSWERED,
                actor=actor,
                at=now,
                payload={
                    "result": result,
                    "site_visit": appeal.site_visit,
                    "late": appeal.answered_late,
                    "file": bool(stored),
                },
            )
            _notify_applicant(appeal, "answered")
    except BaseException:
        if stored:
            storages["private"].delete(stored)
        raise
    warnings = _with_postal_copy(appeal, Action.ANSWER, _late_warning(appeal))
    return ActionResult(appeal=appeal, event=event, warnings=warnings)


def _set_answer(appeal: Appeal, *, now: datetime, result: str, text: str, site_visit: bool) -> list[str]:
    """Write the answer's result and text on the locked appeal; the names of the fields it changed."""
    appeal.answered_late = timezone.localdate(now) > appeal.due_date
    appeal.answered_at = now
    appeal.answer_text = text
    appeal.result = result
    appeal.site_visit = bool(site_visit)
    return ["answered_late", "answered_at", "answer_text", "result", "site_visit"]


def _late_warning(appeal: Appeal) -> tuple[str, ...]:
    if not appeal.answered_late:
        return ()
    return (
        f"Ответ дан после срока ({appeal.due_date:%d.%m.%Y}): обращение отмечено как рассмотренное с нарушением срока.",
    )


def leave_without_answer(
    *,
    appeal: Appeal,
    actor: AbstractBaseUser,
    reason: str,
    note: str = "",
    now: datetime | None = None,
) -> ActionResult:
    """Leave the appeal without an answer on its merits on its legal ground (59-ФЗ art. 11).

    The applicant is told on every ground but the anonymous one (there is nobody
    to tell): within 7 days of registration for parts 2, 4 and 4.1, within the
    term of consideration for the others (``dates.no_answer_notice_deadline``);
    a notice sent later is recorded and the officer warned.
    """
    now = now or timezone.now()
    if reason not in Appeal.NoAnswerReason.values:
        raise TransitionRefused("Выберите основание из списка.", code="reason")
    if reason == Appeal.NoAnswerReason.REPEATED and not note.strip():
        # Art. 11 part 5 ends the correspondence only after written answers on the merits were given
        # more than once to the same body: the officer records which (the portal cannot know answers on paper).
        raise TransitionRefused(REPEATED_NEEDS_NOTE, code="note")
    with transaction.atomic():
        appeal = _locked(appeal)
        check_allowed(appeal, Action.LEAVE_WITHOUT_ANSWER)
        if reason == Appeal.NoAnswerReason.ANONYMOUS and appeal.names_applicant_and_reply_address:
            raise TransitionRefused(ANONYMOUS_REFUSED, code="reason")
        if reason in Appeal.COMPLAINT_ONLY_NO_ANSWER_REASONS and (refused := complaints.return_refusal(appeal)):
            raise refused
        late = _late_notice_warning(appeal, reason=reason, on=timezone.localdate(now))
        appeal.no_answer_reason = reason
        appeal.result = Appeal.Result.LEFT_WITHOUT_ANSWER
        # The notice of art. 11 after its term: «рассмотрено с нарушением срока», like a late answer.
        appeal.answered_late = bool(late)
        _move(appeal, Action.LEAVE_WITHOUT_ANSWER, fields=["no_answer_reason", "result", "answered_late"])
        notify = reason in Appeal.NOTIFIED_NO_ANSWER_REASONS and bool(appeal.email)
        event = record_event(
            appeal=appeal,
            kind=AppealEvent.Kind.LEFT_WITHOUT_ANSWER,
            actor=actor,
            at=now,
            note=note.strip(),
            payload={
                "reason": Appeal.NoAnswerReason(reason).label,
                "reason_code": reason,
                "notified": notify,
                "late": bool(late),
            },
        )
        if notify:
            _notify_applicant(appeal, "left_without_answer")
    warnings = list(late)
    if reason == Appeal.NoAnswerReason.ANONYMOUS:
        missing = "не указана фамилия" if appeal.has_reply_address else "нет адреса для ответа"
        warnings.append(f"Заявитель не уведомляется: в обращении {missing}.")
    if reason in Appeal.NOTIFIED_NO_ANSWER_REASONS:
        warnings = list(_with_postal_copy(appeal, Action.LEAVE_WITHOUT_ANSWER, warnings))
    return ActionResult(appeal=appeal, event=event, warnings=tuple(warnings))


def _late_notice_warning(appeal: Appeal, *, reason: str, on: date) -> tuple[str, ...]:
    """A warning when the notice of art. 11 goes out after its term."""
    limit = dates.no_answer_notice_deadline(reason=reason, registered_at=appeal.registered_at, due_date=appeal.due_date)
    if limit is None or on <= limit:
        return ()
    if reason == Appeal.NoAnswerReason.COMPLAINT_RETURNED:
        term = f"позже {settings.APPEALS_REDIRECT_DAYS} дней со дня регистрации — срока направления по компетенции"
    elif reason in Appeal.WEEK_NOTICE_NO_ANSWER_REASONS:
        term = f"позже {settings.APPEALS_UNREADABLE_NOTICE_DAYS} дней со дня регистрации"
    else:
        term = "после срока рассмотрения"
    article = "ч. 6 ст. 8" if reason == Appeal.NoAnswerReason.COMPLAINT_RETURNED else "ст. 11"
    return (f"Уведомление заявителю направлено {term} (срок истёк {limit:%d.%m.%Y}, {article} 59-ФЗ).",)


def close_appeal(
    *,
    appeal: Appeal,
    actor: AbstractBaseUser,
    note: str = "",
    now: datetime | None = None,
) -> ActionResult:
    """Close a considered appeal (answered, redirected or left without an answer)."""
    now = now or timezone.now()
    with transaction.atomic():
        appeal = _locked(appeal)
        check_allowed(appeal, Action.CLOSE)
        appeal.closed_at = now
        _move(appeal, Action.CLOSE, fields=["closed_at"])
        event = record_event(appeal=appeal, kind=AppealEvent.Kind.CLOSED, actor=actor, at=now, note=note.strip())
    return ActionResult(appeal=appeal, event=event)
