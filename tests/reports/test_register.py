"""Statistics from the appeal register: counts only, one query, frozen when the report is published."""

import json
from datetime import date, datetime

import pytest
from django.utils import timezone

from appeals_form.factories import AppealFactory
from appeals_form.models import Appeal
from appeals_form.statistics import register_statistics
from identity.types import METHOD_EMAIL_CODE, METHOD_OIDC
from reports.models import RegisterSnapshot

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


def test_published_statistics_are_frozen_until_the_next_publication(client, make_report):
    for day in range(1, 6):
        appeal(datetime(2020, 2, day, 12, tzinfo=MSK), code="0002.0007.0071.0337")
    report = make_report(body=[REGISTER_BLOCK])
    assert RegisterSnapshot.objects.filter(page=report).count() == 1
    html = client.get(report.url).content.decode()
    assert "Всего поступило через интернет-приёмную: <strong>5</strong>" in html
    assert "зафиксированы при публикации отчёта" in html
    assert "Предварительные данные" not in html

    for day in (3, 4, 5):
        appeal(datetime(2020, 3, day, 12, tzinfo=MSK))
    assert client.get(report.url).content.decode() == html  # nothing changed by itself

    report.save_revision().publish()  # a later publication takes the register as it is then
    html = client.get(report.url).content.decode()
    assert "Всего поступило через интернет-приёмную: <strong>8</strong>" in html


def test_fewer_than_five_appeals_publish_no_numbers(client, make_report):
    """Issue 18: no small cell on a public page or in a download (1 to 4 appeals could name a resident)."""
    for day in (1, 2, 3):
        appeal(datetime(2020, 2, day, 12, tzinfo=MSK), code="0002.0007.0071.0337", result=Appeal.Result.EXPLAINED)
    report = make_report(body=[REGISTER_BLOCK])
    html = client.get(report.url).content.decode()
    assert "поступило менее 5 обращений: подробные числа не публикуются" in html
    assert "<strong>3</strong>" not in html and "<td>3</td>" not in html
    assert client.get(f"{report.url}tables/internet-priemnaya-razdely/csv/").status_code == 404


def test_the_draft_preview_shows_live_numbers_labelled_as_such(make_report):
    report = make_report(body=[REGISTER_BLOCK])
    for day in range(5, 11):
        appeal(datetime(2020, 5, day, 12, tzinfo=MSK))
    preview = report.make_preview_request().content.decode()
    assert "Предварительные данные." in preview
    assert "Всего поступило через интернет-приёмную: <strong>6</strong>" in preview


def test_an_empty_register_says_so(client, make_report):
    report = make_report(body=[REGISTER_BLOCK])
    html = client.get(report.url).content.decode()
    assert "Обращений за период не поступало." in html
    assert client.get(f"{report.url}tables/internet-priemnaya-razdely/csv/").status_code == 404


def test_frozen_breakdowns_download_as_open_data(client, make_report):
    """Rows of 1 to 4 are counted together with the smallest others, on the page and in every download."""
    for day in range(1, 6):
        appeal(datetime(2020, 2, day, 12, tzinfo=MSK), code="0002.0007.0071.0337", result=Appeal.Result.EXPLAINED)
    for day in range(1, 8):
        appeal(datetime(2020, 3, day, 12, tzinfo=MSK), code="0005.0005.0056.1149")
    for day in (1, 2):
        appeal(datetime(2020, 4, day, 12, tzinfo=MSK), code="0001.0001.0001.0001")
    report = make_report(body=[REGISTER_BLOCK])
    html = client.get(report.url).content.decode()
    assert f'href="{report.url}tables/internet-priemnaya-razdely/csv/"' in html
    text = client.get(f"{report.url}tables/internet-priemnaya-razdely/csv/").content.decode("utf-8-sig")
    assert "Период;1 полугодие 2020 года (01.01.2020 — 30.06.2020)" in text
    assert "0005 Жилищно-коммунальная сфера;7;нет;50,0" in text
    # 0001 (2 appeals) is not published alone: with 0002 (5, the smallest other) it is one row of 7.
    assert "Прочие (объединены строки с малым числом обращений);7;нет;50,0" in text
    assert "0001 " not in text and "0002 " not in text
    assert "Итого (вычислено);14;;100,0" in text
    results = json.loads(client.get(f"{report.url}tables/internet-priemnaya-rezultaty/json/").content)
    published = {row["label"]: row["count"] for row in results["rows"]}
    assert published["Разъяснено"] == 5
    assert all(count == 0 or count >= 5 for count in published.values())


def test_removing_the_block_drops_its_snapshot(make_report):
    report = make_report(body=[REGISTER_BLOCK])
    report.body = []
    report.save_revision().publish()
    assert not RegisterSnapshot.objects.filter(page=report).exists()
