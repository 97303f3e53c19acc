"""Factories of the regulations, for tests (factory_boy, wagtail-factories).

    index = RegulationIndexPageFactory()                 # under the default site's HomePage
    act = RegulationPageFactory(parent=index, number="59-ФЗ", date=date(2006, 5, 2))
    RegulationAmendmentFactory(page=act, number="547-ФЗ", date=date(2024, 12, 28))
    RegulationRelatedActFactory(page=act, act=other)

Pages are created live, without revisions; an act gets a one-paragraph text unless
`body` is given (an act needs a file or a text).
"""

from datetime import date

import factory
import wagtail_factories

from home.factories import site_home_page
from regulations.models import (
    Kind,
    RegulationAmendment,
    RegulationIndexPage,
    RegulationPage,
    RegulationRelatedAct,
    Status,
)


class RegulationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Нормативные акты"
    slug = factory.Sequence(lambda n: f"dokumenty-{n}")
    intro = "<p>Законы и муниципальные правовые акты о рассмотрении обращений граждан.</p>"
    parent = factory.LazyFunction(site_home_page)

    class Meta:
        model = RegulationIndexPage


class RegulationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"О порядке рассмотрения обращений граждан, редакция {n}")
    slug = factory.Sequence(lambda n: f"akt-{n}")
    parent = factory.SubFactory(RegulationIndexPageFactory)
    kind = Kind.RESOLUTION
    issuer_in_name = "администрации городского округа Энск"
    number = factory.Sequence(lambda n: f"{100 + n}-ПА")
    date = date(2020, 6, 19)
    issuing_body = "Администрация городского округа Энск Московской области"
    status = Status.IN_FORCE
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Порядок рассмотрения обращений граждан в администрации.</p>"}]
    )

    class Meta:
        model = RegulationPage


class RegulationAmendmentFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(RegulationPageFactory)
    kind = ""
    number = factory.Sequence(lambda n: f"{500 + n}-ПА")
    date = date(2024, 12, 28)
    title = "О внесении изменений в постановление"
    summary = "Уточнён порядок регистрации обращений."
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = RegulationAmendment


class RegulationRelatedActFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(RegulationPageFactory)
    act = factory.SubFactory(RegulationPageFactory)
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = RegulationRelatedAct
