"""A cancelled sign-up leaves the resident's calendar too.

The confirmation e-mail attaches the reception as priem.ics and residents add it to their calendar.
The cancellation e-mails (by the resident's link, or by the department when the reception is dropped,
moved or the official is away) had no calendar part, so the calendar kept the reception and the resident
could come to a cancelled one. Every cancellation now attaches the same event (same UID, a later
SEQUENCE) as METHOD:CANCEL / STATUS:CANCELLED, which calendar programs apply to the event they hold.
"""

import re

import pytest
from django.core import mail
from icalendar import Calendar

from schedules import selectors, services
from schedules.models import SignUp

from .conftest import make_official, signup_data

pytestmark = pytest.mark.django_db


def _calendar(message):
    (part,) = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    (event,) = calendar.walk("VEVENT")
    return part, calendar, event


@pytest.fixture
def signed_up(client, submit, schedule_page, place):
    official = make_official(place=place, slug="kuznetsov")
    option = selectors.signup_options(official)[0]
    occ = option.occurrence
    value = selectors.option_value(occ.date, occ.time_from, option.free_slots[0])
    response = submit(schedule_page.url + f"{official.slug}/zapis/", signup_data(value))
    assert response.status_code == 303, response.content.decode()
    (confirmation,) = mail.outbox
    return SignUp.objects.get(), confirmation


def _cancel_by_resident(client, confirmation, django_capture_on_commit_callbacks):
    url = re.search(r"https?://\S+?(/priem/otmena/\S+/)", confirmation.body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)


def _cancel_by_staff(signup, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel_by_staff(signup=signup, reason="Приём перенесён на 17.12.2026: заседание")


@pytest.mark.parametrize("cancel", ["resident", "staff"])
def test_every_cancellation_cancels_the_reception_in_the_residents_calendar(
    client, signed_up, cancel, django_capture_on_commit_callbacks
):
    signup, confirmation = signed_up
    if cancel == "resident":
        _cancel_by_resident(client, confirmation, django_capture_on_commit_callbacks)
    else:
        _cancel_by_staff(signup, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    message = mail.outbox[-1]

    _, booked_calendar, booked = _calendar(confirmation)
    part, calendar, event = _calendar(message)
    assert booked_calendar["METHOD"] == "PUBLISH" and booked["STATUS"] == "CONFIRMED"
    assert part.get_params() == [("text/calendar", ""), ("charset", "utf-8"), ("method", "CANCEL")]
    assert part.get_filename() == "priem.ics"
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert str(event["UID"]) == str(booked["UID"])
    assert int(event["SEQUENCE"]) > int(booked.get("SEQUENCE", 0))
    assert event.decoded("DTSTART") == booked.decoded("DTSTART")
    assert event.decoded("DTEND") == booked.decoded("DTEND")
    assert str(event["SUMMARY"]).startswith("Отменено: ")
    assert str(event["ORGANIZER"]).startswith("mailto:") and str(event["ORGANIZER"]) == str(booked["ORGANIZER"])
    assert "priem.ics" in message.body and "отменённый" in message.body


@pytest.mark.parametrize("cancel", ["resident", "staff"])
def test_a_cancellation_says_where_to_sign_up_again(client, signed_up, cancel, django_capture_on_commit_callbacks):
    """«Вы можете записаться на другую дату на сайте или по телефону» gave neither the address nor the number:
    a resident whose reception was moved had to search for both."""
    signup, confirmation = signed_up
    official = signup.session.official
    rule = official.rules.first()
    rule.phone = "+7 (495) 000-01-12"
    rule.save()
    if cancel == "resident":
        _cancel_by_resident(client, confirmation, django_capture_on_commit_callbacks)
    else:
        _cancel_by_staff(signup, django_capture_on_commit_callbacks)
    body = mail.outbox[-1].body
    url = re.search(r"(https?://\S+/kuznetsov/zapis/)", body).group(1)
    assert "+7 (495) 000-01-12" in body
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200


@pytest.mark.parametrize("cancel", ["resident", "staff"])
def test_the_calendar_names_the_department_as_people_read_it(
    client, submit, schedule_page, place, cancel, django_capture_on_commit_callbacks
):
    """The ORGANIZER's name was parsed back from the e-mail header, so a Russian name reached the
    calendar in its RFC 2047 form: «=?utf-8?b?0J7RgtC0…?=» as the organizer of the reception."""
    from wagtail.models import Site

    from home.models import DepartmentSettings

    department = DepartmentSettings.for_site(Site.objects.get(is_default_site=True))
    department.department_name = "Отдел по работе с обращениями граждан, «Энск»"
    department.email = "obrashcheniya@ensk.example"
    department.save()
    official = make_official(place=place, slug="kuznetsov")
    option = selectors.signup_options(official)[0]
    value = selectors.option_value(option.occurrence.date, option.occurrence.time_from, option.free_slots[0])
    assert submit(schedule_page.url + f"{official.slug}/zapis/", signup_data(value)).status_code == 303
    if cancel == "resident":
        _cancel_by_resident(client, mail.outbox[0], django_capture_on_commit_callbacks)
    else:
        _cancel_by_staff(SignUp.objects.get(), django_capture_on_commit_callbacks)
    for message in mail.outbox:
        part, _, event = _calendar(message)
        assert "=?" not in part.get_payload(decode=True).decode("utf-8")  # no header encoding anywhere
        assert event["ORGANIZER"].params["CN"] == department.department_name
        assert str(event["ORGANIZER"]) == "mailto:obrashcheniya@ensk.example"
