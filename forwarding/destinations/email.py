"""E-mail to the registry mailbox: a structured plain-text message with the attachments.

Options: ``to`` (a list of addresses), ``from`` (default DEFAULT_FROM_EMAIL),
``backend`` (a Django e-mail backend path; default EMAIL_BACKEND).

Headers ``X-Idempotency-Key`` and a ``Message-ID`` built from the key let a
mailbox or an import robot discard repeats. Accepted = the mail server took
the message; 5xx answers (a refused recipient or sender) are permanent.
"""

import smtplib
from datetime import date, datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string

from identity.types import METHOD_LABELS

from .base import Destination, Envelope, PermanentFailure, Receipt, TemporaryFailure

MESSAGE_ID_DOMAIN = "appeals-portal.forwarding"
EMAIL_TIMEOUT_FALLBACK_SECONDS = 60


class EmailDestination(Destination):
    type = "email"
    required = ("to",)

    def __init__(self, config: dict):
        super().__init__(config)
        to = config["to"]
        self.to: list[str] = [to] if isinstance(to, str) else list(to)
        self.from_email: str = config.get("from") or settings.DEFAULT_FROM_EMAIL
        self.backend: str | None = config.get("backend")

    @classmethod
    def default_timeout(cls) -> float:
        # The SMTP connection's own timeout (Django's EMAIL_TIMEOUT; None would mean "wait forever").
        return getattr(settings, "EMAIL_TIMEOUT", None) or EMAIL_TIMEOUT_FALLBACK_SECONDS

    def describe(self) -> str:
        return "Эл. почта: " + ", ".join(self.to)

    def message(self, envelope: Envelope) -> EmailMessage:
        appeal = envelope.document["appeal"]
        context = {
            "doc": envelope.document,
            "appeal": appeal,
            "key": envelope.idempotency_key,
            "received": _moment(appeal.get("received_at")),
            "registered": _moment(appeal.get("registered_at")),
            "registered_on": _day(appeal.get("registered_at")),
            "due": _day(appeal.get("due_date")),
            "verified": _moment(appeal.get("identity", {}).get("verified_at")),
            "identity_label": METHOD_LABELS.get(appeal.get("identity", {}).get("method"), ""),
        }
        subject = " ".join(render_to_string("forwarding/email/appeal_subject.txt", context).split())
        body = render_to_string("forwarding/email/appeal.txt", {**context, "attachments": envelope.attachments})
        message = EmailMessage(
            subject=subject,
            body=body,
            from_email=self.from_email,
            to=self.to,
            headers={
                "Message-ID": f"<{envelope.idempotency_key}@{MESSAGE_ID_DOMAIN}>",
                "X-Idempotency-Key": envelope.idempotency_key,
                "X-Portal-Event": envelope.event,
            },
        )
        for attachment in envelope.attachments:
            message.attach(attachment.name, attachment.content, attachment.content_type)
        return message

    def send(self, envelope: Envelope) -> Receipt:
        message = self.message(envelope)
        try:
            message.connection = get_connection(backend=self.backend, fail_silently=False)
            if hasattr(message.connection, "timeout"):
                message.connection.timeout = self.timeout
            sent = message.send(fail_silently=False)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as exc:
            raise PermanentFailure(f"Почтовый сервер отклонил адрес ({type(exc).__name__})") from exc
        except smtplib.SMTPResponseException as exc:
            if exc.smtp_code >= 500:
                raise PermanentFailure(f"Почтовый сервер отклонил письмо: код {exc.smtp_code}") from exc
            raise TemporaryFailure(f"Почтовый сервер: код {exc.smtp_code}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise TemporaryFailure(f"Почтовый сервер недоступен ({type(exc).__name__})") from exc
        if not sent:
            raise TemporaryFailure("Письмо не отправлено")
        return Receipt(detail="принято почтовым сервером")


def _moment(value: str | None) -> str:
    return datetime.fromisoformat(value).strftime("%d.%m.%Y %H:%M") if value else ""


def _day(value: str | None) -> str:
    return date.fromisoformat(value[:10]).strftime("%d.%m.%Y") if value else ""
