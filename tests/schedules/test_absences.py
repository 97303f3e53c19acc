"""Schedules in real life: vacations and sick leave as a period, a deputy for a period, a reception moved
to another place for one day; shown on the public page, in the .ics feed and the sign-up slots; sign-ups
of a cancelled date cancelled with a notice by e-mail."""

from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from wagtail import hooks

from schedules import rules, selectors
from schedules.factories import AbsenceFactory, OfficialFactory, PlaceFactory, ReceptionRuleFactory
from schedules.models import Absence, ReceptionException, SignUp

from .conftest import first_open_option, signup_data

pytestmark = pytest.mark.django_db

MON, TUE = 0, 1


def weekly_official(place, **kwargs):
    official = OfficialFactory(**kwargs)
    ReceptionRuleFactory(official=official, weekdays=[TUE], time_from=time(15), time_to=time(18), place=place)
    return official


def test_a_vacation_cancels_every_reception_in_the_period_with_one_reason(place):
    official = weekly_official(place)
    vacation = AbsenceFactory(official=official, date_from=date(2026, 3, 2), date_to=date(2026, 3, 15))
    occurrences, notices = rules.compute(
        rules=official.rules.all(),
        exceptions=[],
        absences=[vacation],
        start=date(2026, 3, 1),
        end=date(2026, 3, 31),
    )
    assert [occ.date for occ in occurrences] == [date(2026, 3, 17), date(2026, 3, 24), date(2026, 3, 31)]
    assert [(n.date, n.kind) for n in notices] == [(date(2026, 3, 3), "absence"), (date(2026, 3, 10), "absence")]
    assert notices[0].text == "Приёма нет: отпуск с 02.03.2026 по 15.03.2026"


def test_a_deputy_holds_the_receptions_of_the_period(place):
    official = weekly_official(place, surname="Соколов")
    deputy = OfficialFactory(surname="Морозова", first_name="Елена", patronymic="", position="Первый заместитель")
    trip = AbsenceFactory(
        official=official, kind=Absence.Kind.TRIP, date_from=date(2026, 3, 9), date_to=date(2026, 3, 13), deputy=deputy
    )
    occurrences, notices = rules.compute(
        rules=official.rules.all(), exceptions=[], absences=[trip], start=date(2026, 3, 9), end=date(2026, 3, 20)
    )
    assert not notices
    held_by_deputy, own = occurrences
    assert held_by_deputy.date == date(2026, 3, 10) and held_by_deputy.deputy == deputy
    assert held_by_deputy.place == place and held_by_deputy.time_from == time(15)
    assert "Приём ведёт Первый заместитель, Морозова Елена" in held_by_deputy.reason
    assert own.date == date(2026, 3, 17) and own.deputy is None


def test_a_reception_in_another_place_for_one_day(place):
    official = weekly_official(place)
    hall = PlaceFactory(title="Дом культуры «Юность»", address="ул. Мира, д. 20")
    change = ReceptionException(
        official=official, date=date(2026, 3, 10), action="place", new_place=hall, reason="Ремонт кабинета"
    )
    change.full_clean(exclude=["official"])
    occurrences, _ = rules.compute(
        rules=official.rules.all(), exceptions=[change], start=date(2026, 3, 9), end=date(2026, 3, 20)
    )
    assert [(occ.date, occ.place, occ.place_changed) for occ in occurrences] == [
        (date(2026, 3, 10), hall, True),
        (date(2026, 3, 17), place, False),
    ]


def test_validation_of_periods_and_place_changes(place):
    official = weekly_official(place)
    with pytest.raises(Exception, match="раньше даты начала"):
        Absence(official=official, date_from=date(2026, 3, 10), date_to=date(2026, 3, 1)).full_clean()
    with pytest.raises(Exception, match="самово|само себя"):
        Absence(official=official, date_from=date(2026, 3, 1), date_to=date(2026, 3, 2), deputy=official).full_clean()
    with pytest.raises(Exception, match="где пройдёт приём"):
        ReceptionException(official=official, date=date(2026, 3, 10), action="place", reason="x").full_clean()


def test_public_pages_feed_and_slots_follow_a_vacation(client, schedule_page, slot_official):
    today = timezone.localdate()
    occ, _, _ = first_open_option(slot_official)
    AbsenceFactory(official=slot_official, date_from=today, date_to=occ.date + timedelta(days=2), note="")
    assert all(o.date > occ.date + timedelta(days=2) for o in selectors.open_occurrences(slot_official))

    html = client.get(schedule_page.url).content.decode()
    assert f"Сейчас: отпуск по\u00a0{(occ.date + timedelta(days=2)):%d.%m.%Y}; приёмы в\u00a0эти дни отменены." in html
    page = client.get(schedule_page.url + f"{slot_official.slug}/").content.decode()
    assert "Изменения в графике" in page and "Приёма нет: отпуск с" in page

    ics = client.get(schedule_page.official_url(slot_official, "official_ics"))
    dates = {event.decoded("dtstart").date() for event in Calendar.from_ical(ics.content).walk("VEVENT")}
    assert dates and occ.date not in dates


def test_public_page_names_the_deputy(client, schedule_page, slot_official):
    today = timezone.localdate()
    deputy = OfficialFactory(surname="Кузнецов", first_name="Павел", patronymic="Олегович", position="Заместитель")
    AbsenceFactory(official=slot_official, kind="sick_leave", date_from=today, date_to=today + timedelta(days=30),
                   deputy=deputy)  # fmt: skip
    page = client.get(schedule_page.url + f"{slot_official.slug}/").content.decode()
    assert "Приём ведёт Заместитель, Кузнецов Павел Олегович" in page
    assert "Сейчас: болезнь по" in page
    assert selectors.open_occurrences(slot_official)  # sign-up stays open with the deputy


def test_sign_ups_of_a_cancelled_date_are_cancelled_and_told_by_email(
    client, submit, schedule_page, slot_official, django_capture_on_commit_callbacks
):
    from schedules.wagtail_hooks import cancel_signups_of_dropped_receptions

    occ, choice, _ = first_open_option(slot_official)
    submit(schedule_page.url + f"{slot_official.slug}/zapis/", signup_data(choice))
    signup = SignUp.objects.get()
    mail.outbox.clear()

    AbsenceFactory(official=slot_official, date_from=occ.date, date_to=occ.date)
    assert cancel_signups_of_dropped_receptions in hooks.get_hooks("after_edit_snippet")
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory

    request = RequestFactory().post("/admin/")
    request.session = client.session
    request._messages = FallbackStorage(request)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_signups_of_dropped_receptions(request, slot_official)
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CANCELLED and signup.cancelled_by == SignUp.CancelledBy.STAFF
    assert signup.cancel_reason.startswith("Приёма нет: отпуск с")
    (message,) = mail.outbox
    assert message.to == ["petrova@example.ru"] and "отпуск" in message.body
    assert "Отменено записей на приём: 1" in [str(m) for m in request._messages][0]
    # Nothing else changes: a second run cancels nothing more.
    assert cancel_signups_of_dropped_receptions(request, slot_official) is None
    assert len(mail.outbox) == 1


def test_a_reception_moved_into_a_vacation_does_not_take_place(place):
    official = weekly_official(place)
    moved = ReceptionException(
        official=official, date=date(2026, 3, 3), action="moved", new_date=date(2026, 3, 12), reason="Совет депутатов"
    )
    vacation = AbsenceFactory(official=official, date_from=date(2026, 3, 9), date_to=date(2026, 3, 13))
    occurrences, notices = rules.compute(
        rules=official.rules.all(),
        exceptions=[moved],
        absences=[vacation],
        start=date(2026, 3, 1),
        end=date(2026, 3, 14),
    )
    assert occurrences == []
    assert [(n.date, n.kind) for n in notices] == [
        (date(2026, 3, 3), "moved"),
        (date(2026, 3, 10), "absence"),
        (date(2026, 3, 12), "absence"),
    ]
