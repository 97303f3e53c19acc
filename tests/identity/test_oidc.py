"""OpenID Connect end to end against a local provider (tests/identity/oidc_provider.py)."""

import http.client
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.urls import reverse

from identity.session import SESSION_KEY
from identity.types import METHOD_OIDC, Identity

from .oidc_provider import CLIENT_ID, CLIENT_SECRET, ProviderServer

pytestmark = pytest.mark.django_db

LOGIN = reverse("identity:oidc_login")
CALLBACK = reverse("identity:oidc_callback")
FORM = "/obrashcheniya/forma/"


@pytest.fixture
def provider(settings):
    with ProviderServer() as provider:
        settings.OIDC_DISCOVERY_URL = provider.discovery_url
        settings.OIDC_ISSUER = ""
        settings.OIDC_CLIENT_ID = CLIENT_ID
        settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_PROVIDER_NAME = "Госуслуги"
        yield provider


def visit_provider(url: str) -> str:
    """The browser at the provider: returns where the provider sends it back."""
    parts = urlsplit(url)
    assert parts.hostname == "127.0.0.1"
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        connection.request("GET", f"{parts.path}?{parts.query}")
        response = connection.getresponse()
        assert response.status == 302
        return response.getheader("Location")
    finally:
        connection.close()


def start_login(client, provider, next_url: str = FORM) -> str:
    """Up to the provider's redirect back: the callback path with its query."""
    response = client.get(LOGIN, {"next": next_url})
    assert response.status_code == 302
    assert response["Location"].startswith(f"{provider.url}/authorize?")
    back = urlsplit(visit_provider(response["Location"]))
    assert back.netloc == "testserver" and back.path == CALLBACK
    return f"{back.path}?{back.query}"


def identity_in(client) -> Identity | None:
    data = client.session.get(SESSION_KEY)
    return Identity.from_dict(data) if data else None


def test_the_start_page_offers_the_provider_when_configured(client, provider):
    html = client.get(reverse("identity:start"), {"next": FORM}).content.decode()
    assert "Войти через Госуслуги" in html
    assert f'href="{LOGIN}?{urlencode({"next": FORM})}"' in html.replace("&amp;", "&")


def test_the_authorization_request_carries_state_nonce_and_pkce(client, provider):
    location = client.get(LOGIN, {"next": FORM})["Location"]
    params = parse_qs(urlsplit(location).query)
    assert params["client_id"] == [CLIENT_ID]
    assert params["redirect_uri"] == [f"http://testserver{CALLBACK}"]
    assert params["scope"] == ["openid email profile"]
    assert params["state"][0] and params["nonce"][0]
    assert params["code_challenge_method"] == ["S256"]


def test_login_sets_the_identity_with_locked_names_and_returns_to_the_form(client, provider):
    callback = start_login(client, provider)
    session_key_before = client.session.session_key
    response = client.get(callback)
    assert response.status_code == 303
    assert response["Location"] == FORM
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    identity = identity_in(client)
    assert identity.method == METHOD_OIDC
    assert (identity.surname, identity.first_name, identity.patronymic) == ("Иванов", "Иван", "Иванович")
    assert identity.email == "Ivanov@mail.ru"
    assert identity.subject == "esia-1000123"
    assert identity.issuer == provider.url
    assert identity.names_locked
    assert client.session.session_key != session_key_before
    assert not [key for key, _ in client.session.items() if key.startswith("_state_")]


def test_a_tampered_state_is_refused_and_nothing_is_stored(client, provider):
    callback = start_login(client, provider)
    tampered = callback.replace("state=", "state=x")
    response = client.get(tampered)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ссылка для входа недействительна или устарела" in html
    assert "<h1>Вход не выполнен</h1>" in html
    assert identity_in(client) is None
    assert provider.token_requests == 0


def test_a_missing_state_is_refused(client, provider):
    callback = start_login(client, provider)
    query = parse_qs(urlsplit(callback).query)
    response = client.get(CALLBACK, {"code": query["code"][0]})
    assert response.status_code == 400
    assert identity_in(client) is None


def test_a_callback_cannot_be_replayed(client, provider):
    callback = start_login(client, provider)
    assert client.get(callback).status_code == 303
    client.post(reverse("identity:logout"))
    assert client.get(callback).status_code == 400
    assert identity_in(client) is None


def test_a_callback_from_another_browser_is_refused(client, provider):
    from django.test import Client

    callback = start_login(client, provider)
    stranger = Client()
    assert stranger.get(callback).status_code == 400
    assert identity_in(stranger) is None


@pytest.mark.parametrize(
    ("misbehaviour", "reason"),
    [
        ({"nonce": "not-the-nonce-we-sent"}, "Invalid claim: 'nonce'"),
        ({"audience": "another-client"}, "Invalid claim: 'aud'"),
        ({"issuer": "https://impostor.example"}, "Invalid claim: 'iss'"),
        ({"foreign_key": True}, "BadSignatureError"),
        ({"expired": True}, "ExpiredTokenError"),
        ({"userinfo_sub": "someone-else"}, "userinfo subject differs"),
        ({"hmac_signed": True}, "UnsupportedAlgorithmError"),
    ],
    ids=["wrong-nonce", "wrong-audience", "wrong-issuer", "bad-signature", "expired", "userinfo-of-another", "hs256"],
)
def test_an_id_token_that_fails_validation_is_refused(client, provider, caplog, misbehaviour, reason):
    for name, value in misbehaviour.items():
        setattr(provider.behaviour, name, value)
    response = client.get(start_login(client, provider))
    assert response.status_code == 400
    assert "не прошёл проверку подлинности" in response.content.decode()
    assert reason in caplog.text
    assert identity_in(client) is None


def test_a_foreign_zone_email_is_refused_with_the_reason_and_the_email_code_offered(client, provider):
    provider.claims["email"] = "ivanov@gmail.com"
    response = client.get(start_login(client, provider))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ответ на обращение может быть направлен только на адрес в зонах .ru, .рф, .su" in html
    assert f'action="{reverse("identity:send_code")}"' in html  # the e-mail code is right there
    assert f'value="{FORM}"' in html  # and returns to the form afterwards
    assert identity_in(client) is None


def test_a_missing_email_is_explained(client, provider):
    del provider.claims["email"]
    response = client.get(start_login(client, provider))
    assert response.status_code == 200
    assert "не передал адрес электронной почты" in response.content.decode()
    assert identity_in(client) is None


def test_a_declined_login_gives_a_clear_message(client, provider):
    provider.behaviour.error = "access_denied"
    response = client.get(start_login(client, provider))
    assert response.status_code == 200
    html = response.content.decode()
    assert "вы отменили вход или не дали согласие" in html
    assert f'action="{reverse("identity:send_code")}"' in html
    assert identity_in(client) is None


def test_a_provider_error_gives_a_clear_message(client, provider):
    provider.behaviour.error = "server_error"
    response = client.get(start_login(client, provider))
    assert response.status_code == 502
    assert "сообщил об ошибке" in response.content.decode()
    assert identity_in(client) is None


def test_a_provider_that_does_not_answer_gives_a_clear_page(client, settings):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.OIDC_DISCOVERY_URL = f"http://127.0.0.1:{port}/.well-known/openid-configuration"
    settings.OIDC_CLIENT_ID = CLIENT_ID
    response = client.get(LOGIN, {"next": FORM})
    assert response.status_code == 503
    assert "сейчас не отвечает" in response.content.decode()


def test_claim_names_are_settings(client, provider, settings):
    provider.claims.update({"surname": "Петров", "name": "Пётр"})
    settings.OIDC_CLAIM_SURNAME = "surname"
    settings.OIDC_CLAIM_FIRST_NAME = "name"
    client.get(start_login(client, provider))
    identity = identity_in(client)
    assert (identity.surname, identity.first_name) == ("Петров", "Пётр")


def test_only_a_same_site_next_is_followed(client, provider):
    response = client.get(start_login(client, provider, next_url="https://evil.example/"))
    assert response["Location"] == "/"


def test_without_configuration_the_endpoints_do_not_exist(client):
    assert client.get(LOGIN).status_code == 404
    assert client.get(CALLBACK).status_code == 404


def test_a_half_configured_provider_is_reported_by_a_system_check(settings):
    from django.core.checks import run_checks

    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_DISCOVERY_URL = ""
    settings.OIDC_ISSUER = ""
    assert "identity.W002" in {message.id for message in run_checks()}
    settings.OIDC_ISSUER = "https://esia-gateway.example.ru"
    assert "identity.W002" not in {message.id for message in run_checks()}
