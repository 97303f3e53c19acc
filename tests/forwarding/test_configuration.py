"""Destinations from the environment, their checks, and where forwarding starts (on commit)."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from forwarding import destinations
from forwarding.checks import check_destinations
from forwarding.models import Delivery, OutboxMessage
from portal.settings.forwarding import destinations_from_env
from tests.forwarding.conftest import delivery_of, registration_message


def test_no_environment_means_no_destination(monkeypatch):
    for name in ("FORWARDING_DESTINATIONS", "FORWARDING_EMAIL_TO", "FORWARDING_WEBHOOK_URL", "FORWARDING_AMQP_URL"):
        monkeypatch.delenv(name, raising=False)
    assert destinations_from_env() == []


def test_the_short_form_gives_one_destination_of_each_type(monkeypatch):
    monkeypatch.delenv("FORWARDING_DESTINATIONS", raising=False)
    monkeypatch.setenv("FORWARDING_EMAIL_TO", "kanc@example.ru, sed@example.ru")
    monkeypatch.setenv("FORWARDING_WEBHOOK_URL", "https://sed.example.ru/in")
    monkeypatch.setenv("FORWARDING_WEBHOOK_SECRET", "s3cret")
    monkeypatch.setenv("FORWARDING_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")
    items = destinations_from_env()
    assert [(d["name"], d["type"]) for d in items] == [
        ("registry-email", "email"),
        ("webhook", "webhook"),
        ("amqp", "amqp"),
    ]
    assert items[0]["to"] == ["kanc@example.ru", "sed@example.ru"]
    assert items[2]["queue"] == "appeals"
    # The secret is read from the environment when used, not copied into settings.
    assert "s3cret" not in json.dumps(items)
    assert destinations.config_errors(items) == []
    assert destinations.resolve_secret(items[1]) == "s3cret"


def test_a_json_list_gives_any_number_of_destinations(monkeypatch):
    value = [
        {"name": "delo", "type": "webhook", "url": "https://a.example.ru/", "secret_env": "DELO_SECRET"},
        {"name": "msed", "type": "webhook", "url": "https://b.example.ru/", "secret": "x"},
    ]
    monkeypatch.setenv("FORWARDING_DESTINATIONS", json.dumps(value))
    assert destinations_from_env() == value
    monkeypatch.setenv("FORWARDING_DESTINATIONS", "{not json")
    with pytest.raises(ImproperlyConfigured):
        destinations_from_env()


def test_wrong_destinations_are_reported_by_manage_py_check(settings):
    settings.FORWARDING_DESTINATIONS = [
        {"name": "sed", "type": "webhook", "url": "ftp://sed.example.ru/"},
        {"name": "sed", "type": "email", "to": ["kanc@example.ru"]},
        {"name": "мсэд", "type": "amqp", "url": "amqp://127.0.0.1/", "queue": "q"},
        {"name": "fax", "type": "fax"},
        {"name": "mq", "type": "amqp", "url": "amqp://127.0.0.1/"},
    ]
    messages = [error.msg for error in check_destinations()]
    assert any("http://" in m for m in messages)
    assert any("секрет" in m for m in messages)
    assert any("повторяется" in m for m in messages)
    assert any("латинских" in m for m in messages)
    assert any("fax" in m for m in messages)
    assert any("queue" in m for m in messages)
    with pytest.raises(ImproperlyConfigured):
        destinations.configured()


@pytest.mark.django_db
def test_forwarding_starts_only_after_the_registration_commits(webhook, register):
    register(run_on_commit=False)
    # Inside the registration transaction the delivery is written, and nothing is sent.
    assert webhook.requests == []
    assert Delivery.objects.get().state == Delivery.State.PENDING and Delivery.objects.get().attempts == 0
    appeal = register(run_on_commit=True)
    assert len(webhook.requests) == 1
    assert delivery_of(appeal).state == Delivery.State.ACCEPTED
    assert registration_message(appeal).state == OutboxMessage.State.SENT


@pytest.mark.django_db
def test_with_no_destination_messages_wait_in_the_outbox(settings, register):
    settings.FORWARDING_DESTINATIONS = []
    appeal = register(run_on_commit=True)
    assert registration_message(appeal).state == OutboxMessage.State.PENDING
    assert not Delivery.objects.exists()


def test_a_lease_shorter_than_the_timeouts_is_warned_about(settings):
    from forwarding.checks import check_lease

    settings.FORWARDING_DESTINATIONS = [
        {"name": "sed", "type": "webhook", "url": "https://sed.example.ru/", "secret": "s"}
    ]
    assert check_lease() == []
    settings.FORWARDING_LEASE_SECONDS = 20
    settings.FORWARDING_WEBHOOK_TIMEOUT_SECONDS = 10
    assert [warning.id for warning in check_lease()] == ["forwarding.W001"]
