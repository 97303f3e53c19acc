"""E-mails to the resident about a sign-up: plain text, with an .ics attachment (a cancelled event when cancelled).

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


def calendar_attachment(content: bytes, *, method: str = "PUBLISH") -> MIMEText:
    """The .ics file as a MIME part: ``text/calendar; charset="utf-8"; method="PUBLISH"``, each parameter once.

    (Django's ``attach(name, content, "text/calendar; charset=utf-8; method=PUBLISH")``
    adds its own charset after the given one: the header named it twice.)
    """
    part = MIMEText(content.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=ICS_FILENAME)
    return part


def send_confirmation(signup: SignUp) -> None:
    """Date, time, place, the cancel link (a fresh token) and the reception as an .ics file."""
    context = _context(signup)
    context["cancel_url"] = services.cancel_url(services.issue_cancel_token(signup))
    message = _message("signup_confirmed", context, signup.email)
    message.attach(calendar_attachment(feeds.signup_calendar(signup, reception=context["reception"])))
    message.send()


def _send_cancellation(template: str, signup: SignUp) -> None:
    """The cancellation, with the reception as a cancelled .ics event (same UID as the confirmation's):
    a calendar that holds the reception marks it cancelled or removes it."""
    context = _context(signup)
    rules = list(signup.session.official.rules.all())
    path = selectors.official_signup_path(signup.session.official) if any(r.online_signup for r in rules) else ""
    context["signup_again_url"] = feeds.absolute(path) if path else ""
    context["signup_phone"] = next((rule.phone for rule in rules if rule.phone), "")
    message = _message(template, context, signup.email)
    content = feeds.signup_calendar(signup, reception=context["reception"], cancelled=True)
    message.attach(calendar_attachment(content, method=feeds.SIGNUP_CANCEL_METHOD))
    message.send()


def send_cancelled_by_staff(signup: SignUp) -> None:
    """The reason, and where to sign up again (the official's form, the phone of the official's schedule)."""
    _send_cancellation("signup_cancelled", signup)


def send_cancelled_by_resident(signup: SignUp) -> None:
    """What was cancelled and when: nothing the confirmation did not already hold."""
    _send_cancellation("signup_cancelled_by_resident", signup)
