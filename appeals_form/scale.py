"""A decade's worth of a department's appeals, generated for the scale benchmark.

``manage.py load_scale_data`` calls :func:`load_appeals`: seeded (the same
rows on every run), idempotent (a complete set is left alone, a partial one is
replaced) and fast: rows go in with PostgreSQL's COPY, or ``bulk_create`` on
other databases, in batches, with explicit ids so that children need no
round trip to learn their parent's id.

Every generated appeal carries an ``idempotency_key`` starting with
``SCALE_PREFIX``; nothing else in the database is touched. The data is
fictional (names from common Russian name lists, e-mail addresses on
example domains) and carries no real person's data.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from appeals_form import deadlines, queue_search_text
from appeals_form.models import Addressee, Appeal, AppealEvent, Attachment, CoAuthor, Topic
from appeals_form.models.appeal import derive_status_token, hash_status_token, number_for
from appeals_form.scale_vocabulary import (
    ATTACHMENT_TYPES,
    FEMALE_NAMES,
    KIND_WEIGHTS,
    MAIL_DOMAINS,
    MALE_NAMES,
    PATRONYMIC_ROOTS,
    PHRASES,
    REDIRECT_BODIES,
    RESULT_WEIGHTS,
    SECTION_WEIGHTS,
    STREETS,
    SURNAMES,
    TRANSLIT,
)
from appeals_form.workflow.actions import APPEALS_GROUP
from home.scale import Sizes
from identity.types import METHOD_LABELS

SCALE_PREFIX = "scale-"
SEQUENCE_OFFSET = 500_000  # far above a real year's numbering, so no clash with registrations
OFFICER_PREFIX = "scale-officer-"
BATCH = 5_000

Status = Appeal.Status
Kind = AppealEvent.Kind


def _choice_weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _at(day: date, rng: random.Random) -> datetime:
    moment = datetime.combine(day, time(8, 0)) + timedelta(minutes=rng.randrange(0, 14 * 60))
    return timezone.make_aware(moment)


# -- Writing rows ---------------------------------------------------------------------------------------------


def _column_values(model: type[models.Model], row: dict) -> list:
    values = []
    for field in model._meta.concrete_fields:
        value = row.get(field.attname, field.get_default())
        if isinstance(field, models.JSONField):
            value = json.dumps(value, ensure_ascii=False)
        elif isinstance(field, models.UUIDField) and value is not None:
            value = str(value)
        values.append(value)
    return values


def insert_rows(model: type[models.Model], rows: Iterable[dict]) -> int:
    """Insert rows (dicts of attname -> value, ids included) fast: COPY on PostgreSQL, bulk_create elsewhere."""
    columns = [field.column for field in model._meta.concrete_fields]
    count = 0
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(column) for column in columns)
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(_column_values(model, row))
                count += 1
        return count
    batch: list[models.Model] = []
    for row in rows:
        batch.append(model(**row))
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    model.objects.bulk_create(batch)
    return count + len(batch)


def reset_sequences(*model_classes: type[models.Model]) -> None:
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(model_classes)):
            cursor.execute(sql)


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1


# -- Reference rows -------------------------------------------------------------------------------------------


def ensure_officers(count: int = 12) -> list:
    """Executors of the appeals department (inactive passwords: they never log in)."""
    User = get_user_model()
    group, _ = Group.objects.get_or_create(name=APPEALS_GROUP)
    officers = []
    rng = random.Random(1919)  # noqa: S311 (fictional data, not a secret)
    for n in range(1, count + 1):
        user, created = User.objects.get_or_create(
            username=f"{OFFICER_PREFIX}{n:02d}",
            defaults={
                "first_name": rng.choice(FEMALE_NAMES),
                "last_name": rng.choice(SURNAMES) + "а",
                "email": f"{OFFICER_PREFIX}{n:02d}@example.ru",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(group)
        officers.append(user)
    return officers


def _reference() -> tuple[dict[str, list[Topic]], list[Addressee], list[Addressee]]:
    topics = list(Topic.objects.order_by("pk"))
    if not topics:
        raise RuntimeError("No topics: run manage.py load_demo_content first.")
    by_section: dict[str, list[Topic]] = {}
    for topic in topics:
        by_section.setdefault(topic.section, []).append(topic)
    addressees = list(Addressee.objects.order_by("pk"))
    bodies = [a for a in addressees if a.kind == Addressee.Kind.BODY] or addressees
    return by_section, addressees, bodies


# -- Appeals --------------------------------------------------------------------------------------------------


class _Generator:
    """Builds the rows of one appeal and its children; ids are handed out in order."""

    def __init__(self, *, sizes: Sizes, today: date, officers, seed: int):
        self.rng = random.Random(seed)  # noqa: S311 (fictional data, not a secret)
        self.sizes = sizes
        self.today = today
        self.officers = officers
        self.topics, self.addressees, self.bodies = _reference()
        self.sections = [s for s in SECTION_WEIGHTS if s in self.topics] or list(self.topics)
        self.section_weights = [SECTION_WEIGHTS.get(s, 1) for s in self.sections]
        self.methods = list(METHOD_LABELS)
        self.ids = {
            model: _next_id(model) for model in (Appeal, AppealEvent, Attachment, CoAuthor, _outbox(), _delivery())
        }
        self.sequences: dict[int, int] = {}
        self.children: dict[type[models.Model], list[dict]] = {}

    def _id(self, model) -> int:
        value = self.ids[model]
        self.ids[model] = value + 1
        return value

    def _child(self, model, row: dict) -> None:
        row["id"] = self._id(model)
        self.children.setdefault(model, []).append(row)

    def _person(self) -> tuple[str, str, str]:
        rng = self.rng
        surname = rng.choice(SURNAMES)
        if rng.random() < 0.58:  # more women write
            return surname + "а", rng.choice(FEMALE_NAMES), rng.choice(PATRONYMIC_ROOTS) + "на"
        return surname, rng.choice(MALE_NAMES), rng.choice(PATRONYMIC_ROOTS) + "ич"

    def _phone(self) -> str:
        r = self.rng.randrange
        return f"+7 9{r(10, 99)} {r(100, 999)}-{r(10, 99)}-{r(10, 99)}"

    def _address(self) -> str:
        r = self.rng.randrange
        return f"г. Энск, ул. {self.rng.choice(STREETS)}, д. {r(1, 120)}, кв. {r(1, 200)}"

    def _text(self, section: str) -> str:
        rng = self.rng
        sentences = [
            rng.choice(PHRASES.get(section, PHRASES["0005"])).format(
                street=rng.choice(STREETS), n=rng.randrange(1, 120)
            )
            for _ in range(rng.randrange(2, 6))
        ]
        return " ".join(sentences)

    def appeal(self, index: int) -> dict:
        rng = self.rng
        days_back = int((1 - rng.random() ** 1.15) * 365 * self.sizes.years)  # a slowly rising inflow
        received_on = self.today - timedelta(days=days_back)
        received_at = _at(received_on, rng)
        registered_on = min(
            self.today, deadlines.shift_to_working_day(received_on + timedelta(days=rng.randrange(0, 3)), "forward")
        )
        registered_at = max(received_at, _at(registered_on, rng))
        year = registered_at.year
        sequence = self.sequences.get(year, SEQUENCE_OFFSET) + 1
        self.sequences[year] = sequence
        due = deadlines.due_date(registered_on)
        section = rng.choices(self.sections, weights=self.section_weights)[0]
        topic = rng.choice(self.topics[section])
        surname, first_name, patronymic = self._person()
        login = f"{surname.lower().translate(TRANSLIT)}.{first_name.lower().translate(TRANSLIT)[:1]}{index}"
        salt = f"{SCALE_PREFIX}{index}-{rng.getrandbits(64):016x}"
        row = {
            "id": self._id(Appeal),
            "number": number_for(year=year, sequence=sequence),
            "year": year,
            "sequence": sequence,
            "kind": _choice_weighted(rng, KIND_WEIGHTS),
            "received_at": received_at,
            "registered_at": registered_at,
            "due_date": due,
            "surname": surname,
            "first_name": first_name,
            "patronymic": patronymic,
            "email": f"{login}@{rng.choice(MAIL_DOMAINS)}",
            "phone": self._phone() if rng.random() < 0.7 else "",
            "postal_address": self._address() if rng.random() < 0.5 else "",
            "addressee_id": rng.choice(self.addressees).pk,
            "topic_id": topic.pk,
            "classifier_code": topic.classifier_code,
            "text": self._text(section),
            "is_collective": rng.random() < 0.03,
            "identity_method": rng.choice(self.methods),
            "identity_subject": "",
            "identity_issuer": "",
            "identity_verified_at": received_at - timedelta(minutes=5),
            "consent_version": "2026-11-01",
            "consent_given_at": received_at - timedelta(minutes=1),
            "status_salt": salt,
            "status_token_hash": hash_status_token(derive_status_token(salt)),
            "idempotency_key": f"{SCALE_PREFIX}{index:08d}",
            "ip_address": None,
            "user_agent": "",
            "updated_at": registered_at,
            "status": Status.REGISTERED,
        }
        self._workflow(row, registered_on)
        self._events_and_files(row)
        return row

    def _workflow(self, row: dict, registered_on: date) -> None:
        """Move the appeal along as the department would have by today."""
        rng = self.rng
        age = (self.today - registered_on).days
        if age < 2 and rng.random() < 0.6:
            return  # still waiting for assignment
        row.update(
            status=Status.IN_WORK,
            executor_id=rng.choice(self.officers).pk,
            department_id=rng.choice(self.bodies).pk,
            assigned_at=row["registered_at"] + timedelta(hours=rng.randrange(2, 30)),
        )
        if rng.random() < 0.05:
            row["original_due_date"] = row["due_date"]
            row["due_date"] = deadlines.extended_due_date(row["due_date"], 30)
            row["extended_at"] = row["assigned_at"] + timedelta(days=rng.randrange(5, 25))
            row["extension_days"] = 30
            row["extension_reason"] = "Требуется дополнительная проверка с выездом на место."
        # Most appeals are answered within the term; a few linger past it (the overdue share).
        finish_in = rng.randrange(3, 29) if rng.random() < 0.97 else rng.randrange(31, 60)
        finished_on = registered_on + timedelta(days=finish_in)
        if finished_on >= self.today or rng.random() < 0.002:
            return  # open: in work, some of them overdue
        finished_at = _at(finished_on, rng)
        outcome = rng.random()
        if outcome < 0.09:
            row.update(
                status=Status.REDIRECTED,
                redirected_to=rng.choice(REDIRECT_BODIES),
                redirected_on=finished_on,
                result=Appeal.Result.REDIRECTED,
            )
        elif outcome < 0.11:
            row.update(
                status=Status.LEFT_WITHOUT_ANSWER,
                no_answer_reason=Appeal.NoAnswerReason.REPEATED,
                result=Appeal.Result.LEFT_WITHOUT_ANSWER,
                closed_at=finished_at,
            )
        else:
            row.update(
                status=Status.CLOSED if outcome < 0.6 else Status.ANSWERED,
                answered_at=finished_at,
                answer_text="Ответ направлен заявителю. Вопрос рассмотрен с выходом на место.",
                result=_choice_weighted(rng, RESULT_WEIGHTS),
                site_visit=rng.random() < 0.2,
                answered_late=finished_on > row["due_date"],
            )
            if row["status"] == Status.CLOSED:
                row["closed_at"] = finished_at + timedelta(days=1)
        row["updated_at"] = finished_at

    def _events_and_files(self, row: dict) -> None:
        rng = self.rng
        appeal_id, start = row["id"], row["registered_at"]

        def event(kind, at, *, payload=None, actor_id=None):
            self._child(
                AppealEvent,
                {
                    "appeal_id": appeal_id,
                    "kind": kind,
                    "created_at": at,
                    "actor_id": actor_id,
                    "public": kind in AppealEvent.PUBLIC_KINDS,
                    "note": "",
                    "payload": payload or {},
                },
            )

        event(Kind.REGISTERED, start)
        message_id = self._id(_outbox())
        key = uuid.UUID(int=rng.getrandbits(128))
        self.children.setdefault(_outbox(), []).append(
            {
                "id": message_id,
                "appeal_id": appeal_id,
                "event": _outbox().EVENT_APPEAL_REGISTERED,
                "idempotency_key": key,
                "state": _outbox().State.SENT,
                "attempts": 1,
                "created_at": start,
                "sent_at": start + timedelta(minutes=1),
            }
        )
        self._child(
            _delivery(),
            {
                "message_id": message_id,
                "destination": "sed",
                "destination_type": "webhook",
                "idempotency_key": uuid.uuid5(key, "sed"),
                "state": "accepted",
                "attempts": 1,
                "next_attempt_at": start,
                "last_attempt_at": start + timedelta(minutes=1),
                "accepted_at": start + timedelta(minutes=1),
                "remote_number": f"ВХ-{row['year']}-{row['sequence']}",
                "remote_status": "registered",
                "created_at": start,
            },
        )
        event(
            Kind.FORWARDED,
            start + timedelta(minutes=2),
            payload={"system": "СЭД", "external_number": f"ВХ-{row['sequence']}"},
        )
        if row.get("executor_id"):
            actor = row["executor_id"]
            event(Kind.ASSIGNED, row["assigned_at"], actor_id=actor)
            event(Kind.IN_WORK, row["assigned_at"] + timedelta(minutes=5), actor_id=actor)
            if row.get("extended_at"):
                event(
                    Kind.EXTENDED, row["extended_at"], payload={"due_date": row["due_date"].isoformat()}, actor_id=actor
                )
                event(Kind.NOTIFIED, row["extended_at"] + timedelta(minutes=1))
            if rng.random() < 0.3:
                event(Kind.NOTE, row["assigned_at"] + timedelta(days=1), actor_id=actor)
            final = {
                Status.REDIRECTED: Kind.REDIRECTED,
                Status.LEFT_WITHOUT_ANSWER: Kind.LEFT_WITHOUT_ANSWER,
                Status.ANSWERED: Kind.ANSWERED,
                Status.CLOSED: Kind.ANSWERED,
            }.get(row["status"])
            if final:
                at = row.get("answered_at") or row.get("closed_at") or _at(row["redirected_on"], rng)
                payload = {"result": row["result"]} if final == Kind.ANSWERED else {}
                if final == Kind.REDIRECTED:
                    payload = {"body": row["redirected_to"]}
                event(final, at, payload=payload, actor_id=actor)
                event(Kind.NOTIFIED, at + timedelta(minutes=1))
            if row["status"] == Status.CLOSED:
                event(Kind.CLOSED, row["closed_at"], actor_id=actor)
        if rng.random() < 0.3:
            for n in range(rng.randrange(1, 3)):
                name, content_type = rng.choice(ATTACHMENT_TYPES)
                self._child(
                    Attachment,
                    {
                        "appeal_id": appeal_id,
                        "file": f"appeals/scale/{appeal_id}-{n}-{name}",
                        "original_name": name,
                        "content_type": content_type,
                        "size": rng.randrange(40_000, 4_000_000),
                        "sha256": f"{rng.getrandbits(256):064x}",
                    },
                )
        co_authors = []
        if row["is_collective"]:
            for _ in range(rng.randrange(1, 4)):
                surname, first_name, patronymic = self._person()
                co_authors.append((f"{surname} {first_name} {patronymic}", ""))
                self._child(CoAuthor, {"appeal_id": appeal_id, "name": co_authors[-1][0], "email": ""})
        row["search_extra"] = queue_search_text.search_extra(
            phone=row["phone"], postal_address=row["postal_address"], co_authors=co_authors
        )


def _delivery():
    from forwarding.models import Delivery  # forwarding depends on appeals_form, not the other way

    return Delivery


def _outbox():
    from forwarding.models import OutboxMessage  # likewise

    return OutboxMessage


def scale_appeals() -> models.QuerySet[Appeal]:
    return Appeal.objects.filter(idempotency_key__startswith=SCALE_PREFIX)


def load(*, sizes: Sizes, seed: int = 19, today: date | None = None, log: Callable[[str], None] = print) -> int:
    """Generate the appeals (idempotent: a complete set is kept); returns how many were inserted."""
    existing = scale_appeals().count()
    if existing == sizes.appeals:
        log(f"appeals: {existing} already loaded")
        return 0
    if existing:
        log(f"appeals: {existing} of {sizes.appeals} present, replacing them")
        with transaction.atomic():
            _outbox().objects.filter(appeal__in=scale_appeals()).delete()
            scale_appeals().delete()
    officers = ensure_officers()
    generator = _Generator(sizes=sizes, today=today or timezone.localdate(), officers=officers, seed=seed)
    models_in_order: Sequence[type[models.Model]] = (_outbox(), _delivery(), AppealEvent, Attachment, CoAuthor)
    with transaction.atomic():
        for start in range(0, sizes.appeals, BATCH):
            appeals = [generator.appeal(index) for index in range(start, min(start + BATCH, sizes.appeals))]
            insert_rows(Appeal, appeals)
            for model in models_in_order:
                insert_rows(model, generator.children.pop(model, []))
            log(f"appeals: {start + len(appeals)} / {sizes.appeals}")
        reset_sequences(Appeal, AppealEvent, Attachment, CoAuthor, _outbox(), _delivery())
    if connection.vendor == "postgresql":
        # VACUUM sets the visibility map (index-only scans for the queue's pages); not inside a transaction.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            for model in (Appeal, AppealEvent, _outbox(), _delivery(), Attachment):
                cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")
    return sizes.appeals
