from datetime import time, timedelta

import pytest
from django.utils import timezone

from schedules.factories import (
    EventIndexPageFactory,
    OfficialFactory,
    PlaceFactory,
    ReceptionRuleFactory,
    ReceptionSchedulePageFactory,
)
from schedules.selectors import option_value

ALL_WORKDAYS = [0, 1, 2, 3, 4]


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """POST with the on-commit callbacks (the e-mail tasks) run, as after a real commit."""

    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


@pytest.fixture
def schedule_page(db):
    return ReceptionSchedulePageFactory()


@pytest.fixture
def events_index(db):
    return EventIndexPageFactory()


@pytest.fixture
def place(db):
    return PlaceFactory(title="Администрация городского округа", address="ул. Советская, д. 1", room="каб. 105")


def make_official(*, place, mode="slots", places=10, slot_minutes=30, **kwargs):
    official = OfficialFactory(**kwargs)
    ReceptionRuleFactory(
        official=official,
        weekdays=ALL_WORKDAYS,
        time_from=time(15),
        time_to=time(16),
        place=place,
        online_signup=True,
        signup_mode=mode,
        places=places,
        slot_minutes=slot_minutes,
    )
    return official


@pytest.fixture
def slot_official(place):
    """Receives every working day 15:00–16:00, two 30-minute slots, online sign-up."""
    return make_official(place=place, surname="Морозова", first_name="Елена", slug="morozova")


@pytest.fixture
def places_official(place):
    """Receives every working day 15:00–16:00, two places per session."""
    return make_official(place=place, mode="places", places=2, surname="Лебедева", first_name="Ольга", slug="lebedeva")


def first_open_option(official):
    """The first (date, time_from) open for sign-up, and its form value for the first slot."""
    from schedules import selectors

    options = selectors.signup_options(official)
    assert options, "the official has no open reception"
    option = options[0]
    occ = option.occurrence
    slot = option.free_slots[0] if option.mode == "slots" else None
    return occ, option_value(occ.date, occ.time_from, slot), slot


def signup_data(choice, **overrides):
    data = {
        "choice": choice,
        "surname": "Петрова",
        "first_name": "Анна",
        "patronymic": "Сергеевна",
        "phone": "+7 916 123-45-67",
        "email": "petrova@example.ru",
        "question": "Ремонт крыши дома 5 по улице Мира.",
        "consent": "on",
    }
    data.update(overrides)
    return data


def tomorrow():
    return timezone.localdate() + timedelta(days=1)
