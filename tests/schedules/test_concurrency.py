"""Concurrent sign-ups on PostgreSQL: for the last place (or the last free slot), exactly one succeeds."""

import threading
from datetime import time

import pytest
from django.db import connection
from django.utils import timezone

from schedules import selectors, services
from schedules.factories import OfficialFactory, PlaceFactory, ReceptionRuleFactory
from schedules.models import SignUp

THREADS = 12

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs PostgreSQL: SQLite serialises all writers, so there is no real concurrency to test",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_in_threads(count, target):
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def worker(index):
        try:
            barrier.wait(timeout=30)
            results[index] = target(index)
        except Exception as exc:  # noqa: BLE001 - handed to the test's thread, which fails with it
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def official_with(mode: str, places: int = 1):
    official = OfficialFactory()
    ReceptionRuleFactory(
        official=official,
        weekdays=[0, 1, 2, 3, 4],
        time_from=time(15),
        time_to=time(15, 30),
        place=PlaceFactory(),
        online_signup=True,
        signup_mode=mode,
        places=places,
        slot_minutes=30,
    )
    return official


def attempt(official, occ, slot):
    def sign_up(index):
        try:
            services.create_signup(
                official=official,
                day=occ.date,
                time_from=occ.time_from,
                slot_start=slot,
                resident=services.Resident(
                    "Житель", f"Номер{index}", "", "+79161234567", f"zhitel{index}@example.ru", "Вопрос"
                ),
                consent_version="1",
                consent_text="Согласие",
                consent_given_at=timezone.now(),
            )
            return "ok"
        except services.SignUpError as error:
            return error.code

    return sign_up


@pytest.mark.parametrize("mode", ["places", "slots"])
def test_concurrent_signups_for_the_last_place_exactly_one_succeeds(mode):
    official = official_with(mode, places=1)
    option = selectors.signup_options(official)[0]
    occ = option.occurrence
    slot = option.free_slots[0] if mode == "slots" else None

    results, errors = run_in_threads(THREADS, attempt(official, occ, slot))

    assert not errors, errors
    assert results.count("ok") == 1, results
    assert set(results) - {"ok"} == {"full" if mode == "places" else "taken"}
    assert SignUp.objects.filter(session__date=occ.date, status="active").count() == 1


def test_concurrent_signups_fill_the_places_and_no_more():
    official = official_with("places", places=5)
    occ = selectors.signup_options(official)[0].occurrence
    results, errors = run_in_threads(THREADS, attempt(official, occ, None))
    assert not errors, errors
    assert results.count("ok") == 5
    assert SignUp.objects.filter(session__date=occ.date, status="active").count() == 5
