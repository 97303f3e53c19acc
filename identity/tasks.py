"""Background tasks of identification (django-tasks; `manage.py db_worker` runs them)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from home.textformat import MINUTES, plural

from .crypto import InvalidToken, unseal

logger = logging.getLogger(__name__)


@task()
def send_email_code(sealed: str) -> bool:
    """E-mail a confirmation code. ``sealed`` holds {"email", "code"} encrypted (identity.crypto).

    A task that waited longer than the code lives is dropped: the code would
    no longer be accepted anyway. Returns whether a mail was sent.
    """
    ttl = settings.IDENTITY_CODE_TTL_SECONDS
    try:
        data = unseal(sealed, max_age=ttl)
    except InvalidToken:
        logger.warning("An e-mail code task could not be opened or outlived its code; nothing sent")
        return False
    minutes = max(1, ttl // 60)
    context = {
        "code": data["code"],
        "minutes": minutes,
        "minutes_word": plural(minutes, *MINUTES),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    send_mail(
        subject=render_to_string("identity/email/code_subject.txt", context).strip(),
        message=render_to_string("identity/email/code.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[data["email"]],
    )
    logger.info("E-mail code sent")
    return True


@task()
def prune_email_codes() -> int:
    """Hourly: delete expired e-mail confirmation codes."""
    from .services import prune_email_codes as prune

    return prune()
