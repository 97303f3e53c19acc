"""The state machine of an appeal in the queue, as data.

``TRANSITIONS`` says which actions each status allows; ``TARGETS`` where each
action leads. Every service in ``appeals_form.workflow.actions`` calls
``check_allowed`` on the locked appeal row before it changes anything, and the
admin shows only ``allowed_actions``.

    registered ──assign──▶ in_work ──answer──▶ answered ─────────┐
        │                   │  ▲ (assign: reassign)               │
        │                   │  └─ extend (once, before the deadline) ├─close─▶ closed
        ├──redirect─────────┼──▶ redirected ──────────────────────┤
        ├──published_answer─┼──▶ answered (art. 11 p. 5.1)        │
        └──no_answer────────┴──▶ left_without_answer ─────────────┘

    complaint_against (a complaint only, registered or in work): records whose decision or
    action it is about, which redirect and assign then refuse as its addressee (art. 8 p. 6).
"""

from collections.abc import Mapping
from datetime import date

from django.db import models
from django.utils import timezone

from appeals_form.models import Appeal


class Action(models.TextChoices):
    ASSIGN = "assign", "Назначить исполнителя"
    REDIRECT = "redirect", "Направить по компетенции"
    EXTEND = "extend", "Продлить срок рассмотрения"
    ANSWER = "answer", "Записать ответ"
    PUBLISHED_ANSWER = "published_answer", "Сообщить адрес опубликованного ответа"
    LEAVE_WITHOUT_ANSWER = "no_answer", "Оставить без ответа"
    COMPLAINT_AGAINST = "complaint_against", "Указать, на кого жалоба"
    CLOSE = "close", "Завершить рассмотрение"


Status = Appeal.Status

TRANSITIONS: Mapping[str, frozenset[str]] = {
    # A new appeal is assigned, or sent on at once to the competent body, or
    # found to be one the law lets go unanswered (anonymous, unreadable ...).
    # Its question may be answered on the official site already (art. 11 p. 5.1).
    Status.REGISTERED: frozenset(
        {
            Action.ASSIGN,
            Action.REDIRECT,
            Action.PUBLISHED_ANSWER,
            Action.LEAVE_WITHOUT_ANSWER,
            Action.COMPLAINT_AGAINST,
        }
    ),
    # In work: reassigned, redirected, extended (once), answered or left without an answer.
    Status.IN_WORK: frozenset(
        {
            Action.ASSIGN,
            Action.REDIRECT,
            Action.EXTEND,
            Action.ANSWER,
            Action.PUBLISHED_ANSWER,
            Action.LEAVE_WITHOUT_ANSWER,
            Action.COMPLAINT_AGAINST,
        }
    ),
    # Done in substance: the case is closed.
    Status.REDIRECTED: frozenset({Action.CLOSE}),
    Status.ANSWERED: frozenset({Action.CLOSE}),
    Status.LEFT_WITHOUT_ANSWER: frozenset({Action.CLOSE}),
    Status.CLOSED: frozenset(),
}

# Where an action leads; None keeps the status (reassignment, extension).
TARGETS: Mapping[str, str | None] = {
    Action.ASSIGN: Status.IN_WORK,
    Action.REDIRECT: Status.REDIRECTED,
    Action.EXTEND: None,
    Action.ANSWER: Status.ANSWERED,
    # Art. 11 p. 5.1: the address of the published answer is the answer.
    Action.PUBLISHED_ANSWER: Status.ANSWERED,
    Action.LEAVE_WITHOUT_ANSWER: Status.LEFT_WITHOUT_ANSWER,
    Action.COMPLAINT_AGAINST: None,
    Action.CLOSE: Status.CLOSED,
}

# Why an action is refused, by the status the appeal is in (the default
# message names the action and the status).
_HINTS: Mapping[tuple[str, str], str] = {
    (Action.EXTEND, Status.REGISTERED): "Сначала назначьте исполнителя.",
    (Action.ANSWER, Status.REGISTERED): "Сначала назначьте исполнителя.",
    (Action.CLOSE, Status.REGISTERED): "Завершить можно только рассмотренное обращение.",
    (Action.CLOSE, Status.IN_WORK): "Сначала запишите ответ, направьте обращение по компетенции "
    "или оставьте его без ответа.",
}


class TransitionRefused(Exception):
    """The action is not allowed now; ``message`` is shown to the officer as it is."""

    def __init__(self, message: str, *, code: str = "not_allowed"):
        super().__init__(message)
        self.message = message
        self.code = code


def refusal(appeal: Appeal, action: str, *, on: date | None = None) -> TransitionRefused | None:
    """Why ``action`` cannot be applied to ``appeal`` on the day ``on`` (today), or None when it can."""
    action = Action(action)
    if appeal.is_anonymised:
        return TransitionRefused(
            "Обращение обезличено по сроку хранения: действия с ним невозможны.", code="anonymised"
        )
    if action not in TRANSITIONS.get(appeal.status, frozenset()):
        message = f"Действие «{action.label}» недоступно: обращение в статусе «{Status(appeal.status).label}»."
        hint = _HINTS.get((action, appeal.status))
        return TransitionRefused(f"{message} {hint}" if hint else message, code="wrong_status")
    if action == Action.COMPLAINT_AGAINST and appeal.kind != Appeal.Kind.COMPLAINT:
        return TransitionRefused(
            f"Указать, на чьё решение или действие жалоба, можно только для жалобы: это обращение — "
            f"«{Appeal.Kind(appeal.kind).label.lower()}».",
            code="not_complaint",
        )
    if action == Action.EXTEND and appeal.is_extended:
        return TransitionRefused(
            "Срок рассмотрения уже продлевался: закон позволяет продлить его только один раз.",
            code="already_extended",
        )
    if action == Action.EXTEND and appeal.due_date < (on or timezone.localdate()):
        # 59-ФЗ art. 12 p. 2 extends a running term; once it has run out the appeal is
        # overdue, and an extension would only hide the violation (and the statistics'
        # «рассмотрено с нарушением срока»).
        return TransitionRefused(
            f"Срок рассмотрения истёк {appeal.due_date:%d.%m.%Y}: продлить можно только срок, который ещё "
            "не истёк. Обращение остаётся просроченным — дайте ответ как можно скорее.",
            code="deadline_passed",
        )
    return None


def check_allowed(appeal: Appeal, action: str, *, on: date | None = None) -> None:
    error = refusal(appeal, action, on=on)
    if error is not None:
        raise error


def allowed_actions(appeal: Appeal, *, on: date | None = None) -> list[Action]:
    """The actions the officer may take on the day ``on`` (today), in a stable order."""
    on = on or timezone.localdate()
    return [action for action in Action if refusal(appeal, action, on=on) is None]
