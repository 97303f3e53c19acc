"""E-mails to the resident about a sign-up: plain text, with an .ics attachment on confirmation.

Every e-mail names the reception as the schedule does now (``selectors.booked_reception``):
who actually receives (a deputy, «вместо» the official), a moved reception or one in
another place.
"""

from email.mime.text import MIMEText

from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from home.emails import department_signature
from schedules import feeds, selectors, services
from schedules.models import SignUp

ICS_FILENAME = "priem.ics"


def _context(signup: SignUp) -> dict:
    start, end = signup.time_range()
    session = signup.session
    return {
        "signup": signup,
        "name": " ".join(part for part in (signup.first_name, signup.patronymic) if part),
        "official": session.official,
        "reception": selectors.booked_reception(session),
        "date": session.date,
        "start": start,
        "end": end,
        "place": session.place,
        "department": department_signature(),
    }


def _message(template: str, context: dict, to: str) -> EmailMessage:
    subject = render_to_string(f"schedules/email/{template}_subject.txt", context)
    body = render_to_string(f"schedules/email/{template}.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[to])


def calendar_attachment(content: bytes) -> MIMEText:
    """The .ics file as a MIME part: ``text/calendar; charset="utf-8"; method="PUBLISH"``, each parameter once.

    (Django's ``attach(name, content, "text/calendar; charset=utf-8; method=PUBLISH")``
    adds its own charset after the given one: the header named it twice.)
    """
    part = MIMEText(content.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", "PUBLISH")
    part.add_header("Content-Disposition", "attachment", filename=ICS_FILENAME)
    return part


def send_confirmation(signup: SignUp) -> None:
    """Date, time, place, the cancel link (a fresh token) and the reception as an .ics file."""
    context = _context(signup)
    context["cancel_url"] = services.cancel_url(services.issue_cancel_token(signup))
    message = _message("signup_confirmed", context, signup.email)
    message.attach(calendar_attachment(feeds.signup_calendar(signup, reception=context["reception"])))
    message.send()


def send_cancelled_by_staff(signup: SignUp) -> None:
    message = _message("signup_cancelled", _context(signup), signup.email)
    message.send()


def send_cancelled_by_resident(signup: SignUp) -> None:
    """What was cancelled and when: nothing the confirmation did not already hold."""
    message = _message("signup_cancelled_by_resident", _context(signup), signup.email)
    message.send()
