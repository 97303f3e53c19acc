"""Every e-mail of the portal leaves with the department's address as its sender.

The address residents see on the site (``DepartmentSettings.email`` of the
default site, «Настройки → Контакты отдела») is the one their mail comes from,
so that a reply reaches the department and no second address has to be kept
in step. ``SiteSenderBackend`` (``EMAIL_BACKEND``) sets it on every message
that would otherwise go out from ``DEFAULT_FROM_EMAIL`` (ours and Wagtail's
notifications alike), then hands the messages to the real backend
(``EMAIL_DELIVERY_BACKEND``: SMTP, or the console for ``make run``).
``DEFAULT_FROM_EMAIL`` stays the fallback while the settings have no address.
"""

from email.utils import formataddr

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend


def site_sender() -> str:
    """«Отдел … <address>» from the default site's settings, or DEFAULT_FROM_EMAIL."""
    from wagtail.models import Site

    from home.models import DepartmentSettings

    site = Site.objects.filter(is_default_site=True).first()
    department = DepartmentSettings.objects.filter(site=site).first() if site else None
    if department is None or not department.email:
        return settings.DEFAULT_FROM_EMAIL
    return formataddr((department.department_name, department.email))


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
        return self.delivery.send_messages(email_messages)
