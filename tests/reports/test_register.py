"""The register's counts (one query, counts only) and the report's register block.

The block publishes the cells «Статистика обращений» publishes for the report's
period (``reports.register_figures``), frozen when the report is published;
tests/reports/test_statistics_page.py checks that the two agree cell by cell
and that together they give no small count away."""

import json
import re
from datetime import date, datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from appeals_form.factories import AppealFactory
from appeals_form.models import Appeal
from appeals_form.statistics import register_statistics
from identity.types import METHOD_EMAIL_CODE, METHOD_OIDC
from reports.factories import StatisticsPageFactory
from reports.models import RegisterSnapshot
from reports.public_statistics import last_complete, period_containing

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
MSK = timezone.get_fixed_timezone(180)
REGISTER_BLOCK = {
    "type": "register_statistics",
    "value": {
        "heading": "Обращения через интернет-приёмную",
        "breakdowns": ["channel", "section", "result", "identification"],
        "slug": "internet-priemnaya",
    },
}


def appeal(day: datetime, *, code="0005.0005.0056.1149", result="", method=METHOD_EMAIL_CODE, **kwargs) -> Appeal:
    return AppealFactory(registered_at=day, classifier_code=code, result=result, identity_method=method, **kwargs)


def counts(lines) -> dict[str, int]:
    return {line.key: line.count for line in lines}


def test_counts_by_channel_section_result_and_identification_in_one_query(django_assert_num_queries):
    appeal(datetime(2020, 2, 1, 12, tzinfo=MSK), code="0002.0007.0071.0337", result=Appeal.Result.EXPLAINED)
    appeal(datetime(2020, 3, 1, 12, tzinfo=MSK), code="0005.0005.0056.1149", result=Appeal.Result.SUPPORTED)
    appeal(datetime(2020, 4, 1, 12, tzinfo=MSK), code="0005.0005.0056.1150", method=METHOD_OIDC)
    appeal(datetime(2020, 6, 30, 23, 30, tzinfo=MSK))  # the last evening of the period, Moscow time
    appeal(datetime(2020, 7, 1, 0, 10, tzinfo=MSK))  # the next period
    appeal(datetime(2019, 12, 31, 23, 59, tzinfo=MSK))  # the previous one
    with django_assert_num_queries(1):
        stats = register_statistics(start=date(2020, 1, 1), end=date(2020, 6, 30))
    assert stats.total == 4
    assert counts(stats.by_channel) == {"online": 4}
    assert [line.label for line in stats.by_channel] == ["Интернет-приёмная"]
    assert counts(stats.by_section) == {"0001": 0, "0002": 1, "0003": 0, "0004": 0, "0005": 3}
    assert stats.by_section[4].label == "0005 Жилищно-коммунальная сфера"
    results = counts(stats.by_result)
    assert (results["explained"], results["supported"], results["none"]) == (1, 1, 2)
    assert counts(stats.by_identification) == {METHOD_EMAIL_CODE: 3, METHOD_OIDC: 1}


def test_an_empty_register_gives_zeros(django_assert_num_queries):
    with django_assert_num_queries(1):
        stats = register_statistics(start=date(2020, 1, 1), end=date(2020, 6, 30))
    assert stats.is_empty and stats.total == 0
    assert all(line.count == 0 for line in stats.by_section + stats.by_result)


def test_only_counts_leave_the_module():
    appeal(datetime(2020, 2, 1, 12, tzinfo=MSK), surname="Секретова", email="sekret@example.ru")
    data = json.dumps(register_statistics(start=date(2020, 1, 1), end=date(2020, 6, 30)).as_dict(), ensure_ascii=False)
    assert "Секретова" not in data and "sekret@example.ru" not in data


def table_cells(html: str, dom_id: str) -> list[str]:
    """The text of every cell of the table ``dom_id`` (labels and numbers), tags stripped."""
    table = html.split(f'id="{dom_id}"', 1)[1].split("</table>", 1)[0]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", table)]


def test_published_figures_are_frozen_until_the_next_publication(client, make_report):
    month = last_complete(kind="month")  # ended, not settled: the statistics recompute it daily
    for day in range(1, 7):
        appeal(datetime(month.year, month.number, day, 12, tzinfo=MSK), code="0002.0007.0071.0337")
    report = make_report(body=[REGISTER_BLOCK], period_kind="month", period_year=month.year, period_number=month.number)
    assert RegisterSnapshot.objects.filter(page=report).count() == 1
    html = client.get(report.url).content.decode()
    assert "Всего поступило через интернет-приёмную: <strong>6</strong>" in html
    assert "зафиксированы при публикации отчёта" in html
    assert "Предварительные данные" not in html

    for day in (3, 4, 5, 6, 7):
        appeal(datetime(month.year, month.number, day, 13, tzinfo=MSK))
    cache.clear()  # the statistics' next daily refresh
    assert client.get(report.url).content.decode() == html  # nothing changed by itself

    report.save_revision().publish()  # a later publication takes the statistics as they are then
    html = client.get(report.url).content.decode()
    assert "Всего поступило через интернет-приёмную: <strong>11</strong>" in html


def test_fewer_than_five_appeals_publish_no_number(client, make_report):
    """Issue 18: no small cell on a public page or in a download (1 to 4 appeals could name a resident)."""
    for day in (1, 2, 3):
        appeal(datetime(2020, 2, day, 12, tzinfo=MSK), code="0002.0007.0071.0337", result=Appeal.Result.EXPLAINED)
    report = make_report(body=[REGISTER_BLOCK])
    html = client.get(report.url).content.decode()
    assert "Всего поступило через интернет-приёмную: <strong>менее 5</strong>" in html
    sections = table_cells(html, "table-internet-priemnaya-razdely")
    assert "менее 5" in sections and "3" not in sections
    assert "Доля, %" not in html  # no share of a total that is not published
    assert "<strong>3</strong>" not in html and ">3<" not in html
    text = client.get(f"{report.url}tables/internet-priemnaya-razdely/csv/").content.decode("utf-8-sig")
    assert re.search(r"\n0002 [^;\n]*;;менее 5;нет;\r", text)  # no count, no share: the text as published
    assert ";3;" not in text


def test_the_draft_preview_shows_what_publishing_would_freeze_labelled_as_such(make_report):
    for day in range(5, 11):
        appeal(datetime(2020, 5, day, 12, tzinfo=MSK))
    report = make_report(body=[REGISTER_BLOCK], publish=False)
    preview = report.make_preview_request().content.decode()
    assert "Предварительные данные." in preview
    assert "Всего поступило через интернет-приёмную: <strong>6</strong>" in preview


def test_an_empty_register_says_so(client, make_report):
    report = make_report(body=[REGISTER_BLOCK])
    html = client.get(report.url).content.decode()
    assert "Обращений за период не поступало." in html
    assert client.get(f"{report.url}tables/internet-priemnaya-razdely/csv/").status_code == 404


def test_a_running_period_publishes_no_figure_and_links_the_statistics(client, index, make_report):
    statistics = StatisticsPageFactory(parent=index)
    half = period_containing(timezone.localdate(), kind="half")
    for _ in range(7):
        appeal(timezone.now())
    report = make_report(body=[REGISTER_BLOCK], period_kind="half", period_year=half.year, period_number=half.number)
    html = client.get(report.url).content.decode()
    assert "публикуются только за закончившиеся календарные периоды" in html
    assert f"закончится {half.end:%d.%m.%Y}" in html
    assert f'<a href="{statistics.url}">Статистика обращений</a>' in html
    assert "Всего поступило" not in html and 'class="data-table report-data"' not in html
    assert client.get(f"{report.url}tables/internet-priemnaya-razdely/csv/").status_code == 404
    assert RegisterSnapshot.objects.get(page=report).data["state"] == "running"


def test_downloads_carry_the_statistics_cells_and_shares_only_of_published_ones(client, make_report):
    for day in range(1, 6):
        appeal(datetime(2020, 2, day, 12, tzinfo=MSK), code="0002.0007.0071.0337", result=Appeal.Result.EXPLAINED)
    for day in range(1, 8):
        appeal(datetime(2020, 3, day, 12, tzinfo=MSK), code="0005.0005.0056.1149")
    for day in (1, 2):
        appeal(datetime(2020, 4, day, 12, tzinfo=MSK), code="0001.0001.0001.0001")
    report = make_report(body=[REGISTER_BLOCK])
    from reports.public_statistics import published_statistics

    stats = published_statistics(start=date(2020, 1, 1), end=date(2020, 6, 30))
    html = client.get(report.url).content.decode()
    assert f'href="{report.url}tables/internet-priemnaya-razdely/csv/"' in html
    text = client.get(f"{report.url}tables/internet-priemnaya-razdely/csv/").content.decode("utf-8-sig")
    assert "Период;1 полугодие 2020 года (01.01.2020 — 30.06.2020)" in text
    assert "Количество как опубликовано" in text
    for slug, table in (("razdely", "section"), ("rezultaty", "result"), ("identifikatsiya", "identification")):
        data = json.loads(client.get(f"{report.url}tables/internet-priemnaya-{slug}/json/").content)
        published = stats.table(table)
        assert [(row["label"], row["count"], row["count_text"]) for row in data["rows"]] == [
            (row.label, row.current.value, row.current.text) for row in published.rows
        ], slug
        assert (data["total"]["count"], data["total"]["count_text"]) == (
            published.total.current.value,
            published.total.current.text,
        )
        assert all(row["count"] in (None, 0) or row["count"] >= 5 for row in data["rows"])
        assert all(row["share_computed"] is None for row in data["rows"] if row["count"] is None)
        if published.total.current.value is None:
            assert all(row["share_computed"] is None for row in data["rows"])
    assert "менее 5" in text  # April's 2 appeals on 0001


def test_a_snapshot_of_raw_counts_is_frozen_again_from_the_year_decisions(client, make_report):
    for day in range(1, 6):
        appeal(datetime(2020, 2, day, 12, tzinfo=MSK))
    report = make_report(body=[REGISTER_BLOCK])
    old = register_statistics(start=date(2020, 1, 1), end=date(2020, 6, 30)).as_dict()
    RegisterSnapshot.objects.filter(page=report).update(data=old)  # as a report published before frozen it
    html = client.get(report.url).content.decode()
    assert "зафиксированы при публикации отчёта" in html and "Предварительные данные" not in html
    assert RegisterSnapshot.objects.get(page=report).data["format"] == "year-decisions-v1"


def test_removing_the_block_drops_its_snapshot(make_report):
    report = make_report(body=[REGISTER_BLOCK])
    report.body = []
    report.save_revision().publish()
    assert not RegisterSnapshot.objects.filter(page=report).exists()
