"""Factories of the schedules, for tests (factory_boy, wagtail-factories).

place = PlaceFactory()
official = OfficialFactory()
rule = ReceptionRuleFactory(official=official, weekdays=[1], weeks=[2, 4], online_signup=True)
page = ReceptionSchedulePageFactory()          # under the default site's HomePage
index = EventIndexPageFactory()
event = EventPageFactory(parent=index, date=date(2018, 2, 8))
signup = SignUpFactory()                        # with its ReceptionSession (personal data: names, phone, question)
"""

import hashlib
from datetime import date, time, timedelta

import factory
import wagtail_factories
from django.utils import timezone

from home.factories import site_home_page
from schedules.models import (
    Absence,
    EventIndexPage,
    EventPage,
    EventTopic,
    Official,
    Place,
    ReceptionException,
    ReceptionRule,
    ReceptionSchedulePage,
    ReceptionSession,
    SignUp,
)


class PlaceFactory(factory.django.DjangoModelFactory):
    title = "Администрация городского округа"
    address = factory.Sequence(lambda n: f"ул. Советская, д. {n + 1}")
    room = "каб. 105"

    class Meta:
        model = Place


class EventTopicFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Тема {n}")

    class Meta:
        model = EventTopic
        django_get_or_create = ("title",)


class OfficialFactory(factory.django.DjangoModelFactory):
    surname = factory.Sequence(lambda n: f"Иванов{n}")
    first_name = "Иван"
    patronymic = "Иванович"
    position = "Заместитель главы администрации"
    department = "Жилищно-коммунальное хозяйство"
    order = factory.Sequence(lambda n: n)
    slug = factory.Sequence(lambda n: f"ivanov-{n}")

    class Meta:
        model = Official


class ReceptionRuleFactory(factory.django.DjangoModelFactory):
    official = factory.SubFactory(OfficialFactory)
    weekdays = [1]
    weeks: list = []
    time_from = time(15, 0)
    time_to = time(18, 0)
    place = factory.SubFactory(PlaceFactory)
    phone = "+7 (495) 000-02-02"
    online_signup = False
    signup_mode = ReceptionRule.SignupMode.SLOTS
    slot_minutes = 30
    places = 10

    class Meta:
        model = ReceptionRule


class ReceptionExceptionFactory(factory.django.DjangoModelFactory):
    official = factory.SubFactory(OfficialFactory)
    date = date(2026, 3, 10)
    action = ReceptionException.Action.CANCELLED
    reason = "Командировка"

    class Meta:
        model = ReceptionException


CONSENT = "<p>Я даю согласие на обработку персональных данных для записи на приём.</p>"


class ReceptionSchedulePageFactory(wagtail_factories.PageFactory):
    title = "График приёма"
    slug = "grafik-priema"
    consent_text = CONSENT
    consent_version = "2026-11-01"
    parent = factory.LazyFunction(site_home_page)

    class Meta:
        model = ReceptionSchedulePage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Мероприятия"
    slug = "meropriyatiya"
    parent = factory.LazyFunction(site_home_page)

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Тематический приём {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = EventPage.Kind.THEMATIC
    date = date(2018, 2, 8)
    time_from = time(16, 0)
    time_to = time(18, 0)
    hosts = "Глава городского округа и заместители"

    class Meta:
        model = EventPage


class ReceptionSessionFactory(factory.django.DjangoModelFactory):
    official = factory.SubFactory(OfficialFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    time_from = time(10, 0)
    time_to = time(12, 0)
    place = factory.SubFactory(PlaceFactory)
    mode = ReceptionSession.Mode.SLOTS
    slot_minutes = 30
    capacity = 4

    class Meta:
        model = ReceptionSession


class SignUpFactory(factory.django.DjangoModelFactory):
    session = factory.SubFactory(ReceptionSessionFactory)
    slot_start = factory.Sequence(lambda n: time(10 + n % 2, 30 * (n % 2)))
    surname = "Записанова"
    first_name = "Ольга"
    patronymic = "Сергеевна"
    phone = "+7 916 555-44-33"
    email = factory.Sequence(lambda n: f"zapis{n}@example.ru")
    question = "Вопрос о ремонте подъезда дома 7 по улице Лесной."
    consent_version = "2026-11-01"
    consent_text = "Согласие на обработку персональных данных"
    consent_given_at = factory.LazyFunction(timezone.now)
    cancel_token_hash = factory.Sequence(lambda n: hashlib.sha256(f"cancel-{n}".encode()).hexdigest())

    class Meta:
        model = SignUp


class AbsenceFactory(factory.django.DjangoModelFactory):
    official = factory.SubFactory(OfficialFactory)
    kind = Absence.Kind.VACATION
    date_from = date(2026, 3, 2)
    date_to = date(2026, 3, 13)
    deputy = None

    class Meta:
        model = Absence
