"""Reporting periods: labels, dates, and the page title that must name the period."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from reports import periods
from reports.periods import Period

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "number", "label", "start", "end"),
    [
        ("half", 1, "1 полугодие 2020 года", date(2020, 1, 1), date(2020, 6, 30)),
        ("half", 2, "2 полугодие 2020 года", date(2020, 7, 1), date(2020, 12, 31)),
        ("quarter", 1, "1 квартал 2020 года", date(2020, 1, 1), date(2020, 3, 31)),
        ("quarter", 4, "4 квартал 2020 года", date(2020, 10, 1), date(2020, 12, 31)),
        ("month", 2, "февраль 2020 года", date(2020, 2, 1), date(2020, 2, 29)),
        ("year", None, "2020 год", date(2020, 1, 1), date(2020, 12, 31)),
    ],
)
def test_label_and_dates(kind, number, label, start, end):
    period = Period(kind=kind, year=2020, number=number)
    assert (period.label, period.start, period.end) == (label, start, end)


def test_previous_year_is_the_same_period_a_year_earlier():
    assert Period(kind="half", year=2020, number=1).previous_year().label == "1 полугодие 2019 года"


@pytest.mark.parametrize(
    ("kind", "number", "field"),
    [
        ("half", 3, "period_number"),
        ("quarter", None, "period_number"),
        ("year", 2, "period_number"),
        ("x", 1, "period_kind"),
    ],
)
def test_impossible_periods_are_refused(kind, number, field):
    with pytest.raises(periods.PeriodError) as caught:
        Period(kind=kind, year=2020, number=number)
    assert caught.value.field == field


def test_title_may_write_the_ordinal_the_long_way():
    period = Period(kind="half", year=2018, number=1)
    assert periods.title_names_period("Информация о работе отдела за 1-е полугодие 2018 года", period)
    assert periods.title_names_period("ОТЧЁТ ЗА 1\u00a0ПОЛУГОДИЕ 2018 ГОДА", period)
    assert not periods.title_names_period("Отчёт за 2 полугодие 2018 года", period)
    assert not periods.title_names_period("Отчёт за 1 полугодие 2019 года", period)


def test_a_report_whose_title_does_not_name_its_period_is_refused(make_report):
    report = make_report()
    report.title = "Отчёт за 1 полугодие 2019 года"
    with pytest.raises(ValidationError) as caught:
        report.full_clean()
    assert "«1 полугодие 2020 года»" in caught.value.message_dict["title"][0]
    report.title = "Обзор обращений граждан за 1-е полугодие 2020 года"
    report.full_clean()


def test_a_report_with_an_impossible_period_is_refused(make_report):
    report = make_report()
    report.period_number = 3
    with pytest.raises(ValidationError) as caught:
        report.full_clean()
    assert "period_number" in caught.value.message_dict


def test_period_dates_are_computed_when_the_report_is_published(make_report):
    report = make_report(period_kind="quarter", period_year=2021, period_number=2)
    assert (report.period_start, report.period_end) == (date(2021, 4, 1), date(2021, 6, 30))
