"""Background jobs of the schedules app (django-tasks; ``manage.py db_worker`` runs them)."""

import logging

from django_tasks import task

from schedules import emails, services
from schedules.models import SignUp

logger = logging.getLogger(__name__)


def _signup(signup_id: int) -> SignUp | None:
    return SignUp.objects.select_related("session__official", "session__place").filter(pk=signup_id).first()


@task()
def send_signup_confirmation(signup_id: int) -> None:
    signup = _signup(signup_id)
    if signup is None or not signup.is_active:
        logger.warning("Sign-up confirmation: sign-up id=%s is gone or cancelled", signup_id)
        return
    emails.send_confirmation(signup)


@task()
def send_signup_cancelled(signup_id: int) -> None:
    signup = _signup(signup_id)
    if signup is None:
        logger.warning("Sign-up cancellation notice: sign-up id=%s is gone", signup_id)
        return
    emails.send_cancelled_by_staff(signup)


@task()
def send_signup_cancelled_by_resident(signup_id: int) -> None:
    signup = _signup(signup_id)
    if signup is None or signup.is_active:
        logger.warning("Sign-up cancellation confirmation: sign-up id=%s is gone or active", signup_id)
        return
    emails.send_cancelled_by_resident(signup)


@task()
def purge_old_signups() -> int:
    """Daily: delete sign-ups of receptions older than SCHEDULES_SIGNUP_RETENTION_DAYS."""
    return services.purge_old_signups()
