"""Background jobs of the appeals domain (django-tasks; ``manage.py db_worker`` runs them)."""

import logging

from django_tasks import task

from appeals_form import emails
from appeals_form.models import Appeal, AppealEvent
from appeals_form.services import record_event

logger = logging.getLogger(__name__)


@task()
def send_registration_email(appeal_id: int) -> None:
    appeal = Appeal.objects.filter(pk=appeal_id).first()
    if appeal is None:
        logger.warning("Registration e-mail: appeal id=%s is gone", appeal_id)
        return
    emails.send_registration_confirmation(appeal)
    record_event(
        appeal=appeal,
        kind=AppealEvent.Kind.NOTIFIED,
        note="Уведомление о регистрации со ссылкой на страницу статуса",
        payload={"template": "registered"},
    )


@task()
def send_status_link_email(appeal_id: int) -> None:
    appeal = Appeal.objects.filter(pk=appeal_id).first()
    if appeal is None:
        return
    emails.send_status_link(appeal)
    record_event(
        appeal=appeal,
        kind=AppealEvent.Kind.NOTIFIED,
        note="Ссылка на страницу статуса по запросу с номером и адресом",
        payload={"template": "status_link"},
    )
