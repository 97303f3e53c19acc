"""E-mails to the applicant. They never contain the text of the appeal.

Plain text only: it reads well in every mail program and screen reader.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site

from appeals_form.models import Appeal
from appeals_form.services import create_status_link
from home.models import DepartmentSettings


def _department() -> dict:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return {"organisation_name": "", "department_name": settings.WAGTAIL_SITE_NAME, "phone": ""}
    department = DepartmentSettings.for_site(site)
    return {
        "organisation_name": department.organisation_name,
        "department_name": department.department_name,
        "phone": department.reference_phone or department.phone,
    }


def _context(appeal: Appeal) -> dict:
    return {
        "number": appeal.number,
        "registered_on": timezone.localdate(appeal.registered_at),
        "due_date": appeal.due_date,
        "status_label": appeal.get_status_display(),
        "status_link": create_status_link(appeal),
        "applicant_name": " ".join(part for part in (appeal.first_name, appeal.patronymic) if part),
        "department": _department(),
    }


def _send(*, appeal: Appeal, template: str) -> None:
    context = _context(appeal)
    subject = render_to_string(f"appeals_form/email/{template}_subject.txt", context)
    body = render_to_string(f"appeals_form/email/{template}.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[appeal.email]).send()


def send_registration_confirmation(appeal: Appeal) -> None:
    """Number, registration date, deadline and the private status link."""
    _send(appeal=appeal, template="registered")


def send_status_link(appeal: Appeal) -> None:
    """The status link again, asked for with the number and the reply address."""
    _send(appeal=appeal, template="status_link")
