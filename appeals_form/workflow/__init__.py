"""The back-office workflow of an appeal: the state machine and the officer's actions.

    from appeals_form.workflow import Action, allowed_actions, assign_appeal, ...

``machine`` holds the state machine as data, ``actions`` the transitions
(keyword-only services), ``records`` the download and export log,
``retention`` the anonymisation of old appeals, ``digest`` the executors'
daily e-mail, ``dates`` the working-day arithmetic of the queue.
"""

from .actions import (
    APPEALS_GROUP,
    ActionResult,
    assign_appeal,
    close_appeal,
    extend_deadline,
    is_appeals_officer,
    leave_without_answer,
    record_answer,
    redirect_appeal,
)
from .actions_law import record_complaint_against, tell_published_answer
from .machine import TARGETS, TRANSITIONS, Action, TransitionRefused, allowed_actions, check_allowed, refusal

__all__ = [
    "APPEALS_GROUP",
    "TARGETS",
    "TRANSITIONS",
    "Action",
    "ActionResult",
    "TransitionRefused",
    "allowed_actions",
    "assign_appeal",
    "check_allowed",
    "close_appeal",
    "extend_deadline",
    "is_appeals_officer",
    "leave_without_answer",
    "record_answer",
    "record_complaint_against",
    "redirect_appeal",
    "refusal",
    "tell_published_answer",
]
