"""Every e-mail of the portal leaves with the department's address as its sender.

The address residents see on the site (``DepartmentSettings.email`` of the
default site, «Настройки → Контакты отдела») is the one their mail comes from,
so that a reply reaches the department and no second address has to be kept
in step. ``SiteSenderBackend`` (``EMAIL_BACKEND``) sets it on every message
that would otherwise go out from ``DEFAULT_FROM_EMAIL`` (ours and Wagtail's
notifications alike), then hands the messages to the real backend
(``EMAIL_DELIVERY_BACKEND``: SMTP, or the console for ``make run``).
``DEFAULT_FROM_EMAIL`` stays the fallback while the settings have no address.

A delivery error names its recipients: smtplib's ``SMTPRecipientsRefused``
is a dict of addresses, and servers quote them in their replies («550
<ivanova@…>: Recipient address rejected»). Such an error would carry a
resident's address into the worker's log and the task queue's stored
traceback, so ``SiteSenderBackend`` raises it again with every address
masked (same type, same codes: callers still tell a refusal from an outage).
"""

import copy
import re
import smtplib
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend


def _sending_department():
    """The default site's department settings when they give an address, else None."""
    from wagtail.models import Site

    from home.models import DepartmentSettings

    site = Site.objects.filter(is_default_site=True).first()
    department = DepartmentSettings.objects.filter(site=site).first() if site else None
    return department if department is not None and department.email else None


def site_sender() -> str:
    """«Отдел … <address>» from the default site's settings, or DEFAULT_FROM_EMAIL."""
    department = _sending_department()
    if department is None:
        return settings.DEFAULT_FROM_EMAIL
    return formataddr((department.department_name, department.email))


def site_sender_parts() -> tuple[str, str]:
    """(name, address) of ``site_sender``, the name readable: «Отдел …», not the header's RFC 2047 form.

    A calendar's ORGANIZER names the sender with these (the name parsed back from the
    header showed as «=?utf-8?b?…?=» in calendar programs).
    """
    department = _sending_department()
    if department is None:
        return parseaddr(settings.DEFAULT_FROM_EMAIL)
    return department.department_name, department.email


ADDRESS_MASK = "***@***"  # ASCII: servers reply in bytes
_ADDRESS_RE = re.compile(r"[^\s<>\"'(),;:\[\]{}]+@[^\s<>\"'(),;:\[\]{}]+")


def _mask(value):
    if isinstance(value, bytes):
        return _ADDRESS_RE.sub(ADDRESS_MASK, value.decode("utf-8", "replace")).encode()
    if isinstance(value, str):
        return _ADDRESS_RE.sub(ADDRESS_MASK, value)
    if isinstance(value, dict):
        return {f"{ADDRESS_MASK}-{number}": _mask(item) for number, item in enumerate(value.values(), start=1)}
    if isinstance(value, tuple | list):
        return type(value)(_mask(item) for item in value)
    return value


def without_addresses(error: BaseException) -> BaseException:
    """A copy of a mail delivery error (same type and codes) with every e-mail address masked."""
    masked = copy.copy(error)
    masked.args = _mask(error.args)
    for name in ("smtp_error", "sender", "recipients"):
        if hasattr(error, name):
            setattr(masked, name, _mask(getattr(error, name)))
    return masked


class SiteSenderBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.delivery = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=fail_silently, **kwargs)

    def open(self):
        return self.delivery.open()

    def close(self):
        return self.delivery.close()

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        defaults = {settings.DEFAULT_FROM_EMAIL, getattr(settings, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", None)}
        sender = None
        for message in email_messages:
            if message.from_email in defaults:
                sender = sender or site_sender()
                message.from_email = sender
        try:
            return self.delivery.send_messages(email_messages)
        except (smtplib.SMTPException, OSError) as error:
            raise without_addresses(error) from None
