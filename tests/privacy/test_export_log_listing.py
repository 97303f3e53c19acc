"""The export log as the department reads it: Russian sentences that read right, exact times.

Wagtail's generic listing puts the model's verbose names into its sentences
(«Нет … для отображения», the count under the table, the breadcrumbs): the log's
title as a verbose name once made «Нет Журнал выгрузок персональных данных для
отображения.» and «3 Журнал выгрузок персональных данных». An audit log also
needs the exact date and time of each export in the site's time zone, not
Wagtail's relative «Только что».
"""

import re
from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from privacy.models import PersonalDataExport
from tests.appeals.queue_helpers import APPEALS, make_user

pytestmark = pytest.mark.django_db
TITLE = "Журнал выгрузок персональных данных"


@pytest.fixture
def department_client(client):
    client.force_login(make_user("colleague", APPEALS))
    return client


def _text(response) -> str:
    """The page's visible text, one space between words."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _record(at: datetime, **fields) -> PersonalDataExport:
    fields = {"dataset": "appeals", "actor_username": "exporter", "export_format": "csv", "rows": 12, **fields}
    record = PersonalDataExport.objects.create(**fields)
    PersonalDataExport.objects.filter(pk=record.pk).update(created_at=at)
    return record


def _assert_no_title_in_wagtail_sentences(text: str) -> None:
    assert f"Нет {TITLE}" not in text and f"Нет {TITLE.lower()}" not in text
    assert not re.search(rf"\d+ {TITLE}", text, flags=re.I)
    assert "None" not in text


def test_the_empty_log_says_so_in_russian(department_client):
    text = _text(department_client.get(reverse("personal_data_exports:index")))
    assert TITLE in text  # the page's title
    assert "Выгрузок персональных данных ещё не было." in text
    _assert_no_title_in_wagtail_sentences(text)
    filtered = _text(department_client.get(reverse("personal_data_exports:index"), {"export_format": "xlsx"}))
    assert "Нет выгрузок персональных данных, подходящих под фильтр или поиск." in filtered
    _assert_no_title_in_wagtail_sentences(filtered)


def test_the_log_shows_each_export_at_its_exact_local_time(department_client):
    tz = ZoneInfo(settings.TIME_ZONE)
    now = timezone.now()
    times = [now, datetime(2026, 12, 4, 23, 30, tzinfo=ZoneInfo("UTC")), datetime(2026, 1, 2, 9, 5, tzinfo=tz)]
    records = [_record(at, rows=n) for n, at in enumerate(times, start=1)]
    response = department_client.get(reverse("personal_data_exports:index"))
    text = _text(response)
    assert TITLE in text
    for at in times:
        assert timezone.localtime(at, tz).strftime("%d.%m.%Y %H:%M") in text
    assert "02.01.2026 09:05" in text
    assert "Только что" not in text and "назад" not in text
    assert "3 выгрузки персональных данных" in text  # the count under the table
    _assert_no_title_in_wagtail_sentences(text)
    inspect = _text(department_client.get(reverse("personal_data_exports:inspect", args=[records[2].pk])))
    assert "02.01.2026 09:05" in inspect and TITLE in inspect
    _assert_no_title_in_wagtail_sentences(inspect)


@pytest.mark.parametrize(
    ("count", "label"),
    [
        (1, "1 выгрузка персональных данных"),
        (2, "2 выгрузки персональных данных"),
        (5, "5 выгрузок персональных данных"),
    ],
)
def test_the_count_under_the_log_declines(department_client, count, label):
    for _ in range(count):
        _record(timezone.now())
    assert label in _text(department_client.get(reverse("personal_data_exports:index")))
