"""Two demo appeals of the legal paths of 59-ФЗ art. 11 part 5.1 and art. 8 part 6, taken by the services.

- ``published-answer``: a question answered already on the official site (the published answer on the
  deadlines, ``appeals_form.demo_answers``): the officer tells the applicant its address
  (``workflow.tell_published_answer``); the resident's status page links the page.
- ``complaint-returned``: a complaint about the housing department, which the question belongs to and
  nobody else may consider: recorded whom it is about (``workflow.record_complaint_against``) and
  returned with the right to go to court (``workflow.leave_without_answer``, ground «ч. 6 ст. 8»).

Registered like the other demo appeals (``appeals_form.demo``), then each goes its way through the
workflow's services, dated a couple of days after registration (within the law's 7 days). Idempotent with
them: an appeal whose key exists is left as it is.
"""

from datetime import timedelta

from appeals_form import workflow
from appeals_form.demo_answers import SLUG_DEADLINES
from appeals_form.models import Appeal, PublishedAnswerPage

HOUSING = "Управление жилищно-коммунального хозяйства"


def tell_published_answer(*, appeal: Appeal, officer, registered_at) -> None:
    page = PublishedAnswerPage.objects.get(slug=SLUG_DEADLINES)
    workflow.tell_published_answer(
        appeal=appeal,
        actor=officer,
        url=page.get_full_url(),
        title=page.title,
        note="Ответ на этот вопрос опубликован в разделе «Ответы на вопросы из обращений» (демо).",
        now=registered_at + timedelta(days=2),
    )


def return_complaint(*, appeal: Appeal, officer, registered_at) -> None:
    workflow.record_complaint_against(appeal=appeal, actor=officer, name=HOUSING, now=registered_at + timedelta(days=1))
    workflow.leave_without_answer(
        appeal=appeal,
        actor=officer,
        reason=Appeal.NoAnswerReason.COMPLAINT_RETURNED,
        note="Жалоба на управление ЖКХ, к компетенции которого относится вопрос: направить некому (демо).",
        now=registered_at + timedelta(days=2),
    )


DEMO_APPEALS = [
    {
        "key": "published-answer",
        "name": ("Демо", "Виктор", "Павлович"),
        "days_ago": 6,
        "topic": "Работа администрации и её сотрудников",
        "addressee": "Глава городского округа",
        "text": "Демонстрационное обращение: в какой срок администрация должна ответить на обращение "
        "и можно ли этот срок продлить?",
        "service": tell_published_answer,
    },
    {
        "key": "complaint-returned",
        "name": ("Демо", "Галина", "Фёдоровна"),
        "days_ago": 5,
        "kind": Appeal.Kind.COMPLAINT,
        "topic": "Работа управляющих компаний, содержание домов",
        "addressee": "Глава городского округа",
        "text": "Демонстрационная жалоба: управление жилищно-коммунального хозяйства отказало в проверке "
        "управляющей компании, прошу отменить его решение.",
        "service": return_complaint,
    },
]
