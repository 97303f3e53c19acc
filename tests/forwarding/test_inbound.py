"""The signed status webhook from the document system: registered there, answered."""

import hashlib
import hmac
import json
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from appeals_form import workflow
from appeals_form.models import Appeal, AppealEvent
from appeals_form.public_counts import public_counts
from appeals_form.selectors import public_history
from forwarding import services
from forwarding.models import StatusReport
from home.workdays import working_days_between
from tests.forwarding.conftest import delivery_of, registration_message

pytestmark = pytest.mark.django_db

URL = "/forwarding/webhook/status/"
SECRET = "inbound-secret-for-tests"


@pytest.fixture(autouse=True)
def inbound_secret(settings):
    settings.FORWARDING_INBOUND_SECRET = SECRET
    settings.FORWARDING_INBOUND_MAX_AGE_SECONDS = 300


@pytest.fixture
def machine():
    """A client like the document system's: no cookies, and CSRF checks on (they must not apply)."""
    return Client(enforce_csrf_checks=True)


def post(client, body: dict | bytes, *, secret: str = SECRET, timestamp: int | None = None, signature=None):
    raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    if signature is None:
        signature = "sha256=" + hmac.new(secret.encode(), stamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
    headers = {"HTTP_X_TIMESTAMP": stamp}
    if signature:
        headers["HTTP_X_SIGNATURE"] = signature
    return client.post(URL, data=raw, content_type="application/json", **headers)


@pytest.fixture
def forwarded(webhook, register):
    appeal = register()
    services.forward_message(message_id=registration_message(appeal).pk, now=timezone.now())
    return appeal


def test_registered_there_stores_the_remote_number_on_the_delivery(machine, forwarded):
    delivery = delivery_of(forwarded)
    response = post(
        machine,
        {
            "event_id": "delo-1",
            "status": "registered",
            "idempotency_key": str(delivery.idempotency_key),
            "remote_number": "01-12/345",
            "date": "2026-02-03",
        },
    )
    assert response.status_code == 200
    assert response.json() == {"status": "applied", "event_id": "delo-1"}
    delivery.refresh_from_db()
    assert delivery.remote_number == "01-12/345"
    assert delivery.remote_status == "registered"
    note = forwarded.events.get(kind=AppealEvent.Kind.NOTE)
    assert note.note == "Зарегистрировано в СЭД № 01-12/345 от 03.02.2026"
    assert not note.public
    assert note.payload["external_number"] == "01-12/345"
    assert StatusReport.objects.get(event_id="delo-1").appeal == forwarded


def test_answered_there_moves_an_appeal_in_work_to_answered_and_tells_the_applicant(machine, forwarded):
    Appeal.objects.filter(pk=forwarded.pk).update(status=Appeal.Status.IN_WORK)
    response = post(
        machine,
        {"event_id": "delo-2", "status": "answered", "appeal_number": forwarded.number, "remote_number": "01-12/345"},
    )
    assert response.status_code == 200
    forwarded.refresh_from_db()
    assert forwarded.status == Appeal.Status.ANSWERED
    assert forwarded.answered_at is not None
    answered = forwarded.events.get(kind=AppealEvent.Kind.ANSWERED)
    assert answered.public
    assert AppealEvent.Kind.ANSWERED in [entry.kind for entry in public_history(forwarded)]


def test_answered_there_with_a_result_records_it_for_the_reports(machine, forwarded):
    Appeal.objects.filter(pk=forwarded.pk).update(status=Appeal.Status.IN_WORK)
    body = {"event_id": "delo-5", "status": "answered", "appeal_number": forwarded.number, "result": "supported"}
    assert post(machine, body).status_code == 200
    forwarded.refresh_from_db()
    assert forwarded.status == Appeal.Status.ANSWERED
    assert forwarded.result == Appeal.Result.SUPPORTED


@pytest.mark.parametrize(
    "body",
    [
        {"status": "answered", "result": "redirected"},  # not a result of an answer
        {"status": "answered", "result": "excellent"},
        {"status": "registered", "remote_number": "1", "result": "supported"},  # only with an answer
    ],
)
def test_a_wrong_result_is_400_and_changes_nothing(machine, forwarded, body):
    Appeal.objects.filter(pk=forwarded.pk).update(status=Appeal.Status.IN_WORK)
    response = post(machine, {"event_id": "delo-6", "appeal_number": forwarded.number, **body})
    assert response.status_code == 400
    assert "result" in response.json()["fields"]
    forwarded.refresh_from_db()
    assert forwarded.status == Appeal.Status.IN_WORK
    assert forwarded.result == ""


def test_answered_while_the_state_machine_forbids_it_leaves_a_note_for_officers(machine, forwarded):
    assert forwarded.status == Appeal.Status.REGISTERED  # not assigned yet: no answer allowed
    response = post(machine, {"event_id": "delo-3", "status": "answered", "appeal_number": forwarded.number})
    assert response.status_code == 200
    forwarded.refresh_from_db()
    assert forwarded.status == Appeal.Status.REGISTERED
    note = forwarded.events.get(kind=AppealEvent.Kind.NOTE)
    assert not note.public
    assert "статус не изменён" in note.note
    assert not forwarded.events.filter(kind=AppealEvent.Kind.ANSWERED).exists()


def test_a_replayed_event_is_acknowledged_and_changes_nothing(machine, forwarded):
    body = {"event_id": "delo-4", "status": "registered", "appeal_number": forwarded.number, "remote_number": "7"}
    assert post(machine, body).json()["status"] == "applied"
    again = post(machine, body)
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert forwarded.events.filter(kind=AppealEvent.Kind.NOTE).count() == 1
    assert StatusReport.objects.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"secret": "wrong-secret"}, "bad_signature"),
        ({"signature": ""}, "unsigned"),
        ({"signature": "sha256=00"}, "bad_signature"),
        ({"timestamp": int(time.time()) - 3600}, "stale"),  # correctly signed, but an hour old
        ({"timestamp": int(time.time()) + 3600}, "stale"),
    ],
)
def test_unsigned_badly_signed_and_stale_requests_are_refused(machine, forwarded, kwargs, code):
    body = {"event_id": "delo-5", "status": "registered", "appeal_number": forwarded.number, "remote_number": "7"}
    response = post(machine, body, **kwargs)
    assert response.status_code == 401
    assert response.json()["error"] == code
    assert not StatusReport.objects.exists()
    assert not forwarded.events.filter(kind=AppealEvent.Kind.NOTE).exists()


def test_a_body_changed_after_signing_is_refused(machine, forwarded):
    body = json.dumps({"event_id": "e-6", "status": "answered", "appeal_number": forwarded.number}).encode()
    stamp = str(int(time.time()))
    signature = "sha256=" + hmac.new(SECRET.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    response = post(machine, body.replace(b"answered", b"registered"), timestamp=int(stamp), signature=signature)
    assert response.status_code == 401


def test_an_unknown_appeal_is_404(machine, db):
    response = post(machine, {"event_id": "e-7", "status": "answered", "appeal_number": "ОГ-1999-000001"})
    assert response.status_code == 404
    assert response.json()["error"] == "unknown_appeal"
    unknown_key = {"event_id": "e-8", "status": "answered", "idempotency_key": "6f1c9b1e-2a34-4c5d-8e9f-0a1b2c3d4e5f"}
    assert post(machine, unknown_key).status_code == 404


def test_invalid_bodies_are_400_with_the_fields(machine, db):
    response = post(machine, {"event_id": "e-9", "status": "closed"})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"status", "appeal_number"}
    assert post(machine, b"not json").json()["error"] == "bad_json"


def test_only_post_and_only_when_configured(machine, settings, db):
    assert machine.get(URL).status_code == 405
    settings.FORWARDING_INBOUND_SECRET = ""
    response = post(machine, {"event_id": "e-10", "status": "answered", "appeal_number": "x"}, secret="anything")
    assert response.status_code == 503
    assert response.json()["error"] == "not_configured"


@pytest.mark.parametrize(
    ("headers", "header"),
    [
        ({"HTTP_X_TIMESTAMP": "²"}, "X-Timestamp"),  # str.isdigit() says yes, int() says no
        ({"HTTP_X_TIMESTAMP": "9" * 5000}, "X-Timestamp"),
        ({"HTTP_X_TIMESTAMP": "-1"}, "X-Timestamp"),
        ({"HTTP_X_TIMESTAMP": "1e9"}, "X-Timestamp"),
        ({"HTTP_X_TIMESTAMP": "١٢٣"}, "X-Timestamp"),  # Arabic-Indic digits
        ({"HTTP_X_SIGNATURE": "sha256=ф" + "0" * 63}, "X-Signature"),
        ({"CONTENT_LENGTH": "²"}, "Content-Length"),
    ],
)
def test_a_malformed_header_is_400_json_even_when_correctly_signed(machine, forwarded, headers, header):
    """Each header is parsed defensively: a clear JSON 400 naming it, never a 500."""
    raw = json.dumps({"event_id": "e-h", "status": "registered", "appeal_number": forwarded.number}).encode()
    stamp = headers.get("HTTP_X_TIMESTAMP", str(int(time.time())))
    signature = "sha256=" + hmac.new(SECRET.encode(), stamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
    meta = {"HTTP_X_TIMESTAMP": stamp, "HTTP_X_SIGNATURE": signature, **headers}
    response = machine.generic("POST", URL, raw, content_type="application/json", **meta)
    assert response.status_code == 400
    assert response.json() == {"error": "bad_header", "message": response.json()["message"], "header": header}
    assert not StatusReport.objects.exists()


def _overdue_in_work(appeal, *, now):
    """The appeal in work, registered 40 days ago, its deadline 5 days ago."""
    due = timezone.localdate(now) - timedelta(days=5)
    registered_at = now - timedelta(days=40)
    Appeal.objects.filter(pk=appeal.pk).update(status=Appeal.Status.IN_WORK, registered_at=registered_at, due_date=due)
    return due, timezone.localdate(registered_at)


def _answer_by_officer(appeal, *, day, officer):
    workflow.record_answer(appeal=appeal, actor=officer, result="explained", text="Разъяснено.")


def _answer_in_the_document_system(appeal, *, day, officer):
    body = {"event_id": f"delo-day-{day}", "status": "answered", "appeal_number": appeal.number}
    if day is not None:
        body["date"] = day.isoformat()
    assert post(Client(enforce_csrf_checks=True), body).status_code == 200


@pytest.mark.parametrize(
    ("answer", "days_after_due"),
    [
        (_answer_by_officer, None),
        (_answer_in_the_document_system, None),  # no date: answered when reported
        (_answer_in_the_document_system, -2),  # answered on time there, reported after the deadline
        (_answer_in_the_document_system, 0),
        (_answer_in_the_document_system, 1),
        (_answer_in_the_document_system, 6),  # tomorrow (a later time zone there): counts as today
    ],
)
def test_the_answer_date_and_the_late_flag_agree_in_the_queue_and_the_published_statistics(
    forwarded, officer, answer, days_after_due
):
    now = timezone.now()
    due, registered_on = _overdue_in_work(forwarded, now=now)
    day = None if days_after_due is None else due + timedelta(days=days_after_due)
    answer(forwarded, day=day, officer=officer)
    forwarded.refresh_from_db()
    answered_on = timezone.localdate(now) if day is None else min(day, timezone.localdate(now))
    assert timezone.localdate(forwarded.answered_at) == answered_on
    assert forwarded.answered_late is (answered_on > due)
    counts = public_counts(start=registered_on, end=registered_on)
    assert counts.answered_on_time == (0 if answered_on > due else 1)
    assert counts.answer_working_days == (working_days_between(registered_on, answered_on),)


def test_an_answer_dated_before_registration_is_400_and_changes_nothing(machine, forwarded):
    Appeal.objects.filter(pk=forwarded.pk).update(status=Appeal.Status.IN_WORK)
    day = timezone.localdate(forwarded.registered_at) - timedelta(days=1)
    body = {"event_id": "delo-7", "status": "answered", "appeal_number": forwarded.number, "date": day.isoformat()}
    response = post(machine, body)
    assert response.status_code == 400
    assert "date" in response.json()["fields"]
    forwarded.refresh_from_db()
    assert forwarded.status == Appeal.Status.IN_WORK
    assert forwarded.answered_at is None
    assert not StatusReport.objects.filter(event_id="delo-7").exists()
