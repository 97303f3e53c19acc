"""Factories of the schedules, for tests (factory_boy, wagtail-factories).

place = PlaceFactory()
official = OfficialFactory()
rule = ReceptionRuleFactory(official=official, weekdays=[1], weeks=[2, 4], online_signup=True)
page = ReceptionSchedulePageFactory()          # under the default site's HomePage
index = EventIndexPageFactory()
event = EventPageFactory(parent=index, date=date(2018, 2, 8))
"""

from datetime import date, time

import factory
import wagtail_factories

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


class AbsenceFactory(factory.django.DjangoModelFactory):
    official = factory.SubFactory(OfficialFactory)
    kind = Absence.Kind.VACATION
    date_from = date(2026, 3, 2)
    date_to = date(2026, 3, 13)
    deputy = None

    class Meta:
        model = Absence
