"""The «Статистика обращений» page: the period chosen by a plain form, tables, charts, no small cell anywhere."""

import re
from datetime import date, datetime

import pytest
from django.utils import timezone

from appeals_form.factories import AppealFactory
from appeals_form.models import Appeal
from reports.factories import StatisticsPageFactory
from reports.models import RegisterSnapshot

pytestmark = pytest.mark.django_db

MSK = timezone.get_fixed_timezone(180)
HOUSING = "0005.0005.0056.1149"
STATE = "0001.0001.0001.0001"
SCHOOLS = "0002.0007.0071.0337"


@pytest.fixture
def page(index):
    return StatisticsPageFactory(parent=index)


def register(day, count, code, **kwargs):
    for _ in range(count):
        AppealFactory(registered_at=day, classifier_code=code, **kwargs)


def cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r'<td class="num">(.*?)</td>', html)]


def test_the_period_is_chosen_by_the_form_and_shown_beside_a_year_earlier(client, page):
    register(datetime(2025, 2, 3, 12, tzinfo=MSK), 12, HOUSING)
    register(datetime(2024, 2, 5, 12, tzinfo=MSK), 7, HOUSING)
    response = client.get(page.url, {"kind": "quarter", "year": "2025", "number": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 квартал 2025 года" in html and "1 квартал 2024 года" in html
    assert '<label for="id_kind">Период' in html and '<label for="id_year">Год' in html
    assert "+5" in html  # 12 against 7
    assert '<svg role="img"' in html or "<svg" in html
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]


def test_a_cell_of_three_appears_nowhere_on_the_page(client, page):
    register(datetime(2025, 2, 3, 12, tzinfo=MSK), 12, HOUSING, kind=Appeal.Kind.COMPLAINT)
    register(datetime(2025, 2, 3, 12, tzinfo=MSK), 8, STATE, kind=Appeal.Kind.APPLICATION)
    register(datetime(2025, 2, 3, 12, tzinfo=MSK), 3, SCHOOLS, kind=Appeal.Kind.PROPOSAL)
    html = client.get(page.url, {"kind": "quarter", "year": "2025", "number": "1"}).content.decode()
    values = cells(html)
    assert "менее 5" in values and "скрыто" in values
    assert "3" not in values
    # Every table's published cells: no subtraction from its total leaves 3 alone.
    assert "23" in values  # the total is published
    assert "15" not in values and "20" not in values  # 23 − 8 and 23 − 3: neither partial sum is shown


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "month", "year": "2025", "number": "13"}, "Укажите номер месяца (от 1 до 12)."),
        ({"kind": "month", "year": "двадцать", "number": "1"}, "Год указывается цифрами, например 2025."),
        ({"kind": "week", "year": "2025"}, "Выберите вид периода из списка."),
        ({"kind": "quarter", "year": "2025", "number": "5"}, "Укажите номер квартала (от 1 до 4)."),
    ],
)
def test_bad_input_gets_a_clear_russian_error_and_keeps_what_was_typed(client, page, params, message):
    html = client.get(page.url, params).content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    assert 'aria-describedby="' in html and "aria-invalid" in html
    assert f'value="{params["year"]}"' in html


def test_a_future_period_is_refused_with_a_message(client, page):
    next_year = timezone.localdate().year + 1
    html = client.get(page.url, {"kind": "year", "year": str(next_year)}).content.decode()
    assert f"Период «{next_year} год» ещё не начался" in html
    assert "Основные показатели" not in html


def test_without_parameters_the_last_complete_year_is_shown(client, page):
    last_year = timezone.localdate().year - 1
    register(datetime(last_year, 5, 5, 12, tzinfo=MSK), 6, HOUSING)
    register(timezone.now(), 7, HOUSING)
    html = client.get(page.url).content.decode()
    assert f"{last_year} год" in html and "Основные показатели" in html
    assert "6" in cells(html) and "7" not in cells(html)


def test_the_running_period_is_not_published_and_the_page_says_why(client, page):
    today = timezone.localdate()
    register(timezone.now(), 7, HOUSING)
    for kind, number in (("month", today.month), ("quarter", (today.month - 1) // 3 + 1), ("year", None)):
        params = {"kind": kind, "year": str(today.year), **({"number": str(number)} if number else {})}
        html = client.get(page.url, params).content.decode()
        assert "Данные за текущий период публикуются после его окончания." in html, kind
        assert "Основные показатели" not in html and "7" not in cells(html), kind
        assert "Последний закончившийся период:" in html


REGISTER_BLOCK = {
    "type": "register_statistics",
    "value": {"heading": "Обращения через интернет-приёмную", "breakdowns": ["section", "result"], "slug": "reg"},
}


def test_the_report_register_block_agrees_with_the_statistics_page(client, page, make_report):
    register(datetime(2020, 2, 3, 12, tzinfo=MSK), 12, HOUSING, result=Appeal.Result.EXPLAINED)
    register(datetime(2020, 4, 3, 12, tzinfo=MSK), 9, STATE, result=Appeal.Result.SUPPORTED)
    register(datetime(2020, 5, 3, 12, tzinfo=MSK), 2, SCHOOLS)
    report = make_report(body=[REGISTER_BLOCK])  # 1st half of 2020
    frozen = RegisterSnapshot.objects.get(page=report).data
    from reports.public_statistics import published_statistics

    stats = published_statistics(start=date(2020, 1, 1), end=date(2020, 6, 30))
    published = {row.key: row.current.value for row in stats.table("section").rows}
    report_counts = {line["key"]: line["count"] for line in frozen["by_section"]}
    assert frozen["total"] == 23
    # The statistics publish months too: 1st quarter 12, April 9, June 0, so the half-year's 23 would give May's 2
    # away; the total is hidden there (reports.hierarchy), and every cell both publish is the same number.
    assert stats.table("section").total.current.value is None
    for key, value in published.items():
        if value is not None:  # where both publish a cell of 5 or more, the same number
            assert value == report_counts[key], key
    report_results = {line["key"]: line["count"] for line in frozen["by_result"]}
    results = {row.key: row.current.value for row in stats.table("result").rows}
    assert report_results["explained"] == 12
    assert results["none"] is None  # 2 unfinished
    assert all(value == report_results[key] for key, value in results.items() if value is not None)
    shown = [value for value in (*published.values(), *results.values()) if value]
    assert shown, "the half-year publishes some figure of its own"
    html = client.get(page.url, {"kind": "half", "year": "2020", "number": "1"}).content.decode()
    assert all(str(value) in cells(html) for value in shown)
    assert "23" not in cells(html) and "2" not in cells(html)
