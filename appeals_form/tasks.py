"""Background jobs of the appeals domain (django-tasks; ``manage.py db_worker`` runs them)."""

import logging

from django.conf import settings
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


# The queue: notices to the applicant after an officer's action.
NOTICE_NOTES = {
    "redirected": "Уведомление о направлении обращения по компетенции",
    "extended": "Уведомление о продлении срока рассмотрения с новым сроком",
    "answered": "Ответ на обращение направлен на адрес электронной почты",
    "left_without_answer": "Уведомление об оставлении обращения без ответа с основанием",
}


@task()
def send_appeal_notice(appeal_id: int, notice: str) -> None:
    appeal = Appeal.objects.filter(pk=appeal_id).first()
    if appeal is None or not appeal.email:
        logger.warning("Appeal notice %s: appeal id=%s is gone or has no address", notice, appeal_id)
        return
    emails.send_notice(appeal, notice)
    record_event(
        appeal=appeal,
        kind=AppealEvent.Kind.NOTIFIED,
        note=NOTICE_NOTES.get(notice, ""),
        payload={"template": notice},
    )


@task()
def send_due_digest() -> int:
    """Daily: e-mail each executor their appeals due soon and overdue."""
    from appeals_form.workflow.digest import send_due_digest as send

    return send()


@task()
def anonymise_old_appeals() -> int:
    """Daily: anonymise considered appeals older than APPEALS_RETENTION_YEARS (152-ФЗ: keep no longer than needed)."""
    from appeals_form.workflow.retention import anonymise_old_appeals as anonymise

    return anonymise(dry_run=False, years=settings.APPEALS_RETENTION_YEARS).appeals
