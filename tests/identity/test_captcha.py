"""The captcha on the "send code" step: off without keys, on with them, and calm when unreachable."""

import io
import json
import socket
from urllib.error import URLError
from urllib.parse import parse_qs

import pytest
from django.core import mail
from django.core.checks import run_checks
from django.urls import reverse

from tests.home.back_button import shown_again

pytestmark = pytest.mark.django_db

UNAVAILABLE = "Сервис проверки «я не робот» временно недоступен, попробуйте ещё раз через минуту."


@pytest.fixture
def captcha_on(settings):
    settings.RECAPTCHA_PUBLIC_KEY = "test-site-key"
    settings.RECAPTCHA_PRIVATE_KEY = "test-secret-key"
    settings.RECAPTCHA_DOMAIN = "www.recaptcha.net"


class FakeVerifier:
    """Stands in for the HTTP opener django-recaptcha uses; records the requests."""

    def __init__(self, *, answer: dict | None = None, error: BaseException | None = None):
        self.answer = answer
        self.error = error
        self.requests = []

    def __call__(self, *handlers):
        return self

    def open(self, request, timeout=None):
        self.requests.append((request.full_url, parse_qs(request.data.decode()), timeout))
        if self.error:
            raise self.error
        return io.BytesIO(json.dumps(self.answer).encode())


@pytest.fixture
def verifier(monkeypatch):
    def install(**kwargs) -> FakeVerifier:
        fake = FakeVerifier(**kwargs)
        monkeypatch.setattr("django_recaptcha.client.build_opener", fake)
        return fake

    return install


def test_without_keys_there_is_no_captcha(client, send_code):
    html = client.get(reverse("identity:start")).content.decode()
    assert "g-recaptcha" not in html
    assert send_code("ivanov@mail.ru").status_code == 303
    assert len(mail.outbox) == 1


def test_with_keys_the_page_shows_the_checkbox_from_the_configured_domain(client, captcha_on):
    html = client.get(reverse("identity:start")).content.decode()
    assert 'data-sitekey="test-site-key"' in html
    assert "https://www.recaptcha.net/recaptcha/api.js" in html
    assert '<legend>Проверка «я не робот» <span class="required">(обязательное поле)</span></legend>' in html


def test_with_keys_a_missing_answer_is_refused(client, captcha_on, send_code, verifier):
    fake = verifier(answer={"success": True})
    response = shown_again(client, send_code("ivanov@mail.ru"))
    assert "Подтвердите, что вы не робот" in response.content.decode()
    assert fake.requests == []
    assert mail.outbox == []


def test_a_passed_captcha_sends_the_code_and_is_checked_at_the_configured_domain(captcha_on, send_code, verifier):
    fake = verifier(answer={"success": True})
    response = send_code("ivanov@mail.ru", ip="203.0.113.9", extra={"g-recaptcha-response": "token-from-widget"})
    assert response.status_code == 303
    assert len(mail.outbox) == 1
    [(url, params, timeout)] = fake.requests
    assert url == "https://www.recaptcha.net/recaptcha/api/siteverify"
    assert params == {"secret": ["test-secret-key"], "response": ["token-from-widget"], "remoteip": ["203.0.113.9"]}
    assert timeout == 5


def test_a_failed_captcha_sends_nothing(client, captcha_on, send_code, verifier):
    fake = verifier(answer={"success": False, "error-codes": ["invalid-input-response"]})
    response = shown_again(client, send_code("ivanov@mail.ru", extra={"g-recaptcha-response": "forged"}))
    # Shown again after the redirect as it was sent: the token is not kept nor checked a second time.
    assert "Проверка «я не робот» не пройдена" in response.content.decode()
    assert len(fake.requests) == 1 and "forged" not in str(dict(client.session))
    assert mail.outbox == []


@pytest.mark.parametrize(
    "error",
    [
        URLError(socket.gaierror(-2, "Name or service not known")),
        TimeoutError("timed out"),
        ConnectionResetError(104, "Connection reset by peer"),
    ],
    ids=["dns", "timeout", "reset"],
)
def test_an_unreachable_captcha_service_gives_a_clear_message_and_keeps_the_address(
    client, captcha_on, send_code, verifier, error
):
    verifier(error=error)
    response = shown_again(client, send_code("Ivanov@Пример.рф", extra={"g-recaptcha-response": "token"}))
    html = response.content.decode()
    assert UNAVAILABLE in html
    assert 'value="Ivanov@Пример.рф"' in html
    assert mail.outbox == []


def test_a_garbled_answer_counts_as_unavailable(client, captcha_on, send_code, monkeypatch):
    class Garbled:
        def open(self, request, timeout=None):
            return io.BytesIO(b"<html>502 Bad Gateway</html>")

    monkeypatch.setattr("django_recaptcha.client.build_opener", lambda *handlers: Garbled())
    response = shown_again(client, send_code("ivanov@mail.ru", extra={"g-recaptcha-response": "token"}))
    assert UNAVAILABLE in response.content.decode()


def test_a_refused_connection_is_handled_without_mocks(client, captcha_on, settings, send_code):
    # A loopback port nobody listens on: the real client gets "connection refused".
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.RECAPTCHA_DOMAIN = f"127.0.0.1:{port}"
    response = shown_again(client, send_code("ivanov@mail.ru", extra={"g-recaptcha-response": "token"}))
    assert UNAVAILABLE in response.content.decode()


def warnings_ids():
    return {message.id for message in run_checks()}


def test_system_check_warns_when_keys_are_missing_in_production(settings):
    settings.DEBUG = False
    settings.RECAPTCHA_PUBLIC_KEY = ""
    settings.RECAPTCHA_PRIVATE_KEY = ""
    assert "identity.W001" in warnings_ids()


def test_system_check_is_quiet_with_keys_or_in_debug(settings):
    settings.DEBUG = False
    settings.RECAPTCHA_PUBLIC_KEY = "site"
    settings.RECAPTCHA_PRIVATE_KEY = "secret"
    assert "identity.W001" not in warnings_ids()
    settings.DEBUG = True
    settings.RECAPTCHA_PUBLIC_KEY = ""
    assert "identity.W001" not in warnings_ids()
    # django-recaptcha's own "test keys" error does not fire for empty keys.
    assert "django_recaptcha.recaptcha_test_key_error" not in warnings_ids()
