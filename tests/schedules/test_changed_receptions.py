"""A changed reception (a deputy holds it, it is moved, it is in another place) is named the same way at every
step a resident sees: the schedule, the official's and the deputy's calendar feeds, the slot to choose, the page
after signing up, the confirmation e-mail and its .ics file, the cancel page and the cancellation e-mail.

Found by a tester on the demo: the schedule said «Приём ведёт … Морозова Елена Сергеевна», the sign-up flow named
the absent head everywhere, the deputy's feed did not list the reception, and the slot of a moved reception
did not say «перенесён с …». Every step now reads ``selectors.booked_reception`` / ``rules.host_text``.
"""

import re
from datetime import date, time
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from icalendar import Calendar

from schedules import rules, selectors
from schedules.factories import AbsenceFactory, OfficialFactory, PlaceFactory
from schedules.models import Absence, ReceptionException, SignUp

from .conftest import make_official, signup_data

pytestmark = pytest.mark.django_db

HEAD = "Глава городского округа, Соколов Андрей Викторович"
DEPUTY = "Первый заместитель главы, Морозова Елена Сергеевна"
HOST = f"{DEPUTY} (вместо: {HEAD})"


@pytest.fixture
def head(place):
    return make_official(
        place=place,
        surname="Соколов",
        first_name="Андрей",
        patronymic="Викторович",
        position="Глава городского округа",
        slug="sokolov",
    )


@pytest.fixture
def deputy(db):
    return OfficialFactory(
        surname="Морозова", first_name="Елена", patronymic="Сергеевна", position="Первый заместитель главы",
        slug="morozova",
    )  # fmt: skip


def _open(official):
    options = selectors.signup_options(official)
    assert options
    return options


def _sign_up(client, submit, schedule_page, official, option):
    occ = option.occurrence
    slot = option.free_slots[0]
    url = schedule_page.url + f"{official.slug}/zapis/"
    response = submit(url, signup_data(selectors.option_value(occ.date, occ.time_from, slot)))
    assert response.status_code == 303, response.content.decode()
    return client.get(response["Location"]).content.decode()


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _ics(message):
    (part,) = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    (vevent,) = Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
    return part, vevent


def _cancel_url(message) -> str:
    return re.search(r"https?://\S+?(/priem/otmena/\S+/)", message.body).group(1)


def test_every_step_of_a_sign_up_names_the_deputy_who_receives(client, submit, schedule_page, head, deputy):
    first = _open(head)[0].occurrence
    AbsenceFactory(official=head, kind=Absence.Kind.TRIP, date_from=first.date, date_to=first.date, deputy=deputy)
    option = _open(head)[0]
    assert option.occurrence.date == first.date and option.host == HOST

    form = _text(client.get(schedule_page.url + "sokolov/zapis/").content.decode())
    assert f"Приём ведёт {HOST}" in form

    done = _text(_sign_up(client, submit, schedule_page, head, option))
    assert f"Кто принимает {HOST}" in done

    (confirmation,) = mail.outbox
    assert f"Кто принимает: {HOST}\n" in confirmation.body
    _, vevent = _ics(confirmation)
    assert str(vevent["SUMMARY"]) == f"Личный приём: {HOST}"
    assert f"Кто принимает: {HOST}." in str(vevent["DESCRIPTION"])

    cancel_url = _cancel_url(confirmation)
    assert f"Кто принимает {HOST}" in _text(client.get(cancel_url).content.decode())
    submit(cancel_url, {})
    cancelled = mail.outbox[-1]
    assert "отменена" in cancelled.subject and f"Кто принимает: {HOST}\n" in cancelled.body

    # The schedule says the same (the schedule page and the head's feed were right before).
    page = _text(client.get(schedule_page.url + "sokolov/").content.decode())
    assert f"Приём ведёт {DEPUTY}" in page


def test_a_reception_without_a_change_names_the_official_alone(client, submit, schedule_page, head):
    option = _open(head)[0]
    assert option.host == "" and option.occurrence.marks == ()
    done = _text(_sign_up(client, submit, schedule_page, head, option))
    assert f"Кто принимает {HEAD} Дата" in done and "вместо" not in done
    (confirmation,) = mail.outbox
    assert f"Кто принимает: {HEAD}\n" in confirmation.body and "Изменени" not in confirmation.body
    assert str(_ics(confirmation)[1]["SUMMARY"]) == f"Личный приём: {HEAD}"


def test_a_moved_reception_says_so_at_every_step(client, submit, schedule_page, head):
    options = _open(head)
    original, target = options[0].occurrence, options[1].occurrence
    ReceptionException.objects.create(
        official=head, date=original.date, action="moved", new_date=target.date, new_time_from=time(10),
        new_time_to=time(11), reason="Участие в заседании Совета депутатов",
    )  # fmt: skip
    mark = f"перенесён с {original.date:%d.%m}"
    moved = next(o for o in _open(head) if o.occurrence.moved_from == original.date)
    assert moved.occurrence.marks == (mark,)

    # The schedule page shows the mark; the slot, the pages and the e-mail show the same one.
    assert mark in _text(client.get(schedule_page.url + "sokolov/").content.decode())
    form = _text(client.get(schedule_page.url + "sokolov/zapis/").content.decode())
    assert mark in form

    done = _text(_sign_up(client, submit, schedule_page, head, moved))
    assert mark in done
    note = f"Приём перенесён с {original.date:%d.%m.%Y}: Участие в заседании Совета депутатов"
    assert note in done
    (confirmation,) = mail.outbox
    assert note in confirmation.body
    assert note in str(_ics(confirmation)[1]["DESCRIPTION"])
    assert mark in _text(client.get(_cancel_url(confirmation)).content.decode())


def test_a_reception_in_another_place_says_so_at_every_step(client, submit, schedule_page, head):
    option = _open(head)[0]
    hall = PlaceFactory(title="Дом культуры «Юность»", address="ул. Мира, д. 20")
    ReceptionException.objects.create(
        official=head, date=option.occurrence.date, action="place", new_place=hall, reason="Ремонт кабинета"
    )
    option = _open(head)[0]
    assert option.occurrence.marks == ("в другом месте",)
    form = _text(client.get(schedule_page.url + "sokolov/zapis/").content.decode())
    assert "Дом культуры «Юность» в другом месте" in form
    done = _text(_sign_up(client, submit, schedule_page, head, option))
    assert "в другом месте" in done and "Дом культуры «Юность», ул. Мира, д. 20" in done
    (confirmation,) = mail.outbox
    assert "В этот день приём проходит в другом месте." in confirmation.body
    assert "Место: Дом культуры «Юность», ул. Мира, д. 20" in confirmation.body


def test_the_deputy_feed_lists_the_receptions_she_holds_for_another_official(client, schedule_page, head, deputy):
    first = _open(head)[0].occurrence
    AbsenceFactory(official=head, kind=Absence.Kind.TRIP, date_from=first.date, date_to=first.date, deputy=deputy)

    def events(slug):
        ics = client.get(schedule_page.url + f"{slug}/ical/")
        return {e.decoded("DTSTART").date(): e for e in Calendar.from_ical(ics.content).walk("VEVENT")}

    held = events("morozova")  # she has no rules of her own
    assert list(held) == [first.date]
    event = held[first.date]
    assert str(event["SUMMARY"]) == f"Личный приём: {HOST}"
    assert str(event["URL"]).endswith("/sokolov/")  # where one signs up for it
    # The head's feed names her the same way, as the same calendar entry (one UID for both feeds).
    own = events("sokolov")[first.date]
    assert str(own["SUMMARY"]) == f"Личный приём: {HOST}" and own["UID"] == event["UID"]
    assert "Приём ведёт" in str(own["DESCRIPTION"])


def test_a_reception_moved_into_a_period_with_a_deputy_is_the_deputys(place):
    official = make_official(place=place)
    deputy = OfficialFactory()
    occurrences, _ = rules.compute(
        rules=official.rules.all(), exceptions=[], start=date(2026, 3, 2), end=date(2026, 3, 13)
    )
    original, target = occurrences[0], occurrences[-1]
    moved = ReceptionException(
        official=official, date=original.date, action="moved", new_date=target.date, new_time_from=time(10),
        new_time_to=time(11), reason="Совет",
    )  # fmt: skip
    trip = AbsenceFactory(official=official, date_from=target.date, date_to=target.date, deputy=deputy)
    occurrences, _ = rules.compute(
        rules=official.rules.all(), exceptions=[moved], absences=[trip], start=original.date, end=target.date
    )
    (landed,) = [occ for occ in occurrences if occ.moved_from]
    assert landed.deputy == deputy and landed.marks == (f"перенесён с {original.date:%d.%m}",)
    assert rules.host_text(landed, official=official).startswith(f"{deputy.position}, {deputy.full_name} (вместо:")


def test_cancelling_sends_one_confirmation_through_the_task_queue(
    client, submit, schedule_page, head, django_capture_on_commit_callbacks, monkeypatch
):
    option = _open(head)[0]
    _sign_up(client, submit, schedule_page, head, option)
    (confirmation,) = mail.outbox
    url = _cancel_url(confirmation)

    from schedules import services

    queued = []
    enqueue = services._enqueue
    monkeypatch.setattr(services, "_enqueue", lambda *args: queued.append(args) or enqueue(*args))
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = client.post(url)
    assert cancelled.status_code == 303  # Post/Redirect/Get: the cancel page says it
    assert "Запись отменена" in client.get(cancelled["Location"]).content.decode()
    signup = SignUp.objects.get()
    assert queued == [("send_signup_cancelled_by_resident", signup.pk)]
    assert len(mail.outbox) == 2
    message = mail.outbox[-1]
    assert message.to == ["petrova@example.ru"]
    assert message.subject == f"Запись на личный приём {option.date:%d.%m.%Y} отменена по вашей просьбе"
    body = message.body
    assert f"Дата: {option.date:%d.%m.%Y}" in body and "Время: с\u00a015:00 до\u00a015:30" in body
    assert f"Кто принимает: {HEAD}" in body and "Место: Администрация городского округа" in body
    cancelled_at = signup.cancelled_at.astimezone(ZoneInfo("Europe/Moscow"))
    assert f"отменена по ссылке из письма {cancelled_at:%d.%m.%Y} в {cancelled_at:%H:%M}" in body
    # Nothing the confirmation did not hold: no phone, no question, no surname, no link.
    for private in ("+7 916", "Ремонт крыши", "Петрова", "/priem/otmena/"):
        assert private not in body
    # Only the cancelled reception for the calendar (test_cancelled_calendar.py), nothing else.
    assert [part.get_content_type() for part in message.attachments] == ["text/calendar"]

    # A second press (or a reload) cancels nothing and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert len(mail.outbox) == 2


def test_the_calendar_attachment_header_names_each_parameter_once(client, submit, schedule_page, head):
    _sign_up(client, submit, schedule_page, head, _open(head)[0])
    (confirmation,) = mail.outbox
    part, _ = _ics(confirmation)
    header = part["Content-Type"]
    assert header.lower().count("charset") == 1, header
    assert header.lower().count("method") == 1, header
    assert part.get_params() == [("text/calendar", ""), ("charset", "utf-8"), ("method", "PUBLISH")]
    assert part.get_filename() == "priem.ics"
    assert part.get_content_disposition() == "attachment"
    assert part.get_payload(decode=True).decode("utf-8").startswith("BEGIN:VCALENDAR")
