"""The e-mail code, end to end with the test client: send, type, identified."""

import re
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from identity.models import EmailCode
from identity.session import SESSION_KEY
from identity.types import METHOD_EMAIL_CODE
from tests.home.back_button import shown_again

pytestmark = pytest.mark.django_db

START = reverse("identity:start")
CODE = reverse("identity:code")


def input_value(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html) or re.search(
        rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', html
    )
    return unescape(match.group(1)) if match else ""


def assert_no_store(response):
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_start_page_explains_the_law_and_offers_the_email_code(client):
    response = client.get(START, {"next": "/obrashcheniya/forma/"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Подтверждение личности</h1>" in html
    assert "30 марта 2025" in html and "59-ФЗ" in html
    assert f'action="{reverse("identity:send_code")}"' in html
    assert input_value(html, "next") == "/obrashcheniya/forma/"
    assert "обязательное поле" in html
    assert 'for="id_email"' in html
    # OpenID Connect is not configured in the test settings: no button.
    assert "Войти через" not in html
    assert_no_store(response)


def test_code_by_mail_identifies_the_resident_and_returns_to_the_form(client, send_code, last_code):
    response = send_code("Ivanov@Пример.РФ", next_url="/obrashcheniya/forma/")
    assert response.status_code == 303
    assert response["Location"] == CODE
    assert_no_store(response)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Ivanov@пример.рф"]
    code = last_code("Ivanov@пример.рф")
    assert code not in message.subject

    page = client.get(CODE)
    assert page.status_code == 200
    assert "Ivanov@пример.рф" in page.content.decode()
    assert_no_store(page)

    session_key_before = client.session.session_key
    response = client.post(CODE, {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 303
    assert response["Location"] == "/obrashcheniya/forma/"
    session = client.session
    assert session.session_key != session_key_before  # cycled against fixation
    stored = session[SESSION_KEY]
    assert stored["method"] == METHOD_EMAIL_CODE
    assert stored["email"] == "Ivanov@пример.рф"
    assert stored["surname"] == ""

    # The start page now says so and offers to leave.
    html = client.get(START).content.decode()
    assert "Личность подтверждена" in html
    assert f'action="{reverse("identity:logout")}"' in html


def test_the_mail_goes_out_only_after_the_transaction_commits(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("identity:send_code"), {"email": "ivanov@mail.ru"})
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["ivanov@mail.ru"]]


def test_neither_the_code_nor_the_address_is_stored_in_clear(send_code, last_code):
    send_code("ivanov@mail.ru")
    code = last_code("ivanov@mail.ru")
    row = EmailCode.objects.get()
    stored = " ".join(str(value) for value in row.__dict__.values())
    assert code not in stored
    assert "ivanov" not in stored


def test_a_wrong_code_says_how_many_tries_are_left_and_shows_the_address(client, send_code, last_code):
    send_code("ivanov@mail.ru")
    code = last_code("ivanov@mail.ru")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    response = shown_again(client, client.post(CODE, {"code": wrong}))
    html = response.content.decode()
    assert "Неверный код. Осталось 4 попытки." in html
    assert "ivanov@mail.ru" in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_code-hint id_code-error-1"' in html
    assert SESSION_KEY not in client.session


def test_a_malformed_code_is_not_counted_as_a_try(client, send_code):
    send_code("ivanov@mail.ru")
    response = shown_again(client, client.post(CODE, {"code": "12ab56"}))
    assert "Введите 6 цифр кода из письма." in response.content.decode()
    assert EmailCode.objects.get().attempts == 0


def test_after_five_wrong_tries_even_the_right_code_is_refused(client, send_code, last_code):
    send_code("ivanov@mail.ru")
    code = last_code("ivanov@mail.ru")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    messages = [shown_again(client, client.post(CODE, {"code": wrong})).content.decode() for _ in range(5)]
    assert "Осталась 1 попытка." in messages[3]
    assert "Код введён неверно 5 раз" in messages[4]
    html = shown_again(client, client.post(CODE, {"code": code})).content.decode()
    assert "Код введён неверно 5 раз" in html
    assert "Запросить новый код" in html
    assert SESSION_KEY not in client.session


def test_a_code_expires_after_ten_minutes(client, clock, send_code, last_code):
    send_code("ivanov@mail.ru")
    code = last_code("ivanov@mail.ru")
    clock.advance(minutes=10)
    html = shown_again(client, client.post(CODE, {"code": code})).content.decode()
    assert "Срок действия кода истёк (код действует 10 минут)" in html
    assert SESSION_KEY not in client.session


def test_a_code_is_accepted_until_its_last_second(client, clock, send_code, last_code):
    send_code("ivanov@mail.ru")
    code = last_code("ivanov@mail.ru")
    clock.advance(minutes=9, seconds=59)
    assert client.post(CODE, {"code": code}).status_code == 303
    assert client.session[SESSION_KEY]["email"] == "ivanov@mail.ru"


def test_a_used_code_cannot_be_used_again(client, send_code, last_code):
    send_code("ivanov@mail.ru")
    code = last_code("ivanov@mail.ru")
    pending = client.session["identity_pending"]
    assert client.post(CODE, {"code": code}).status_code == 303
    # Replay with the same pending state.
    session = client.session
    session["identity_pending"] = pending
    session.pop(SESSION_KEY)
    session.save()
    html = shown_again(client, client.post(CODE, {"code": code})).content.decode()
    assert "больше не действует" in html
    assert SESSION_KEY not in client.session


def test_a_new_code_replaces_the_previous_one(client, clock, send_code, last_code):
    send_code("ivanov@mail.ru")
    first = last_code("ivanov@mail.ru")
    clock.advance(seconds=61)
    send_code("ivanov@mail.ru")
    second = last_code("ivanov@mail.ru")
    assert EmailCode.objects.count() == 1  # the first code is gone
    if first != second:
        assert "Неверный код." in shown_again(client, client.post(CODE, {"code": first})).content.decode()
    assert client.post(CODE, {"code": second}).status_code == 303


def test_a_new_code_is_not_sent_within_sixty_seconds(client, clock, send_code):
    assert send_code("ivanov@mail.ru").status_code == 303
    clock.advance(seconds=30)
    response = shown_again(client, send_code("ivanov@mail.ru"), status=429)
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Новый код можно запросить через 30\xa0секунд." in html
    assert input_value(html, "email") == "ivanov@mail.ru"
    assert len(mail.outbox) == 1
    clock.advance(seconds=30)
    assert send_code("ivanov@mail.ru").status_code == 303
    assert len(mail.outbox) == 2


def test_at_most_five_codes_per_address_an_hour(client, clock, send_code):
    for n in range(5):
        assert send_code("ivanov@mail.ru", ip=f"198.51.100.{n}").status_code == 303
        clock.advance(seconds=61)
    # Now 10:15:05; the window closes at 11:00.
    response = shown_again(client, send_code("IVANOV@mail.ru", ip="198.51.100.99"), status=429)
    html = response.content.decode()
    assert "Слишком много запросов кода подтверждения для этого адреса." in html
    assert "через 45\xa0минут (после\xa014:00)." in html  # 11:00 UTC is 14:00 in Moscow
    # Found from outside: «или подтвердите личность другим способом» where there was no other way.
    assert "другим способом" not in html and "войдите через" not in html
    assert input_value(html, "email") == "IVANOV@mail.ru"
    assert len(mail.outbox) == 5
    # Another address is not affected; the next hour is a new window.
    assert send_code("petrov@mail.ru", ip="198.51.100.99").status_code == 303
    clock.advance(minutes=45)
    assert send_code("ivanov@mail.ru", ip="198.51.100.99").status_code == 303


def test_aliases_of_one_mailbox_share_its_limit_and_each_code_goes_to_the_address_typed(client, clock, send_code):
    # Found from outside: «ivanov+1@yandex.ru», «ivanov+2@…» each got five codes an hour, all into one mailbox.
    aliases = ["ivanov+1@yandex.ru", "Ivanov+2@Yandex.ru", "IVANOV@ya.ru", "ivanov+x@narod.ru", "ivanov@yandex.ru"]
    for n, alias in enumerate(aliases):
        assert send_code(alias, ip=f"198.51.100.{n}").status_code == 303
        assert mail.outbox[-1].to == [alias.split("@")[0] + "@" + alias.split("@")[1].lower()]
        clock.advance(seconds=61)
    refused = shown_again(client, send_code("ivanov+new@yandex.ru", ip="198.51.100.99"), status=429)
    assert "Слишком много запросов кода подтверждения для этого адреса." in refused.content.decode()
    assert len(mail.outbox) == 5
    # Another mailbox at the same service is not affected.
    assert send_code("ivanova+1@yandex.ru", ip="198.51.100.99").status_code == 303


def test_a_limited_resident_is_offered_the_other_way_where_the_site_has_one(client, send_code, settings):
    settings.OIDC_CLIENT_ID, settings.OIDC_ISSUER, settings.OIDC_PROVIDER_NAME = (
        "portal",
        "https://id.example.ru",
        "Госуслуги",
    )
    settings.IDENTITY_CODE_PER_IP = 1
    assert send_code("user1@mail.ru", ip="192.0.2.9").status_code == 303
    html = shown_again(client, send_code("user2@mail.ru", ip="192.0.2.9"), status=429).content.decode()
    assert "или войдите через Госуслуги." in html


def test_at_most_twenty_codes_per_client_address_an_hour(client, send_code):
    for n in range(20):
        assert send_code(f"user{n}@mail.ru", ip="192.0.2.7").status_code == 303
    response = shown_again(client, send_code("user20@mail.ru", ip="192.0.2.7"), status=429)
    assert "Слишком много запросов кода подтверждения с этого устройства или из этой сети." in (
        response.content.decode()
    )
    assert len(mail.outbox) == 20
    assert send_code("user20@mail.ru", ip="192.0.2.8").status_code == 303


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Ivan <ivanov@mail.ru>", "без имени, кавычек и угловых скобок"),
        ("ivanov@gmail.com", "только на адрес в доменных зонах .ru, .рф, .su"),
        ("ivan ov@mail.ru", "не должен содержать пробелов"),
        ("", "Укажите адрес электронной почты."),
    ],
)
def test_a_bad_address_is_explained_and_kept_in_the_field(client, send_code, typed, message):
    response = shown_again(client, send_code(typed))
    html = unescape(response.content.decode())
    assert message in html
    assert input_value(response.content.decode(), "email") == typed
    assert 'aria-describedby="id_email-hint id_email-error-1"' in html
    assert mail.outbox == []
    assert not EmailCode.objects.exists()


def test_the_code_page_without_a_sent_code_leads_to_the_start(client):
    response = client.get(CODE)
    assert response.status_code == 303
    assert response["Location"] == START


def test_the_start_page_offers_the_address_a_code_was_sent_to(client, send_code):
    send_code("ivanov@mail.ru")
    assert input_value(client.get(START).content.decode(), "email") == "ivanov@mail.ru"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_only_a_same_site_next_is_followed(client, send_code, last_code, next_url):
    send_code("ivanov@mail.ru", next_url=next_url)
    response = client.post(CODE, {"code": last_code("ivanov@mail.ru")})
    assert response["Location"] == "/"


def test_leaving_clears_the_identity(client, send_code, last_code):
    send_code("ivanov@mail.ru")
    client.post(CODE, {"code": last_code("ivanov@mail.ru")})
    assert SESSION_KEY in client.session
    assert client.get(reverse("identity:logout")).status_code == 405
    response = client.post(reverse("identity:logout"), {"next": "/obrashcheniya/"})
    assert response.status_code == 303
    assert response["Location"] == "/obrashcheniya/"
    assert_no_store(response)
    assert SESSION_KEY not in client.session


def test_rate_limit_counters_keep_no_address_in_clear(send_code):
    from home.models import RateLimitCounter

    send_code("ivanov@mail.ru", ip="203.0.113.77")
    stored = " ".join(f"{row.scope} {row.key_hash}" for row in RateLimitCounter.objects.all())
    assert RateLimitCounter.objects.count() == 2
    assert "203.0.113.77" not in stored and "ivanov" not in stored


def test_identification_rotates_the_csrf_token_like_a_login(client, send_code, last_code):
    """A CSRF token read before identification is refused afterwards (as Django does on login)."""
    client.get(START)
    send_code("rotate@пример.рф", next_url="/")
    client.handler.enforce_csrf_checks = True
    token_before = client.cookies["csrftoken"].value
    response = client.post(CODE, {"code": last_code("rotate@пример.рф"), "csrfmiddlewaretoken": token_before})
    assert response.status_code == 303
    assert client.session[SESSION_KEY]["email"] == "rotate@пример.рф"
    token_after = client.cookies["csrftoken"].value
    assert token_after != token_before
    # The old token no longer passes the check; the new one does.
    assert client.post(reverse("identity:logout"), {"csrfmiddlewaretoken": token_before}).status_code == 403
    assert client.post(reverse("identity:logout"), {"csrfmiddlewaretoken": token_after}).status_code in (302, 303)


def test_a_refused_address_or_code_ends_in_a_redirect_never_a_resend(client):
    """The address refused on /identity/email/ (POST only) was answered in place: without JavaScript Back or
    reload asked to send the form again (Chromium's ERR_CACHE_MISS). It redirects (303) to the start page
    with the same «next», showing the address typed and its error; so does a wrong code to the code page,
    which never shows the code again (a secret)."""
    refused = client.post(reverse("identity:send_code"), {"email": "ivanov@mail,ru", "next": "/obrashcheniya/forma/"})
    assert refused["Location"].startswith(START) and "forma" in refused["Location"]
    for _ in range(2):  # reload
        html = shown_again(client, refused).content.decode()
        assert "Получить код" in html and input_value(html, "email") == "ivanov@mail,ru"
    # Left and come back (no marker): the address is kept, without the error.
    html = client.get(refused["Location"].replace("&errors=1", "")).content.decode()
    assert input_value(html, "email") == "ivanov@mail,ru" and "aria-invalid" not in html

    client.post(reverse("identity:send_code"), {"email": "ivanov@mail.ru", "next": "/obrashcheniya/forma/"})
    html = shown_again(client, client.post(CODE, {"code": "000000"})).content.decode()
    assert "Неверный код." in html and input_value(html, "code") == ""
    assert "000000" not in str(dict(client.session))
