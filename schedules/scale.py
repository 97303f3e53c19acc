"""Officials with reception rules and a year of sign-ups, and 1,000 events, for the scale benchmark.

``manage.py load_scale_data``: seeded and idempotent (officials' slugs start
``scale-``, events' slugs ``scale-event-``; what exists is kept). Fictional
names; sign-ups carry no real person's data.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from home.scale import Sizes
from schedules.models import EventIndexPage, EventPage, Official, Place, ReceptionRule
from schedules.models.signups import ReceptionSession, SignUp

SLUG_PREFIX = "scale-"
EVENT_PREFIX = "scale-event-"
POSITIONS = (
    "Заместитель главы администрации",
    "Начальник управления",
    "Заместитель начальника управления",
    "Начальник отдела",
)
DEPARTMENTS = ("Жилищно-коммунальное хозяйство", "Образование", "Социальная защита", "Благоустройство", "Транспорт")
EVENT_TOPICS = ("благоустройство дворов", "капитальный ремонт", "места в детских садах", "дороги", "вывоз мусора")


def _officials(*, sizes: Sizes, rng: random.Random, place: Place, log) -> int:
    existing = set(Official.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True))
    created = 0
    today = timezone.localdate()
    for n in range(sizes.officials):
        slug = f"{SLUG_PREFIX}{n:03d}"
        weekday = rng.randrange(0, 5)
        if slug in existing:
            continue
        official = Official.objects.create(
            surname=f"Сотрудников{n}",
            first_name="Иван",
            patronymic="Петрович",
            position=rng.choice(POSITIONS),
            department=rng.choice(DEPARTMENTS),
            order=1000 + n,
            slug=slug,
        )
        ReceptionRule.objects.create(
            official=official,
            weekdays=[weekday],
            weeks=[],
            time_from=time(15, 0),
            time_to=time(18, 0),
            place=place,
            online_signup=True,
            signup_mode=ReceptionRule.SignupMode.SLOTS,
            slot_minutes=30,
        )
        # A year of receptions with residents signed up (most slots taken).
        day = today - timedelta(days=365)
        while day.weekday() != weekday:
            day += timedelta(days=1)
        sessions, signups = [], []
        while day <= today:
            sessions.append(
                ReceptionSession(
                    official=official,
                    date=day,
                    time_from=time(15, 0),
                    time_to=time(18, 0),
                    place=place,
                    mode=ReceptionSession.Mode.SLOTS,
                    slot_minutes=30,
                    capacity=1,
                )
            )
            day += timedelta(days=7)
        ReceptionSession.objects.bulk_create(sessions)
        for session in ReceptionSession.objects.filter(official=official):
            for slot in range(6):
                if rng.random() < 0.7:
                    key = f"scale-{official.pk}-{session.date}-{slot}"
                    signups.append(
                        SignUp(
                            session=session,
                            slot_start=time(15 + slot // 2, 30 * (slot % 2)),
                            surname="Жителева",
                            first_name="Анна",
                            phone="+7 900 000-00-00",
                            email=f"zhitel{slot}@example.ru",
                            question="Вопрос о благоустройстве двора.",
                            consent_version="2026-11-01",
                            consent_text="Согласие на обработку персональных данных.",
                            consent_given_at=timezone.make_aware(datetime.combine(session.date, time(9, 0))),
                            cancel_token_hash=hashlib.sha256(key.encode()).hexdigest(),
                        )
                    )
        SignUp.objects.bulk_create(signups)
        created += 1
    log(f"officials: {created} created with a year of sign-ups, {len(existing)} already there")
    return created


def _events(*, sizes: Sizes, rng: random.Random, log) -> int:
    index = EventIndexPage.objects.live().order_by("path").first()
    if index is None:
        log("events: no events index (run load_demo_content first), skipped")
        return 0
    existing = set(EventPage.objects.filter(slug__startswith=EVENT_PREFIX).values_list("slug", flat=True))
    today = timezone.localdate()
    created = 0
    for n in range(sizes.events):
        day = today - timedelta(days=rng.randrange(-60, 5 * 365))
        topic = rng.choice(EVENT_TOPICS)
        slug = f"{EVENT_PREFIX}{n:04d}"
        if slug in existing:
            continue
        index.add_child(
            instance=EventPage(
                title=f"Тематический приём: {topic} ({n + 1})",
                slug=slug,
                kind=EventPage.Kind.THEMATIC,
                date=day,
                time_from=time(16, 0),
                time_to=time(18, 0),
                hosts="Заместитель главы администрации",
                live=True,
            )
        )
        created += 1
        if created % 250 == 0:
            log(f"events: {created} created")
    log(f"events: {created} created, {len(existing)} already there")
    return created


def load(*, sizes: Sizes, seed: int = 19, log: Callable[[str], None] = print) -> int:
    rng = random.Random(seed)  # noqa: S311 (fictional data, not a secret)
    place, _ = Place.objects.get_or_create(
        title="Администрация (нагрузочный тест)", address="г. Энск, ул. Советская, 1"
    )
    with transaction.atomic():
        created = _officials(sizes=sizes, rng=rng, place=place, log=log)
        created += _events(sizes=sizes, rng=rng, log=log)
    return created
