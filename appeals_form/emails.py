"""E-mails to the applicant. They never contain the text of the appeal.

Plain text only: it reads well in every mail program and screen reader.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone

from appeals_form.models import Appeal
from appeals_form.services import create_status_link
from home.emails import department_signature


def _context(appeal: Appeal) -> dict:
    return {
        "number": appeal.number,
        "registered_on": timezone.localdate(appeal.registered_at),
        "due_date": appeal.due_date,
        "status_label": appeal.get_status_display(),
        "status_link": create_status_link(appeal),
        "applicant_name": " ".join(part for part in (appeal.first_name, appeal.patronymic) if part),
        "department": department_signature(),
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


# --------------------------------------------------------------------------
# The queue: notices to the applicant and the executors' digest

NOTICES = ("redirected", "extended", "answered", "published_answer", "left_without_answer")


def send_notice(appeal: Appeal, notice: str) -> None:
    """A step of the consideration (redirected, extended, answered, the address of a published answer, left
    without an answer).

    Never the text of the appeal. The answer notice carries the answer itself
    (59-ФЗ art. 10 p. 4: an electronic appeal is answered to its e-mail address).
    """
    if notice not in NOTICES:
        raise ValueError(f"Unknown notice: {notice!r}")
    answer_file = _answer_file(appeal) if notice == "answered" else None
    context = {
        **_context(appeal),
        "redirected_to": appeal.redirected_to,
        "redirected_on": appeal.redirected_on,
        "original_due_date": appeal.original_due_date,
        "result_label": appeal.get_result_display(),
        "answer_text": appeal.answer_text,
        "has_answer_file": answer_file is not None,
        "answer_file_withheld": bool(appeal.answer_file) and answer_file is None,
        "no_answer_reason": appeal.no_answer_reason,
        "no_answer_reason_label": appeal.get_no_answer_reason_display(),
        "complaint_against": appeal.complaint_against,
        "published_answer_url": appeal.published_answer_url,
        "published_answer_title": appeal.published_answer_title,
    }
    subject = render_to_string(f"appeals_form/email/{notice}_subject.txt", context)
    body = render_to_string(f"appeals_form/email/{notice}.txt", context)
    message = EmailMessage(subject=" ".join(subject.split()), body=body, to=[appeal.email])
    if answer_file is not None:
        message.attach(appeal.answer_file_name or "otvet", answer_file, appeal.answer_file_type or None)
    message.send()


def _answer_file(appeal: Appeal) -> bytes | None:
    """The answer's file to attach: at most the size an uploaded file may have (``APPEALS_MAX_FILE_SIZE``)."""
    if not appeal.answer_file:
        return None
    limit = settings.APPEALS_MAX_FILE_SIZE
    with appeal.answer_file.open("rb") as handle:
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def due_digest_message(digest, *, department: dict) -> EmailMessage:
    """To an executor: their appeals due soon and overdue, and to the department's members those with no
    executor yet (numbers, dates, admin links; no text).

    ``department`` is the e-mails' signature (``department_signature()``), read once for all digests.
    """
    from django.urls import reverse

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")

    def rows(appeals):
        return [
            {
                "number": appeal.number,
                "due_date": appeal.due_date,
                "url": base + reverse("appeal_queue:detail", args=[appeal.pk]),
            }
            for appeal in appeals
        ]

    context = {
        "executor_name": digest.executor.get_full_name() or digest.executor.get_username(),
        "overdue": rows(digest.overdue),
        "due_soon": rows(digest.due_soon),
        "unassigned_overdue": rows(digest.unassigned_overdue),
        "unassigned_due_soon": rows(digest.unassigned_due_soon),
        "unassigned": len(digest.unassigned_overdue) + len(digest.unassigned_due_soon),
        "due_soon_days": settings.APPEALS_DUE_SOON_WORKING_DAYS,
        "queue_url": base + reverse("appeal_queue:index"),
        "department": department,
        # The day the lists were made for (``--date`` may ask another than today).
        "today": digest.on or timezone.localdate(),
    }
    subject = render_to_string("appeals_form/email/due_digest_subject.txt", context)
    body = render_to_string("appeals_form/email/due_digest.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[digest.executor.email])


def send_due_digests(digests) -> int:
    """Every digest over one mail connection: the signature and the sender are read once, not per e-mail."""
    if not digests:
        return 0
    department = department_signature()
    messages = [due_digest_message(digest, department=department) for digest in digests]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
