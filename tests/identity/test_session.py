"""The session API the appeal form relies on."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import RequestFactory

from home.sessions import SessionStore
from identity.session import SESSION_KEY, clear_identity, expires_at, get_identity, set_identity
from identity.types import METHOD_EMAIL_CODE, METHOD_OIDC, Identity

pytestmark = pytest.mark.django_db

VERIFIED = datetime(2030, 3, 12, 10, 0, tzinfo=UTC)


@pytest.fixture
def request_with_session():
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request.session["something_else"] = "kept"
    request.session.save()
    return request


def email_identity(**kwargs) -> Identity:
    return Identity(method=METHOD_EMAIL_CODE, verified_at=VERIFIED, email="ivanov@mail.ru", **kwargs)


def test_no_identity_gives_none(request_with_session):
    assert get_identity(request_with_session) is None


def test_set_then_get_returns_the_same_identity_under_a_new_session_key(request_with_session):
    identity = Identity(
        method=METHOD_OIDC,
        verified_at=VERIFIED,
        email="ivanov@пример.рф",
        surname="Иванов",
        first_name="Иван",
        patronymic="Иванович",
        subject="123",
        issuer="https://esia.example.ru",
    )
    old_key = request_with_session.session.session_key
    set_identity(request_with_session, identity)
    assert request_with_session.session.session_key != old_key
    assert request_with_session.session["something_else"] == "kept"
    assert get_identity(request_with_session, now=VERIFIED + timedelta(minutes=5)) == identity


def test_the_identity_expires_after_two_hours(request_with_session):
    set_identity(request_with_session, email_identity())
    assert get_identity(request_with_session, now=VERIFIED + timedelta(hours=2, seconds=-1)) is not None
    assert get_identity(request_with_session, now=VERIFIED + timedelta(hours=2)) is None
    assert expires_at(email_identity()) == VERIFIED + timedelta(hours=2)


def test_the_lifetime_is_a_setting(request_with_session, settings):
    settings.IDENTITY_LIFETIME_SECONDS = 600
    set_identity(request_with_session, email_identity())
    assert get_identity(request_with_session, now=VERIFIED + timedelta(minutes=10)) is None


def test_clear_forgets_the_identity(request_with_session):
    set_identity(request_with_session, email_identity())
    key = request_with_session.session.session_key
    clear_identity(request_with_session)
    assert get_identity(request_with_session, now=VERIFIED) is None
    assert request_with_session.session.session_key != key


def test_a_malformed_identity_is_ignored(request_with_session):
    request_with_session.session[SESSION_KEY] = {"method": "email_code", "verified_at": "yesterday"}
    assert get_identity(request_with_session) is None
    naive = {"method": "email_code", "verified_at": "2030-03-12T10:00:00", "email": "a@b.ru"}
    request_with_session.session[SESSION_KEY] = naive
    assert get_identity(request_with_session, now=VERIFIED) is None  # naive time: not trusted
