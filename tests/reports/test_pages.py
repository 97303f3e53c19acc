"""The public report pages: computed tables, charts, notes, open-data downloads, query budgets, the index."""

import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from reports.demo.builders import (
    category_row,
    category_table,
    comparison_row,
    comparison_table,
    key_figure,
    key_figures,
)

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def html_of(client, url, **cookies):
    for name, value in cookies.items():
        client.cookies[name] = value
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def channels(n=3, *, chart="bars", slug="kanaly", parts=False, **kwargs):
    rows = []
    for index in range(n):
        rows.append(category_row(f"Канал {index + 1}", 100 + index))
        if parts and index == 0:
            rows.append(category_row("в том числе по почте", 40, part=True))
    return category_table(caption="Каналы поступления", slug=slug, rows=rows, chart=chart, **kwargs)


def topics(n=3, *, slug="temy", **kwargs):
    rows = [comparison_row(f"Тема {index + 1}", 50 + index, 40 + 2 * index) for index in range(n)]
    return comparison_table(caption="Обращения по темам", slug=slug, rows=rows, **kwargs)


# ---- rendering ------------------------------------------------------------------------------------------------


def test_category_table_shows_computed_total_shares_and_a_bar_chart(client, make_report):
    report = make_report(body=[channels(3, parts=True)])
    html = html_of(client, report.url)
    assert html.count("<h1") == 1
    assert '<th scope="row">Итого</th>' in html
    assert "303</td>" in html and f"100,0{NBSP}%</td>" in html  # 100 + 101 + 102; the part is not added
    shares = re.findall(r"<td class=\"num\">(\d+,\d)\u00a0%</td>", html.split("<tfoot>")[0])
    assert shares == ["33,0", "13,2", "33,3", "33,7"]  # the part's share (40 of 303) stands apart
    assert 'class="report-data__part-mark">в т.ч.</span> в том числе по почте' in html
    chart = BeautifulSoup(html, "html.parser").select_one("div.chart.chart--bars")
    assert chart["role"] == "img" and len(chart["aria-labelledby"].split()) == 2
    labels = [label.get_text() for label in chart.select("p.chart__label")]
    assert labels[0] == f"Канал 1 —{NBSP}100{NBSP}(33,0{NBSP}%)"
    assert chart.select_one("b.chart__value").get_text() == f"100{NBSP}(33,0{NBSP}%)"
    assert any(label.startswith("в том числе: в том числе по почте") for label in labels)


def test_pie_chart_only_without_parts_and_bars_in_the_visually_impaired_version(client, make_report):
    report = make_report(body=[channels(3, chart="pie")])
    assert 'class="chart chart--pie"' in html_of(client, report.url)
    html = html_of(client, report.url, vision="large.bw.on")
    assert 'class="chart chart--pie"' not in html and 'class="chart chart--bars"' in html


def test_images_off_shows_the_tables_without_charts(client, make_report):
    report = make_report(body=[channels(3), topics(3)])
    html = html_of(client, report.url, vision="large.wb.off")
    assert 'class="chart ' not in html and "<svg" not in html.split("<main", 1)[1]
    assert html.count('<table class="data-table report-data"') == 2


def test_comparison_table_shows_differences_changes_and_notes_typed_slips(client, make_report):
    body = [
        comparison_table(
            caption="Поступило от",
            slug="istochniki",
            rows=[comparison_row("Государственной Думы РФ", 12, 20, typed=-7), comparison_row("Новые", 5, 0)],
        )
    ]
    report = make_report(body=body)
    html = html_of(client, report.url)
    assert "1 полугодие 2020 года</th>" in html and "1 полугодие 2019 года</th>" in html  # from the period
    assert '−8<span class="report-data__mark" aria-hidden="true">*</span>' in html
    assert "(в исходном документе: −7)" in html
    assert "−40,0" in html  # 12 against 20
    # 5 against 0: no change in %, no error; the dash is explained (tooltip, screen readers, a footnote)
    assert '<abbr title="рост с нуля: процент не вычисляется" aria-hidden="true">—</abbr>' in html
    assert '<span class="visually-hidden">рост с нуля: процент не вычисляется</span></td>' in html
    assert "«—» в столбце «Изменение, %» при росте с нуля: процент от нуля не вычисляется." in html
    assert "н/д" not in html
    assert "строка «Государственной Думы РФ»: разница — указано −7, вычислено −8" in html.replace("Строка", "строка")
    assert 'class="chart chart--pairs"' in html and html.count('class="chart__legend"') == 2


def test_key_figures_compare_with_the_previous_period(client, make_report):
    report = make_report(body=[key_figures("Главное", [key_figure("обращений поступило", 3456, previous=6067)])])
    html = html_of(client, report.url)
    assert f"3{NBSP}456" in html
    assert f"1 полугодие 2019 года: 6{NBSP}067; разница −2{NBSP}611 (−43,0{NBSP}%)" in html


def test_a_growth_from_zero_has_no_percentage_anywhere_and_says_why(client, make_report):
    """17 against 0: «—» explained on the page, an empty cell in CSV and XLSX, null in JSON; never «н/д»."""
    rows = [comparison_row("Новые", 17, 0), comparison_row("Пустые", 0, 0)]
    figure = key_figures("Главное", [key_figure("новых обращений", 17, previous=0)])
    report = make_report(body=[comparison_table(caption="Источники", slug="istochniki", rows=rows), figure])
    html = html_of(client, report.url)
    soup = BeautifulSoup(html, "html.parser")
    cells = {row.th.get_text(): row.find_all("td")[-1] for row in soup.select("#table-istochniki tbody tr")}
    assert cells["Новые"].get_text() == "—рост с нуля: процент не вычисляется"
    assert cells["Новые"].abbr["title"] == "рост с нуля: процент не вычисляется"
    assert cells["Пустые"].get_text() == "—"  # nothing to compare: a plain dash
    assert "«—» в столбце «Изменение, %» при росте с нуля" in html
    assert "разница +17 (рост с нуля)" in html
    assert "н/д" not in html

    csv = client.get(f"{report.url}tables/istochniki/csv/").content.decode("utf-8-sig")
    assert "Новые;17;0;17;;нет" in csv
    sheet = load_workbook(io.BytesIO(client.get(f"{report.url}tables/istochniki/xlsx/").content)).active
    row = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Новые")
    assert row[1:5] == (17, 0, 17, None)
    document = json.loads(client.get(f"{report.url}tables/istochniki/json/").content)
    assert document["rows"][0]["change_percent_computed"] is None


# ---- open data ------------------------------------------------------------------------------------------------


def test_every_table_downloads_as_csv_xlsx_and_json_with_period_and_source(client, make_report):
    report = make_report(body=[channels(3, source="Журнал регистрации"), topics(2)])
    html = html_of(client, report.url)
    for slug in ("kanaly", "temy"):
        for fmt in ("csv", "xlsx", "json"):
            assert f'href="{report.url}tables/{slug}/{fmt}/"' in html

    csv = client.get(f"{report.url}tables/kanaly/csv/")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert csv["Content-Disposition"].startswith(f'attachment; filename="{report.slug}-kanaly.csv"')
    text = csv.content.decode("utf-8-sig")
    assert "Период;1 полугодие 2020 года (01.01.2020 — 30.06.2020)" in text
    assert f"Источник;{report.organisation} — Журнал регистрации" in text
    assert "Категория;Количество;В том числе;Доля, % (вычислено)" in text
    assert "Итого (вычислено);303;;100,0" in text

    xlsx = client.get(f"{report.url}tables/temy/xlsx/")
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert xlsx["Content-Disposition"].startswith(f'attachment; filename="{report.slug}-temy.xlsx"')
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "1 полугодие 2020 года (01.01.2020 — 30.06.2020)" in cells
    assert "Изменение, % (вычислено)" in cells and "Разница (вычислено)" in cells

    data = client.get(f"{report.url}tables/temy/json/")
    assert data["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(data.content)
    assert document["period"] == {"label": "1 полугодие 2020 года", "start": "2020-01-01", "end": "2020-06-30"}
    assert document["source"] == report.organisation
    assert document["rows"][0] == {
        "label": "Тема 1",
        "current": 50,
        "previous": 40,
        "difference_computed": 10,
        "change_percent_computed": 25.0,
        "is_part": False,
    }
    assert document["total"] == {
        "current": 101,
        "previous": 82,
        "difference_computed": 19,
        "change_percent_computed": 23.2,
    }
    assert document["typed_total"] is None


@pytest.mark.parametrize("path", ["tables/net-takoy/csv/", "tables/kanaly/pdf/", "tables/kanaly/", "tables/"])
def test_unknown_tables_and_formats_are_404(client, make_report, path):
    report = make_report(body=[channels(2)])
    assert client.get(report.url + path).status_code == 404


def test_download_urls_survive_a_caption_change(client, make_report):
    report = make_report(body=[channels(2, slug="kanaly")])
    report.body[0].value["caption"] = "Каналы поступления обращений (уточнено)"
    report.save_revision().publish()
    response = client.get(f"{report.url}tables/kanaly/json/")
    assert json.loads(response.content)["table"] == "Каналы поступления обращений (уточнено)"


# ---- query budget ---------------------------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_report_page_query_count_does_not_grow_with_rows_or_tables(client, make_report, django_assert_max_num_queries):
    small = make_report(body=[channels(1), topics(1)], slug="malyy")
    big = make_report(
        body=[channels(50, parts=True), topics(50), channels(50, slug="eshche"), topics(50, slug="temy-2")],
        slug="bolshoy",
    )
    client.get(small.url)  # warm the caches (site, settings)
    few = _queries(client, small.url)
    with django_assert_max_num_queries(12):
        client.get(big.url)
    assert _queries(client, big.url) == few


def test_index_query_count_does_not_grow_with_reports(client, index, make_report, django_assert_max_num_queries):
    make_report(body=[channels(2)])
    client.get(index.url)
    one = _queries(client, index.url)
    for year in range(2000, 2014):
        make_report(body=[channels(2)], period_year=year)
    with django_assert_max_num_queries(12):
        response = client.get(index.url)
    assert response.content.decode().count('class="card report-card"') == 15
    assert _queries(client, index.url) == one


# ---- the index ------------------------------------------------------------------------------------------------


def test_index_shows_the_headline_of_each_report_as_a_time_series(client, index, make_report):
    make_report(body=[channels(2)], period_year=2021)  # headline: the first category table, 100 + 101
    marked = topics(2, headline=True)
    make_report(body=[channels(2, slug="k2"), marked], period_year=2019)  # headline: the marked table, 50 + 51
    make_report(body=[key_figures("Главное", [key_figure("обращений", 5)])], period_year=2020)  # no table: no point
    html = html_of(client, index.url)
    table = html.split('id="series-caption"')[1]
    assert re.findall(r'<th scope="row">([^<]+)</th>', table) == ["1 полугодие 2019 года", "1 полугодие 2021 года"]
    assert '>Обращения по темам</td><td class="num">101</td>' in table
    assert '>Каналы поступления</td><td class="num">201</td>' in table
    # Two different measures (topics in 2019, channels in 2021) are not a time series: no chart (issue 12).
    assert "<svg" not in html.split('id="series-heading"')[1]


def test_index_charts_only_one_organisation_and_one_measure(client, index, make_report):
    make_report(body=[channels(2)], period_year=2021)
    # The same measure though its caption names its own period (as printed reports do).
    caption = "Каналы поступления, 1-е полугодие 2019 года"
    make_report(body=[category_table(caption=caption, slug="k3", rows=[category_row("Канал", 7)])], period_year=2019)
    make_report(body=[channels(2, slug="k4")], period_year=2020, organisation="Администрация другого округа")
    make_report(body=[topics(2)], period_year=2020)
    html = html_of(client, index.url)
    charts = BeautifulSoup(html, "html.parser").select('div.chart--bars[id^="reports-series-chart"]')
    assert len(charts) == 1  # the other organisation and the other measure have one period each
    text = charts[0].get_text(" ")
    assert "Каналы поступления: Администрация городского округа Энск" in text
    assert text.index("2019") < text.index("2021")
    assert "2020" not in text


def test_a_draft_change_does_not_reach_the_index_until_published(client, index, make_report):
    report = make_report(body=[channels(2)])
    report.body = [channels(5)]
    report.save_revision()
    report.refresh_from_db()
    assert report.headline_value == 201
    report.get_latest_revision().publish()
    report.refresh_from_db()
    assert report.headline_value == 100 + 101 + 102 + 103 + 104
