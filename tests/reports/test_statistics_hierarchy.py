"""No small cell recoverable across the nested periods of a year, nor over time (only complete periods published).

A register with a cell of 3 (May, «Социальная сфера», proposals) whose parent
(the 2nd quarter) and siblings (April 7, June 8) would be shown: every month,
quarter, half-year and year of that year is read through the API, the page
and the open data's monthly CSV; all three publish the same cells, and a
reader who sets up every sum between them (``disclosure_audit``) recovers
no small cell.
"""

import json
from datetime import date, datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

from appeals_form.models import Appeal
from opendata import files, registry
from reports import disclosure, hierarchy
from reports.factories import StatisticsPageFactory
from tests.reports.disclosure_audit import audit, cells_of, recovered
from tests.reports.test_public_statistics import HOUSING, MSK, ROADS, SCHOOLS, STATE, appeals

pytestmark = pytest.mark.django_db

PERIODS = [("month", number) for number in range(1, 13)]
PERIODS += [("quarter", number) for number in range(1, 5)] + [("half", 1), ("half", 2), ("year", 1)]


def bounds(year: int, kind: str, number: int) -> tuple[date, date]:
    from reports.statistics_year import key_bounds

    key = hierarchy.YEAR_KEY if kind == "year" else f"{kind}-{number}"
    return key_bounds(year, key)


def register_year(year: int) -> None:
    for month in range(1, 13):
        day = datetime(year, month, 10, 12, tzinfo=MSK)
        appeals(6, day=day, code=HOUSING, kind=Appeal.Kind.COMPLAINT)
        appeals(5, day=day, code=STATE, kind=Appeal.Kind.APPLICATION)
    for month, count in ((4, 7), (5, 3), (6, 8)):  # the 3 of May under a shown quarter and shown siblings
        appeals(count, day=datetime(year, month, 12, 12, tzinfo=MSK), code=SCHOOLS, kind=Appeal.Kind.PROPOSAL)
    appeals(2, day=datetime(year - 1, 2, 10, 12, tzinfo=MSK), code=ROADS, kind=Appeal.Kind.PROPOSAL)
    appeals(9, day=datetime(year - 1, 3, 10, 12, tzinfo=MSK), code=HOUSING, kind=Appeal.Kind.COMPLAINT)


def api_year(client, year: int) -> dict:
    found = {}
    for kind, number in PERIODS:
        start, end = bounds(year, kind, number)
        response = client.get(f"/api/v1/statistics/?start={start}&end={end}")
        assert response.status_code == 200, (kind, number, response.content[:200])
        found[(kind, number)] = response.json()
    return found


def test_the_checker_finds_a_lone_hidden_child_under_a_shown_parent():
    """The helper itself: months 6, (3 hidden), 8 under a quarter of 17 give the 3 back."""
    shown, small = "shown", "small"
    published = {("month", 1): {("section", "a"): (6, shown), ("total", "total"): (6, shown)}}
    published[("month", 2)] = {("section", "a"): (None, small), ("total", "total"): (None, small)}
    published[("month", 3)] = {("section", "a"): (8, shown), ("total", "total"): (8, shown)}
    published[("quarter", 1)] = {("section", "a"): (17, shown), ("total", "total"): (17, shown)}
    assert recovered(published)[(("month", 2), "section", "a")] == 3
    assert audit(published)
    published[("quarter", 1)] = {("section", "a"): (None, "hidden"), ("total", "total"): (None, "hidden")}
    assert audit(published) == []


def test_protect_year_hides_a_second_cell_when_a_parent_and_siblings_would_give_a_small_one_away():
    cells = {}
    for key, a, b in (("month-1", 6, 9), ("month-2", 3, 9), ("month-3", 8, 9), ("quarter-1", 17, 27)):
        cells |= {(key, "section", "a"): a, (key, "section", "b"): b, (key, "total", "total"): a + b}
    marks = hierarchy.protect_year(cells, partitions=("section",), steps=hierarchy.completion_steps(3))
    assert marks[("month-2", "section", "a")] == disclosure.SMALL
    eqs = hierarchy.equations(cells, partitions=("section",))
    assert hierarchy.exposed(cells, marks, eqs) == []
    # January's cells were published before the quarter ended: the quarter's step never changes them.
    assert marks[("month-1", "section", "a")] == disclosure.SHOWN
    assert marks[("month-2", "section", "b")] != disclosure.SHOWN  # February's 9 protects its 3 in the month
    # ... and March or the quarter gives a second cell so that 17 − 6 − 8 is not the 3 alone.
    assert any(marks[cell] != disclosure.SHOWN for cell in cells if cell[0] in ("month-3", "quarter-1"))


def test_no_combination_of_page_api_and_open_data_recovers_the_cell_of_three(client, index):
    year = timezone.localdate().year - 1  # a complete year inside the monthly open data (since January of last year)
    register_year(year)
    published = api_year(client, year)

    for column, label in (("current", year), ("previous", year - 1)):
        cells = {period: cells_of(data, column) for period, data in published.items()}
        assert audit(cells) == [], label
    may = cells_of(published[("month", 5)])
    assert may[("section", "0002")] == (None, disclosure.SMALL) and may[("kind", "proposal")][0] is None
    assert cells_of(published[("quarter", 2)])[("section", "0002")][0] is None  # 18 would give 18 − 7 − 8

    # The page shows exactly the API's cells, for every period kind.
    page = StatisticsPageFactory(parent=index)
    for (kind, number), data in published.items():
        params = {"kind": kind, "year": str(year), **({} if kind == "year" else {"number": str(number)})}
        html = client.get(page.url, params).content.decode()
        for table in data["tables"]:
            for row in (*table["rows"], table["total"]):
                expected = (
                    f'<th scope="row">{escape(row["label"])}</th><td class="num">{row["current"]["text"]}</td>'
                    f'<td class="num">{row["previous"]["text"]}</td>'
                )
                assert expected in html, (kind, number, table["key"], row["key"])

    # The open data's monthly set: each month's cells are the API's.
    dataset = registry.get("appeals-register-statistics-monthly")
    rows = files.read_csv(files.data_csv(dataset, dataset.rows()))
    for number in range(1, 13):
        month = f"{year}-{number:02d}"
        api_cells = {
            (table["key"], row["key"]): row["current"]
            for table in published[("month", number)]["tables"]
            for row in (*table["rows"], table["total"])
        }
        csv_cells = {(row["table"], row["row_key"]): row for row in rows if row["month"] == month}
        assert csv_cells, month
        for key, cell in api_cells.items():
            assert csv_cells[key]["value"] == ("" if cell["value"] is None else str(cell["value"])), (month, key)
            assert csv_cells[key]["value_text"] == cell["text"].replace("\u00a0", " "), (month, key)
        assert not any(row["value"] in ("1", "2", "3", "4") for row in csv_cells.values())


def test_the_running_period_is_published_nowhere(client, index):
    today = timezone.localdate()
    appeals(7, day=timezone.now(), code=HOUSING)
    page = StatisticsPageFactory(parent=index)
    for kind in ("month", "quarter", "half", "year"):
        size = {"month": 1, "quarter": 3, "half": 6, "year": 12}[kind]
        number = (today.month - 1) // size + 1
        start, end = bounds(today.year, kind, number)
        response = client.get(f"/api/v1/statistics/?start={start}&end={end}")
        assert response.status_code == 400, kind
        error = response.json()["error"]
        assert error["code"] == "running" and "публикуются после его окончания" in error["message"]
        params = {"kind": kind, "year": str(today.year), **({} if kind == "year" else {"number": str(number)})}
        html = client.get(page.url, params).content.decode()
        assert "Данные за текущий период публикуются после его окончания." in html
        assert 'class="data-table report-data"' not in html
    dataset = registry.get("appeals-register-statistics-monthly")
    months = {row["month"] for row in files.read_csv(files.data_csv(dataset, dataset.rows()))}
    assert f"{today:%Y-%m}" not in months
    assert max(months) < f"{today:%Y-%m}"


REGISTER_BLOCK = {
    "type": "register_statistics",
    "value": {"heading": "Через интернет-приёмную", "breakdowns": ["channel", "section", "result"], "slug": "reg"},
}


def union_with_block(published: dict, client, report) -> dict:
    """The API's cells of every period, plus what the report's block and its downloads publish of its half-year."""
    cells = {period: cells_of(data) for period, data in published.items()}
    half = cells[("half", 1)]
    keys = {
        (table["key"], row["label"]): row["key"] for table in published[("half", 1)]["tables"] for row in table["rows"]
    }
    for slug, series in (("razdely", "section"), ("rezultaty", "result"), ("kanaly", "total")):
        data = json.loads(client.get(f"{report.url}tables/reg-{slug}/json/").content)
        found = [((series, keys.get((series, row["label"]), "total")), row["count"]) for row in data["rows"]]
        found.append((("total", "total"), data["total"]["count"]))
        for key, value in found:
            if value is not None and half[key][0] is None:
                half[key] = (value, "shown")  # the block publishes a number the statistics hide
    return cells


def test_the_statistics_and_the_report_block_together_give_no_small_count_away(client, make_report):
    """Issue 18's leak example: Q1 12, April 9, May 2 (one section), June 0; the report is the 1st half-year."""
    appeals(12, day=datetime(2020, 2, 3, 12, tzinfo=MSK), code=HOUSING, result=Appeal.Result.EXPLAINED)
    appeals(9, day=datetime(2020, 4, 3, 12, tzinfo=MSK), code=STATE, result=Appeal.Result.SUPPORTED)
    appeals(2, day=datetime(2020, 5, 3, 12, tzinfo=MSK), code=SCHOOLS)
    report = make_report(body=[REGISTER_BLOCK])
    published = api_year(client, 2020)
    union = union_with_block(published, client, report)
    assert union == {period: cells_of(data) for period, data in published.items()}  # the block adds no number
    assert audit(union) == []
    # The checker does catch the earlier rule's leak: the half-year's 23 beside Q1 12, April 9 and June 0.
    leaky = {**union, ("half", 1): {**union[("half", 1)], ("total", "total"): (23, "shown")}}
    assert any("('month', 5)" in problem for problem in audit(leaky))
