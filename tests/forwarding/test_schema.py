"""The documented JSON Schemas match what the portal sends and accepts."""

import json
from pathlib import Path

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator

from appeals_form.models import Addressee, Appeal
from forwarding import destinations, documents, inbound, services
from forwarding.destinations import SCHEMA_VERSIONS
from tests.forwarding.conftest import CO_AUTHOR_ADDRESS, registration_message

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "forwarding" / "schema"


def load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text())


def validator(name: str) -> Draft202012Validator:
    schema = load(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.django_db
def test_the_webhook_body_validates_against_the_latest_schema(webhook, appeal_with_files):
    services.forward_message(message_id=registration_message(appeal_with_files).pk, now=timezone.now())
    body = webhook.requests[0].json()
    assert body["schema_version"] == SCHEMA_VERSIONS[-1] == 2
    errors = sorted(validator("appeal-forwarded.v2.schema.json").iter_errors(body), key=str)
    assert errors == []
    assert [co["postal_address"] for co in body["appeal"]["co_authors"]] == [
        "",
        CO_AUTHOR_ADDRESS,
    ]
    assert len(body["appeal"]["attachments"]) == 2
    # A receiver still validating version 1 would refuse it: the reason a destination can stay on version 1.
    assert list(validator("appeal-forwarded.v1.schema.json").iter_errors(body)) != []


@pytest.mark.django_db
def test_a_destination_kept_on_version_1_receives_the_first_schema(settings, webhook, appeal_with_files):
    settings.FORWARDING_DESTINATIONS = [{**settings.FORWARDING_DESTINATIONS[0], "schema_version": 1}]
    services.forward_message(message_id=registration_message(appeal_with_files).pk, now=timezone.now())
    body = webhook.requests[0].json()
    assert body["schema_version"] == 1
    assert body["$schema"].endswith("appeal-forwarded.v1.schema.json")
    assert sorted(validator("appeal-forwarded.v1.schema.json").iter_errors(body), key=str) == []
    assert [co["name"] for co in body["appeal"]["co_authors"]] == ["Сидоров Сидор Сидорович", "Кузнецова Анна Ивановна"]


@pytest.mark.parametrize("version", [0, 3, "2", True])
def test_an_unknown_schema_version_is_a_configuration_error_in_russian(version):
    config = {
        "name": "sed",
        "type": "webhook",
        "url": "https://sed.example.ru/in",
        "secret": "s",
        "schema_version": version,
    }
    errors = destinations.config_errors([config])
    assert errors == [f"«sed»: schema_version — одна из версий 1, 2, а не {version!r}"]


def test_every_schema_version_is_published_with_its_own_identifier():
    for version in SCHEMA_VERSIONS:
        schema = load(f"appeal-forwarded.v{version}.schema.json")
        Draft202012Validator.check_schema(schema)
        assert schema["$id"] == documents.schema_id(version) == schema["properties"]["$schema"]["const"]
        assert schema["properties"]["schema_version"]["const"] == version


@pytest.mark.django_db
def test_a_body_with_a_wrong_field_does_not_validate(webhook, register):
    services.forward_message(message_id=registration_message(register()).pk, now=timezone.now())
    body = webhook.requests[0].json()
    body["appeal"]["topic"]["classifier_code"] = "5.5.56.1149"
    del body["appeal"]["number"]
    messages = [error.message for error in validator("appeal-forwarded.v2.schema.json").iter_errors(body)]
    assert any("number" in message for message in messages)
    assert any("does not match" in message for message in messages)


@pytest.mark.parametrize("version", SCHEMA_VERSIONS)
def test_the_schema_enums_follow_the_models(version):
    appeal = load(f"appeal-forwarded.v{version}.schema.json")["$defs"]["appeal"]["properties"]
    assert set(appeal["status"]["enum"]) == set(Appeal.Status.values)
    assert set(appeal["kind"]["enum"]) == set(Appeal.Kind.values)
    assert set(appeal["addressee"]["properties"]["kind"]["enum"]) == set(Addressee.Kind.values)


@pytest.mark.parametrize(
    "body",
    [
        {"event_id": "e-1", "status": "registered", "appeal_number": "ОГ-2026-000001", "remote_number": "01-12/3"},
        {"event_id": "e-2", "status": "answered", "idempotency_key": "6f1c9b1e-2a34-4c5d-8e9f-0a1b2c3d4e5f"},
        {"event_id": "e-3", "status": "answered", "appeal_number": "ОГ-2026-000001", "date": "2026-02-10"},
    ],
)
def test_status_reports_the_schema_accepts_are_accepted_by_the_parser(body):
    assert list(validator("status-report.v1.schema.json").iter_errors(body)) == []
    assert inbound.parse(body).event_id == body["event_id"]


@pytest.mark.parametrize(
    "body",
    [
        {"event_id": "e-1", "status": "registered", "appeal_number": "ОГ-2026-000001"},  # no remote number
        {"event_id": "e-1", "status": "closed", "appeal_number": "ОГ-2026-000001"},
        {"event_id": "e 1", "status": "answered", "appeal_number": "ОГ-2026-000001"},
        {"event_id": "e-1", "status": "answered"},  # names no appeal
        {"event_id": "e-1", "status": "answered", "idempotency_key": "not-a-uuid"},
        {"event_id": "e-1", "status": "answered", "appeal_number": "ОГ-2026-000001", "date": "10.02.2026"},
    ],
)
def test_status_reports_the_schema_refuses_are_refused_by_the_parser(body):
    assert list(validator("status-report.v1.schema.json").iter_errors(body)) != []
    with pytest.raises(inbound.InvalidReport):
        inbound.parse(body)
