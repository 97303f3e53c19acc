"""Factories of the report pages, for tests (wagtail-factories).

    index = ReportIndexPageFactory()                         # under the default site's HomePage
    report = ReportPageFactory(parent=index, period_year=2020, body=[category_table(...)])
    report.save_revision().publish()                         # when a test needs a published revision

The title is made from the period ("Отчёт о работе с обращениями граждан за
1 полугодие 2020 года"), so it always names it. Body blocks: raw StreamField
data, e.g. from ``reports.demo.builders``.
"""

import factory
import wagtail_factories

from home.factories import site_home_page
from reports import periods
from reports.models import ReportIndexPage, ReportPage, StatisticsPage


class ReportIndexPageFactory(wagtail_factories.PageFactory):
    title = "Отчёты о работе с обращениями"
    slug = factory.Sequence(lambda n: f"otchety-{n}")
    intro = "<p>Обзоры обращений граждан.</p>"
    parent = factory.LazyFunction(site_home_page)

    class Meta:
        model = ReportIndexPage


def _index() -> ReportIndexPage:
    return ReportIndexPage.objects.order_by("path").first() or ReportIndexPageFactory()


class ReportPageFactory(wagtail_factories.PageFactory):
    organisation = "Администрация городского округа Энск"
    period_kind = periods.HALF
    period_year = 2020
    period_number = 1
    title = factory.LazyAttribute(
        lambda o: (
            "Отчёт о работе с обращениями граждан за "
            + periods.Period(kind=o.period_kind, year=o.period_year, number=o.period_number).label
        )
    )
    slug = factory.Sequence(lambda n: f"otchet-{n}")
    intro = "Обращения граждан за полугодие."
    body = factory.LazyFunction(list)
    parent = factory.LazyFunction(_index)

    class Meta:
        model = ReportPage


class StatisticsPageFactory(wagtail_factories.PageFactory):
    title = "Статистика обращений"
    slug = factory.Sequence(lambda n: f"statistika-{n}")
    intro = "<p>Сколько обращений поступило и как они рассмотрены.</p>"
    parent = factory.LazyFunction(_index)

    class Meta:
        model = StatisticsPage
