"""Online sign-up: form, confirmation, e-mail with .ics and cancel link, cancel page, no double booking."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from schedules import services
from schedules.models import SignUp
from tests.home.back_button import shown_again

from .conftest import first_open_option, signup_data

pytestmark = pytest.mark.django_db


def signup_url(page, official):
    return page.url + f"{official.slug}/zapis/"


def cancel_link(message) -> str:
    match = re.search(r"http\S+/priem/otmena/(\S+)/", message.body)
    assert match, message.body
    return match.group(1)


def test_form_offers_free_slots_and_marks_required_fields(client, submit, schedule_page, slot_official):
    response = client.get(signup_url(schedule_page, slot_official))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'type="radio"' in html and ">15:00<" in html and ">15:30<" in html
    assert html.count("обязательное поле") >= 6
    assert "Я даю согласие на обработку персональных данных" in html.replace("\xa0", " ")


def test_sign_up_confirms_and_emails_an_ics_and_a_cancel_link(client, submit, schedule_page, slot_official):
    occ, choice, slot = first_open_option(slot_official)
    response = submit(signup_url(schedule_page, slot_official), signup_data(choice))
    assert response.status_code == 303 and response["Location"] == reverse("schedules:done")

    signup = SignUp.objects.get()
    assert (signup.session.date, signup.slot_start, signup.status) == (occ.date, slot, "active")
    assert signup.consent_version == "2026-11-01" and "согласие" in signup.consent_text
    assert signup.consent_given_at is not None

    done = client.get(response["Location"])
    assert done.status_code == 200 and done["Cache-Control"] == "no-store, private"
    assert "petrova@example.ru" in done.content.decode()

    (message,) = mail.outbox
    assert message.to == ["petrova@example.ru"]
    assert occ.date.strftime("%d.%m.%Y") in message.subject
    assert "с\u00a015:00 до\u00a015:30" in message.body
    (part,) = [p for p in message.message().walk() if p.get_filename() == "priem.ics"]
    assert part.get_content_type() == "text/calendar"
    (vevent,) = Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
    assert vevent.decoded("DTSTART").strftime("%Y-%m-%d %H:%M %z") == f"{occ.date:%Y-%m-%d} 15:00 +0300"
    assert vevent.decoded("DTEND").strftime("%H:%M") == "15:30"

    token = cancel_link(message)
    assert len(token) >= 40
    assert token not in SignUp.objects.values_list("cancel_token_hash", flat=True)[0]


def test_resident_cancels_with_the_link_and_the_slot_is_free_again(client, submit, schedule_page, slot_official):
    _, choice, _ = first_open_option(slot_official)
    submit(signup_url(schedule_page, slot_official), signup_data(choice))
    token = cancel_link(mail.outbox[0])
    url = reverse("schedules:cancel", args=[token])

    page = client.get(url)
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store, private" and page["X-Robots-Tag"] == "noindex, nofollow"
    assert page["Referrer-Policy"] == "same-origin"
    assert "Отменить запись" in page.content.decode()

    cancelled = client.post(url)
    # Post/Redirect/Get: reload and Back never send «Отменить запись» again.
    assert cancelled.status_code == 303 and cancelled["Location"] == url + "?cancelled=1"
    shown = client.get(cancelled["Location"]).content.decode()
    assert "Запись отменена" in shown and "Спасибо, что предупредили" in shown
    # Pressed again (another tab): a redirect too, and no «just cancelled» for what was cancelled before.
    again = client.post(url)
    assert again.status_code == 303 and again["Location"] == url
    assert SignUp.objects.get().status == "cancelled"
    assert SignUp.objects.get().cancelled_by == "resident"
    # The same time can be taken again.
    other = signup_data(choice, email="ivanov@example.ru")
    assert submit(signup_url(schedule_page, slot_official), other).status_code == 303


def test_unknown_token_is_404(client):
    response = client.get(reverse("schedules:cancel", args=["x" * 43]))
    assert response.status_code == 404 and response["Cache-Control"] == "no-store, private"


def test_a_taken_slot_cannot_be_booked_twice(client, submit, schedule_page, slot_official):
    _, choice, _ = first_open_option(slot_official)
    assert submit(signup_url(schedule_page, slot_official), signup_data(choice)).status_code == 303
    second = submit(signup_url(schedule_page, slot_official), signup_data(choice, email="ivanov@example.ru"))
    assert "уже занято" in shown_again(client, second).content.decode()
    assert SignUp.objects.count() == 1


def test_places_mode_never_overbooks(client, submit, schedule_page, places_official):
    occ, choice, _ = first_open_option(places_official)
    emails = ["a@example.ru", "b@example.ru", "c@example.ru"]
    codes = [
        submit(signup_url(schedule_page, places_official), signup_data(choice, email=e)).status_code for e in emails
    ]
    assert codes == [303, 303, 303]
    assert SignUp.objects.filter(session__date=occ.date).count() == 2


def test_the_same_person_cannot_sign_up_twice_for_one_reception(client, submit, schedule_page, places_official):
    _, choice, _ = first_open_option(places_official)
    submit(signup_url(schedule_page, places_official), signup_data(choice))
    for alias in ("PETROVA@example.ru", "petrova+priem@example.ru"):
        again = submit(signup_url(schedule_page, places_official), signup_data(choice, email=alias))
        assert "уже записаны" in shown_again(client, again).content.decode()


def test_errors_are_listed_and_tied_to_fields(client, submit, schedule_page, slot_official):
    response = client.post(
        signup_url(schedule_page, slot_official),
        signup_data("", surname="", email="petrova@gmail.com", phone="12", consent=""),
    )
    html = shown_again(client, response).content.decode()
    assert 'class="error-summary"' in html
    assert 'aria-describedby="choice_error"' in html
    assert 'id="id_email_error"' in html and ".ru" in html
    assert 'aria-invalid="true"' in html
    assert not SignUp.objects.exists()


def test_an_address_outside_the_zones_says_what_a_sign_up_sends_and_keeps_what_was_typed(
    client, submit, schedule_page, slot_official
):
    _, choice, _ = first_open_option(slot_official)
    response = submit(signup_url(schedule_page, slot_official), signup_data(choice, email="petrova@gmail.com"))
    html = shown_again(client, response).content.decode()
    assert (
        "Подтверждение записи и ссылка для её отмены отправляются только на адрес в доменных зонах .ru, .рф, .su"
    ) in html
    assert "Ответ на обращение" not in html  # a sign-up is not an appeal
    assert 'value="petrova@gmail.com"' in html and "Ремонт крыши дома 5 по улице Мира." in html
    assert f'value="{choice}" checked' in html
    assert not SignUp.objects.exists() and not mail.outbox


def test_past_or_invented_dates_are_refused(client, submit, schedule_page, slot_official):
    for choice in ("2018-02-08_1500_1500", "garbage", "2099-01-01_1500_1500"):
        response = submit(signup_url(schedule_page, slot_official), signup_data(choice))
        assert "Выбранное время" in shown_again(client, response).content.decode()
    assert not SignUp.objects.exists()


def test_no_online_signup_means_no_form_but_the_officials_page_says_how(client, submit, schedule_page, place):
    """A kept sign-up link of an official who takes no sign-ups online answered a bare 404."""
    from schedules.factories import OfficialFactory, ReceptionRuleFactory

    official = OfficialFactory(slug="phone-only")
    ReceptionRuleFactory(official=official, place=place, online_signup=False, phone="8 (495) 554-10-10")
    response = client.get(schedule_page.url + "phone-only/zapis/", follow=True)
    assert response.redirect_chain == [(schedule_page.url + "phone-only/", 302)]
    assert "Запись по телефону" in response.content.decode() and "554-10-10" in response.content.decode()
    assert client.post(schedule_page.url + "phone-only/zapis/", signup_data("x")).status_code == 302
    assert not SignUp.objects.exists()
    assert client.get(schedule_page.url + "nobody/zapis/").status_code == 404


def test_rate_limit_per_email(client, submit, schedule_page, place, settings):
    from .conftest import make_official

    settings.SCHEDULES_SIGNUP_LIMIT_PER_EMAIL = 1
    first = make_official(place=place, slug="first")
    second = make_official(place=place, slug="second")
    _, choice1, _ = first_open_option(first)
    _, choice2, _ = first_open_option(second)
    assert submit(signup_url(schedule_page, first), signup_data(choice1)).status_code == 303
    # 303 to the form, which answers 429 with Retry-After while the limit holds, everything typed kept.
    limited = shown_again(client, submit(signup_url(schedule_page, second), signup_data(choice2)), status=429)
    assert limited["Retry-After"] and "Слишком много записей" in limited.content.decode()
    assert 'value="Петрова"' in limited.content.decode()
    # An alias of the same mailbox («+tag», another case) is the same mailbox for the limit.
    alias = submit(signup_url(schedule_page, second), signup_data(choice2, email="Petrova+2@example.ru"))
    shown_again(client, alias, status=429)
    assert SignUp.objects.count() == 1


def test_staff_cancel_sends_a_notice_with_the_reason(schedule_page, slot_official, django_capture_on_commit_callbacks):
    occ, _, slot = first_open_option(slot_official)
    signup = services.create_signup(
        official=slot_official,
        day=occ.date,
        time_from=occ.time_from,
        slot_start=slot,
        resident=services.Resident("Петрова", "Анна", "", "+79161234567", "petrova@example.ru", "Крыша"),
        consent_version="1",
        consent_text="Согласие",
        consent_given_at=timezone.now(),
    )
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel_by_staff(signup=signup, reason="Глава в командировке")
        assert not services.cancel_by_staff(signup=signup, reason="ещё раз")
    (message,) = mail.outbox
    assert "отменена" in message.subject and "Глава в командировке" in message.body


def test_purge_deletes_old_signups_only(slot_official, settings):
    from datetime import timedelta

    occ, _, slot = first_open_option(slot_official)
    signup = services.create_signup(
        official=slot_official,
        day=occ.date,
        time_from=occ.time_from,
        slot_start=slot,
        resident=services.Resident("Петрова", "Анна", "", "+79161234567", "petrova@example.ru", "Крыша"),
        consent_version="1",
        consent_text="Согласие",
        consent_given_at=timezone.now(),
    )
    assert services.purge_old_signups(today=occ.date) == 0
    later = occ.date + timedelta(days=settings.SCHEDULES_SIGNUP_RETENTION_DAYS + 1)
    assert services.purge_old_signups(today=later) == 1
    assert not SignUp.objects.filter(pk=signup.pk).exists()


def test_the_purge_is_a_daily_scheduled_job():
    from home import scheduler

    assert "schedules.purge_signups" in {job.name for job in scheduler.jobs()}


def test_a_taken_or_past_time_gets_one_clear_message_and_the_free_times(client, submit, schedule_page, slot_official):
    """Issue 12, item 5: no internal value in the message, the current free times shown."""
    _, choice, _ = first_open_option(slot_official)
    assert submit(signup_url(schedule_page, slot_official), signup_data(choice)).status_code == 303
    for stale in (choice, "2018-02-08_1500_1500"):
        response = submit(signup_url(schedule_page, slot_official), signup_data(stale, email="ivanov@example.ru"))
        html = shown_again(client, response).content.decode()
        assert "Выбранное время уже занято или прошло. Выберите другое из свободного времени ниже." in html
        assert stale not in html.replace(f'value="{stale}"', ""), "the internal value is never shown"
        assert "нет среди допустимых" not in html
        assert f'value="{choice}"' not in html, "the taken time is no longer offered"
        assert 'type="radio"' in html, "the free times are offered"
        assert 'value="Петрова"' in html, "what was typed is kept"


def test_a_time_taken_during_the_submission_gets_one_message(client, submit, schedule_page, slot_official, monkeypatch):
    """The race: free when the form was checked, taken before the sign-up was saved."""
    _, choice, slot = first_open_option(slot_official)
    real_create = services.create_signup

    def someone_else_first(**kwargs):
        real_create(
            **{**kwargs, "resident": services.Resident(**{**vars(kwargs["resident"]), "email": "x@example.ru"})}
        )
        return real_create(**kwargs)

    monkeypatch.setattr(services, "create_signup", someone_else_first)
    response = submit(signup_url(schedule_page, slot_official), signup_data(choice))
    html = shown_again(client, response).content.decode()
    field_error = re.search(r'<p class="field__error" id="choice_error">(.*?)</p>', html, re.S).group(1)
    assert field_error.count("уже занято") == 1, "one message, not two"
    assert html.count("уже занято") == 2, "once next to the choice, once in the summary at the top"
    assert f'value="{choice}"' not in html
    assert SignUp.objects.count() == 1


def test_reload_and_back_to_the_form_shown_with_errors_never_send_it_again(
    client, submit, schedule_page, slot_official
):
    """Found from outside (no JavaScript): reload or Back to the form shown with its errors re-sent it
    («Подтвердите повторную отправку формы», Chromium's ERR_CACHE_MISS). A POST with mistakes redirects to
    the form's address with ``?errors=1``: reloaded, it shows the same errors and values; the plain address
    keeps the values without errors; a successful sign-up forgets them."""
    _, choice, _ = first_open_option(slot_official)
    url = signup_url(schedule_page, slot_official)
    errors = submit(url, signup_data(choice, phone="12"))
    for _ in range(2):
        html = shown_again(client, errors).content.decode()
        assert 'id="id_phone_error"' in html and 'value="Петрова"' in html and f'value="{choice}" checked' in html
    plain = client.get(url).content.decode()
    assert 'value="Петрова"' in plain and "error-summary" not in plain
    assert submit(url, signup_data(choice)).status_code == 303
    assert 'value="Петрова"' not in client.get(url).content.decode()
