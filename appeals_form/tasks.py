"""Background jobs of the appeals domain (django-tasks; ``manage.py db_worker`` runs them)."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from appeals_form import emails
from appeals_form.models import Appeal, AppealEvent
from appeals_form.services import record_event

logger = logging.getLogger(__name__)


# Notices to the applicant: the event each leaves in the appeal's history.
NOTICE_NOTES = {
    "registered": "Уведомление о регистрации со ссылкой на страницу статуса",
    "status_link": "Ссылка на страницу статуса по запросу с номером и адресом",
    # The queue: notices after an officer's action.
    "redirected": "Уведомление о направлении обращения по компетенции",
    "extended": "Уведомление о продлении срока рассмотрения с новым сроком",
    "answered": "Ответ на обращение направлен на адрес электронной почты",
    "published_answer": "Сообщён адрес ответа, размещённого на официальном сайте (ч. 5.1 ст. 11 59-ФЗ)",
    "left_without_answer": "Уведомление об оставлении обращения без ответа с основанием",
}
NOTICE_LABELS = {
    "registered": "уведомление о регистрации",
    "status_link": "ссылка на страницу статуса",
    "redirected": "уведомление о направлении по компетенции",
    "extended": "уведомление о продлении срока",
    "answered": "ответ на обращение",
    "published_answer": "адрес опубликованного ответа",
    "left_without_answer": "уведомление об оставлении без ответа",
}
_SENDERS = {
    "registered": lambda appeal, _notice: emails.send_registration_confirmation(appeal),
    "status_link": lambda appeal, _notice: emails.send_status_link(appeal),
}
# A mail server that is down or says "try later" (4xx): the notice is tried again after these delays.
NOTICE_RETRY_SECONDS = (60, 600, 3600)


def _refused(error: Exception) -> bool:
    """The server refused the address or the message for good (5xx): trying again would not help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused | smtplib.SMTPSenderRefused):
        return True
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _retry(*, appeal_id: int, notice: str, attempt: int) -> bool:
    """Enqueue the notice again later; False when no retry is left or the queue cannot defer."""
    if attempt > len(NOTICE_RETRY_SECONDS) or not send_appeal_notice.get_backend().supports_defer:
        return False
    when = timezone.now() + timedelta(seconds=NOTICE_RETRY_SECONDS[attempt - 1])
    send_appeal_notice.using(run_after=when).enqueue(appeal_id=appeal_id, notice=notice, attempt=attempt + 1)
    return True


def _deliver(appeal: Appeal, notice: str, *, attempt: int) -> None:
    """Send a notice and record it; a failure is retried, or noted for the officers on the appeal's card.

    Neither the log nor the note names the address (``home.mail`` masks it in the error too).
    """
    try:
        _SENDERS.get(notice, emails.send_notice)(appeal, notice)
    except (smtplib.SMTPException, OSError) as error:
        reason = f"{type(error).__name__}" + (f", код {error.smtp_code}" if hasattr(error, "smtp_code") else "")
        if not _refused(error) and _retry(appeal_id=appeal.pk, notice=notice, attempt=attempt):
            logger.warning("Appeal id=%s: %s e-mail not sent (%s), retry %s", appeal.pk, notice, reason, attempt)
            return
        logger.warning("Appeal id=%s: %s e-mail not sent (%s), given up", appeal.pk, notice, reason)
        why = "почтовый сервер отклонил адрес или письмо" if _refused(error) else "почтовый сервер недоступен"
        record_event(
            appeal=appeal,
            kind=AppealEvent.Kind.NOTE,
            public=False,
            note=f"Письмо заявителю не отправлено ({NOTICE_LABELS.get(notice, notice)}): {why} ({reason}). "
            "Проверьте адрес и сообщите заявителю иным способом.",
            payload={"template": notice, "failed": True},
        )
        return
    record_event(
        appeal=appeal,
        kind=AppealEvent.Kind.NOTIFIED,
        note=NOTICE_NOTES.get(notice, ""),
        payload={"template": notice},
    )


@task()
def send_registration_email(appeal_id: int) -> None:
    appeal = Appeal.objects.filter(pk=appeal_id).first()
    if appeal is None:
        logger.warning("Registration e-mail: appeal id=%s is gone", appeal_id)
        return
    _deliver(appeal, "registered", attempt=1)


@task()
def send_status_link_email(appeal_id: int) -> None:
    appeal = Appeal.objects.filter(pk=appeal_id).first()
    if appeal is None:
        return
    _deliver(appeal, "status_link", attempt=1)


@task()
def send_appeal_notice(appeal_id: int, notice: str, attempt: int = 1) -> None:
    appeal = Appeal.objects.filter(pk=appeal_id).first()
    if appeal is None or not appeal.email:
        logger.warning("Appeal notice %s: appeal id=%s is gone or has no address", notice, appeal_id)
        return
    _deliver(appeal, notice, attempt=attempt)


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
