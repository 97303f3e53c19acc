"""Factories of the appeals domain, for tests (factory_boy, wagtail-factories).

    addressee = AddresseeFactory()
    topic = TopicFactory(classifier_code="0005.0005.0056.1149")
    appeal = AppealFactory(with_events=[{"kind": "extended", "payload": {"due_date": "2026-03-10"}}])
    page = AppealFormPageFactory()   # under the default site's HomePage

AppealFactory builds an appeal as registration leaves it (numbered, with its
public "registered" event) without going through ``services.register_appeal``.
"""

import uuid
from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from appeals_form import deadlines, queue_search_text
from appeals_form.models import (
    Addressee,
    Appeal,
    AppealEvent,
    AppealFormPage,
    CoAuthor,
    PublishedAnswerIndexPage,
    PublishedAnswerPage,
    Topic,
)
from appeals_form.models.appeal import number_for
from appeals_form.services import refresh_search_extra
from home.factories import site_home_page
from identity.types import METHOD_EMAIL_CODE


class AddresseeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Управление {n}")
    kind = Addressee.Kind.BODY
    order = factory.Sequence(lambda n: n)
    is_active = True

    class Meta:
        model = Addressee
        django_get_or_create = ("name",)


class TopicFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Тема {n}")
    classifier_code = "0005.0005.0056.1149"
    order = factory.Sequence(lambda n: n)
    is_active = True

    class Meta:
        model = Topic
        django_get_or_create = ("title",)


class AppealFactory(factory.django.DjangoModelFactory):
    year = factory.LazyAttribute(lambda o: timezone.localdate(o.registered_at).year)
    # Far above what registration hands out in a test, so both never collide.
    sequence = factory.Sequence(lambda n: 900_000 + n)
    number = factory.LazyAttribute(lambda o: number_for(year=o.year, sequence=o.sequence))
    status = Appeal.Status.REGISTERED
    kind = Appeal.Kind.APPLICATION
    registered_at = factory.LazyFunction(timezone.now)
    received_at = factory.LazyAttribute(lambda o: o.registered_at)
    due_date = factory.LazyAttribute(lambda o: deadlines.due_date(timezone.localdate(o.registered_at)))
    surname = "Иванова"
    first_name = "Мария"
    patronymic = "Петровна"
    email = factory.Sequence(lambda n: f"zayavitel{n}@example.ru")
    phone = "+7 900 000-00-00"
    postal_address = "г. Энск, ул. Садовая, д. 1, кв. 1"
    # As the services keep it (co-authors made by CoAuthorFactory are added there too).
    search_extra = factory.LazyAttribute(
        lambda o: queue_search_text.search_extra(phone=o.phone, postal_address=o.postal_address, co_authors=())
    )
    addressee = factory.SubFactory(AddresseeFactory)
    topic = factory.SubFactory(TopicFactory)
    classifier_code = factory.LazyAttribute(lambda o: o.topic.classifier_code)
    text = "Прошу отремонтировать освещение во дворе дома."
    is_collective = False
    identity_method = METHOD_EMAIL_CODE
    identity_verified_at = factory.LazyAttribute(lambda o: o.registered_at - timedelta(minutes=5))
    consent_version = "2026-11-01"
    consent_given_at = factory.LazyAttribute(lambda o: o.registered_at - timedelta(minutes=1))
    idempotency_key = factory.LazyFunction(lambda: str(uuid.uuid4()))
    ip_address = "192.0.2.10"
    user_agent = "Mozilla/5.0"

    class Meta:
        model = Appeal
        skip_postgeneration_save = True

    @factory.post_generation
    def registered_event(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            AppealEvent.objects.create(
                appeal=obj, kind=AppealEvent.Kind.REGISTERED, public=True, created_at=obj.registered_at
            )

    @factory.post_generation
    def with_events(obj, create, extracted, **kwargs):
        """A list of dicts: kind, and optionally public, payload, note, created_at."""
        if not (create and extracted):
            return
        for index, spec in enumerate(extracted, start=1):
            spec = dict(spec)
            kind = spec.pop("kind")
            spec.setdefault("public", kind in AppealEvent.PUBLIC_KINDS)
            spec.setdefault("created_at", obj.registered_at + timedelta(days=index))
            AppealEvent.objects.create(appeal=obj, kind=kind, **spec)


class CoAuthorFactory(factory.django.DjangoModelFactory):
    appeal = factory.SubFactory(AppealFactory, is_collective=True)
    name = factory.Sequence(lambda n: f"Соавтор {n}")
    email = factory.Sequence(lambda n: f"soavtor{n}@example.ru")

    class Meta:
        model = CoAuthor
        skip_postgeneration_save = True

    @factory.post_generation
    def appeal_search_extra(obj, create, extracted, **kwargs):
        if create:
            refresh_search_extra(appeal=obj.appeal)


class AppealEventFactory(factory.django.DjangoModelFactory):
    appeal = factory.SubFactory(AppealFactory)
    kind = AppealEvent.Kind.IN_WORK
    public = factory.LazyAttribute(lambda o: o.kind in AppealEvent.PUBLIC_KINDS)
    payload = factory.LazyFunction(dict)

    class Meta:
        model = AppealEvent


class AppealFormPageFactory(wagtail_factories.PageFactory):
    title = "Интернет-приёмная"
    slug = "internet-priemnaya"
    intro = "<p>Напишите обращение в администрацию.</p>"
    consent_text = "<p>Я согласен на обработку персональных данных.</p>"
    consent_version = "2026-11-01"
    confirmation_text = "<p>Спасибо! Обращение зарегистрировано.</p>"
    parent = factory.LazyFunction(site_home_page)

    class Meta:
        model = AppealFormPage


class PublishedAnswerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Ответы на вопросы из обращений"
    slug = "otvety"
    intro = "<p>Ответы на вопросы, которые затрагивают интересы многих жителей.</p>"
    parent = factory.LazyFunction(site_home_page)

    class Meta:
        model = PublishedAnswerIndexPage


class PublishedAnswerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ответ на вопрос № {n + 1}")
    slug = factory.Sequence(lambda n: f"otvet-{n + 1}")
    question = "В какой срок администрация отвечает на обращение?"
    answer = "<p>В течение 30 дней со дня регистрации обращения.</p>"
    answered_on = factory.LazyFunction(lambda: timezone.localdate())
    parent = factory.LazyFunction(lambda: answers_section())

    class Meta:
        model = PublishedAnswerPage


def answers_section() -> PublishedAnswerIndexPage:
    """The site's section of published answers (there is at most one), created when there is none."""
    return PublishedAnswerIndexPage.objects.first() or PublishedAnswerIndexPageFactory()
