"""Statuses reported back by the document system (the signed inbound webhook).

A report names the appeal by its registration number or by the idempotency
key we sent (the delivery's, or the outbox message's), and says:

- ``registered``: the document system registered it under its own number.
  The number is stored on the delivery; the history gets an internal note.
- ``answered``: the answer was given there. The history gets a public
  ANSWERED event (the applicant sees it on the status page); the appeal moves
  to "answered" when the queue's state machine allows an answer now (in
  work), otherwise the officers get an internal note to finish it by hand.
  An optional ``result`` (one of ``Appeal.ANSWER_RESULTS``, the ССТУ.РФ
  vocabulary) is stored as the appeal's result for the reports.

Each report is applied once per ``event_id``; a repeat changes nothing.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date

from appeals_form.models import Appeal, AppealEvent
from appeals_form.services import normalise_number, record_event
from forwarding.models import Delivery, OutboxMessage, StatusReport

# The results the document system may report with an answer (ССТУ.РФ vocabulary).
ANSWER_RESULT_VALUES = tuple(str(result.value) for result in Appeal.ANSWER_RESULTS)
EVENT_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
MAX_NUMBER_LENGTH = 64


class InvalidReport(Exception):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class UnknownAppeal(Exception):
    pass


@dataclass(frozen=True)
class StatusUpdate:
    event_id: str
    status: str
    appeal_number: str = ""
    idempotency_key: str = ""
    remote_number: str = ""
    reported_on: date | None = None
    result: str = ""


@dataclass(frozen=True)
class Applied:
    report: StatusReport
    duplicate: bool


def parse(data) -> StatusUpdate:
    """Check a decoded JSON body (forwarding/schema/status-report.v1.schema.json)."""
    if not isinstance(data, dict):
        raise InvalidReport({"body": "ожидается объект JSON"})
    errors: dict[str, str] = {}
    event_id = data.get("event_id")
    if not isinstance(event_id, str) or not EVENT_ID_RE.match(event_id):
        errors["event_id"] = "обязательная строка до 128 знаков: латиница, цифры, . _ : -"
    status = data.get("status")
    if status not in StatusReport.Status.values:
        errors["status"] = "одно из: " + ", ".join(StatusReport.Status.values)
    number = data.get("appeal_number", "")
    key = data.get("idempotency_key", "")
    if not isinstance(number, str) or len(number) > MAX_NUMBER_LENGTH:
        errors["appeal_number"] = "строка до 64 знаков"
    if not isinstance(key, str):
        errors["idempotency_key"] = "строка UUID"
    elif key:
        try:
            key = str(uuid.UUID(key))
        except ValueError:
            errors["idempotency_key"] = "строка UUID"
    if not errors.get("appeal_number") and not errors.get("idempotency_key") and not (number or key):
        errors["appeal_number"] = "укажите appeal_number или idempotency_key"
    remote_number = data.get("remote_number", "")
    if not isinstance(remote_number, str) or len(remote_number) > MAX_NUMBER_LENGTH:
        errors["remote_number"] = "строка до 64 знаков"
    elif status == StatusReport.Status.REGISTERED and not remote_number.strip():
        errors["remote_number"] = "обязательно для статуса registered"
    raw_date = data.get("date")
    reported_on = None
    if raw_date is not None:
        reported_on = parse_date(raw_date) if isinstance(raw_date, str) else None
        if reported_on is None:
            errors["date"] = "дата в формате ГГГГ-ММ-ДД"
    result = data.get("result", "")
    if result and (status != StatusReport.Status.ANSWERED or result not in ANSWER_RESULT_VALUES):
        errors["result"] = "для статуса answered одно из: " + ", ".join(ANSWER_RESULT_VALUES)
    if errors:
        raise InvalidReport(errors)
    return StatusUpdate(
        event_id=event_id,
        status=status,
        appeal_number=number.strip(),
        idempotency_key=key,
        remote_number=remote_number.strip(),
        reported_on=reported_on,
        result=result,
    )


def _find(update: StatusUpdate) -> tuple[Appeal, Delivery | None]:
    delivery = None
    appeal = None
    if update.idempotency_key:
        delivery = Delivery.objects.select_related("message").filter(idempotency_key=update.idempotency_key).first()
        if delivery is not None:
            appeal_id = delivery.message.appeal_id
        else:
            appeal_id = (
                OutboxMessage.objects.filter(idempotency_key=update.idempotency_key)
                .values_list("appeal_id", flat=True)
                .first()
            )
        appeal = Appeal.objects.filter(pk=appeal_id).first() if appeal_id else None
    if update.appeal_number:
        by_number = Appeal.objects.filter(
            number__in={update.appeal_number, normalise_number(update.appeal_number)}
        ).first()
        if appeal is not None and by_number is not None and by_number.pk != appeal.pk:
            raise InvalidReport({"appeal_number": "номер не совпадает с обращением по ключу"})
        appeal = appeal or by_number
    if appeal is None:
        raise UnknownAppeal
    return appeal, delivery


def _when(update: StatusUpdate) -> str:
    return f" от {update.reported_on:%d.%m.%Y}" if update.reported_on else ""


def _check_date(*, update: StatusUpdate, appeal: Appeal) -> None:
    """An answer cannot be dated before the appeal's registration (local date): such a report is refused."""
    if update.status != StatusReport.Status.ANSWERED or update.reported_on is None:
        return
    registered_on = timezone.localdate(appeal.registered_at)
    if update.reported_on < registered_on:
        raise InvalidReport({"date": f"ответ не может быть раньше регистрации обращения ({registered_on:%Y-%m-%d})"})


def answered_moment(*, reported_on: date | None, registered_at: datetime, now: datetime) -> datetime:
    """When the answer was given: the start of an earlier reported day (not before registration), else now.

    A date after today (a document system in a later time zone) counts as today.

    The answer's date and its «late» flag are read from the same day, so the
    reports' answer times and the count of late answers agree.
    """
    if reported_on is None or reported_on >= timezone.localdate(now):
        return now
    start = timezone.make_aware(datetime.combine(reported_on, time.min))
    return max(start, registered_at)


def apply(*, update: StatusUpdate, now: datetime | None = None) -> Applied:
    """Apply a report once (by ``event_id``); raises UnknownAppeal or InvalidReport."""
    now = now or timezone.now()
    existing = StatusReport.objects.filter(event_id=update.event_id).first()
    if existing is not None:
        return Applied(report=existing, duplicate=True)
    appeal, delivery = _find(update)
    _check_date(update=update, appeal=appeal)
    try:
        with transaction.atomic():
            report = StatusReport.objects.create(
                event_id=update.event_id,
                appeal=appeal,
                delivery=delivery,
                status=update.status,
                remote_number=update.remote_number,
                reported_on=update.reported_on,
                received_at=now,
            )
            _apply(update=update, appeal=appeal, delivery=delivery, now=now)
    except IntegrityError:
        # The same event arrived twice at the same moment: the other request applied it.
        existing = StatusReport.objects.filter(event_id=update.event_id).first()
        if existing is None:
            raise
        return Applied(report=existing, duplicate=True)
    return Applied(report=report, duplicate=False)


def _apply(*, update: StatusUpdate, appeal: Appeal, delivery: Delivery | None, now: datetime) -> None:
    payload = {
        "system": settings.FORWARDING_SYSTEM_LABEL,
        "status": update.status,
        "external_number": update.remote_number,
        "date": update.reported_on.isoformat() if update.reported_on else "",
        "event_id": update.event_id,
    }
    if delivery is not None:
        Delivery.objects.filter(pk=delivery.pk).update(
            remote_status=update.status,
            remote_updated_at=now,
            **({"remote_number": update.remote_number} if update.remote_number else {}),
        )
    number = f" № {update.remote_number}" if update.remote_number else ""
    if update.status == StatusReport.Status.REGISTERED:
        record_event(
            appeal=appeal,
            kind=AppealEvent.Kind.NOTE,
            public=False,
            note=f"Зарегистрировано в СЭД{number}{_when(update)}",
            payload=payload,
            at=now,
        )
        return
    _answered(appeal=appeal, update=update, payload=payload, now=now, number=number)


def _answered(*, appeal: Appeal, update: StatusUpdate, payload: dict, now: datetime, number: str) -> None:
    from appeals_form.workflow import Action, refusal

    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    refused = refusal(appeal, Action.ANSWER)
    if refused is not None:
        record_event(
            appeal=appeal,
            kind=AppealEvent.Kind.NOTE,
            public=False,
            note=f"СЭД сообщила об ответе{number}{_when(update)}; статус не изменён: {refused.message}",
            payload=payload,
            at=now,
        )
        return
    appeal.status = Appeal.Status.ANSWERED
    appeal.answered_at = answered_moment(reported_on=update.reported_on, registered_at=appeal.registered_at, now=now)
    appeal.answered_late = timezone.localdate(appeal.answered_at) > appeal.due_date
    fields = ["status", "answered_at", "answered_late", "updated_at"]
    if update.result:
        appeal.result = update.result
        fields.append("result")
    appeal.save(update_fields=fields)
    record_event(
        appeal=appeal,
        kind=AppealEvent.Kind.ANSWERED,
        note=f"Ответ дан через СЭД{number}{_when(update)}",
        payload={**payload, "late": appeal.answered_late},
        at=now,
    )
