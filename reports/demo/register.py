"""A demo register for «Статистика обращений»: two years of considered appeals of the demo municipality.

Made up and deterministic (a seeded random generator): about 130 appeals a
month (a town's online reception: the seeds' departments received 1,000–1,500
a half-year through the site and by e-mail) with topics, kinds, identification methods, results, answer dates,
extensions and redirections, so that the statistics page shows real tables
under ``make run``. Personal fields hold the obvious placeholder «Демо».
Loaded only with the demo queue (``APPEALS_DEMO_QUEUE``, as the queue's own
demo appeals); idempotent (the keys ``demo-stat-N``).
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from appeals_form import deadlines
from appeals_form.models import Addressee, Appeal, Topic
from appeals_form.models.appeal import hash_status_token, number_for
from identity.types import METHOD_EMAIL_CODE, METHOD_OIDC

KEY_PREFIX = "demo-stat-"
SEQUENCE_BASE = 800_000  # far above what registration hands out
DAYS = 730
#: Appeals registered on a working day: from, to (inclusive).
PER_DAY = (2, 10)
BATCH = 500
SEED = 18

RESULTS = [
    (Appeal.Result.EXPLAINED, 50),
    (Appeal.Result.SUPPORTED, 12),
    (Appeal.Result.MEASURES_TAKEN, 14),
    (Appeal.Result.NOT_SUPPORTED, 8),
    (Appeal.Result.ANSWERED, 10),
    (Appeal.Result.REDIRECTED, 6),
]
KINDS = [(Appeal.Kind.APPLICATION, 70), (Appeal.Kind.COMPLAINT, 22), (Appeal.Kind.PROPOSAL, 8)]


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def load(*, stdout, style) -> int:
    """Create the demo register's appeals that are missing; return how many were created."""
    if not settings.APPEALS_DEMO_QUEUE:
        return 0
    topics = list(Topic.objects.order_by("order", "pk"))
    addressee = Addressee.objects.order_by("order", "pk").first()
    if not topics or addressee is None:
        return 0
    existing = set(
        Appeal.objects.filter(idempotency_key__startswith=KEY_PREFIX).values_list("idempotency_key", flat=True)
    )
    rng = random.Random(SEED)  # noqa: S311 - made-up demo data, not a secret
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    topic_weights = [(topic, 1 + (index * 7) % 11) for index, topic in enumerate(topics)]
    pending: list[Appeal] = []
    index = 0
    for days_ago in range(DAYS, 0, -1):
        day = today - timedelta(days=days_ago)
        if day.weekday() >= 5:
            continue
        for _ in range(rng.randint(*PER_DAY)):
            index += 1
            key = f"{KEY_PREFIX}{index}"
            spec = _spec(rng, day=day, zone=zone, topics=topic_weights)
            if key not in existing:
                pending.append(
                    _appeal(key=key, sequence=SEQUENCE_BASE + index, addressee=addressee, spec=spec, today=today)
                )
    Appeal.objects.bulk_create(pending, batch_size=BATCH)
    created = len(pending)
    if created:
        stdout.write(f"  {style.SUCCESS('created'.ljust(9))} демо-реестр для статистики, обращений: {created}")
    return created


def _spec(rng: random.Random, *, day, zone, topics) -> dict:
    registered_at = datetime.combine(day, time(9 + rng.randrange(8), rng.randrange(60)), tzinfo=zone)
    return {
        "registered_at": registered_at,
        "topic": _pick(rng, topics),
        "kind": _pick(rng, KINDS),
        "method": METHOD_OIDC if rng.random() < 0.35 else METHOD_EMAIL_CODE,
        "result": _pick(rng, RESULTS),
        "answer_days": rng.randrange(3, 29),
        "late": rng.random() < 0.07,
        "extended": rng.random() < 0.05,
    }


def _appeal(*, key: str, sequence: int, addressee, spec: dict, today) -> Appeal:
    """The demo appeal of ``spec``, not saved (``Appeal.save()`` would set the status hash: done here)."""
    registered_at = spec["registered_at"]
    registered_on = timezone.localdate(registered_at)
    topic = spec["topic"]
    fields = {}
    answered_at = registered_at + timedelta(days=spec["answer_days"] + (40 if spec["late"] else 0))
    if timezone.localdate(answered_at) < today:
        result = spec["result"]
        if result == Appeal.Result.REDIRECTED:
            answered_at = registered_at + timedelta(days=3)
            fields |= {
                "status": Appeal.Status.REDIRECTED,
                "redirected_to": "Министерство (демо)",
                "redirected_on": timezone.localdate(answered_at),
            }
        else:
            fields |= {"status": Appeal.Status.ANSWERED, "answered_at": answered_at, "answered_late": spec["late"]}
        fields |= {"result": result, "closed_at": answered_at}
    else:
        fields["status"] = Appeal.Status.IN_WORK
    if spec["extended"]:
        fields |= {"extended_at": registered_at + timedelta(days=20), "extension_days": 30}
    appeal = Appeal(
        number=number_for(year=registered_on.year, sequence=sequence),
        year=registered_on.year,
        sequence=sequence,
        kind=spec["kind"],
        received_at=registered_at,
        registered_at=registered_at,
        due_date=deadlines.due_date(registered_on),
        surname="Демо",
        first_name="Статистика",
        email=f"{key}@example.ru",
        postal_address="140000, г. Энск (демо)",
        addressee=addressee,
        topic=topic,
        classifier_code=topic.classifier_code,
        text="Демонстрационное обращение для страницы статистики.",
        identity_method=spec["method"],
        identity_verified_at=registered_at - timedelta(minutes=10),
        consent_version="demo",
        consent_given_at=registered_at - timedelta(minutes=2),
        idempotency_key=key,
        **fields,
    )
    appeal.status_token_hash = hash_status_token(appeal.status_token)
    return appeal
