"""«Статистика обращений» publishes counts only: nothing of an applicant on the page, in the cache or frozen rows."""

import json
from datetime import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from appeals_form.factories import AppealFactory
from reports.factories import ReportIndexPageFactory, StatisticsPageFactory
from reports.models import StatisticsSnapshot
from reports.public_statistics import cache_key

pytestmark = pytest.mark.django_db

APPLICANT = {
    "surname": "Утечкина",
    "first_name": "Евлампия",
    "email": "utechkina.tajna@example.ru",
    "phone": "+7 912 345-67-89",
    "postal_address": "ул. Потайная, д. 13, кв. 31",
    "text": "Секретный текст обращения о протечке крыши",
}


def test_no_personal_value_on_the_page_in_the_cache_or_in_a_frozen_period(client):
    cache.clear()
    for day in (3, 4, 5, 6, 7, 10):
        AppealFactory(registered_at=datetime(2020, 2, day, 12, tzinfo=timezone.get_fixed_timezone(180)), **APPLICANT)
    page = StatisticsPageFactory(parent=ReportIndexPageFactory())
    html = client.get(page.url, {"kind": "quarter", "year": "2020", "number": "1"}).content.decode()
    assert "Обращения по темам" in html
    stored = json.dumps(
        [
            StatisticsSnapshot.objects.get().data,
            cache.get(cache_key(start=datetime(2020, 1, 1).date(), end=datetime(2020, 3, 31).date())),
        ],
        ensure_ascii=False,
    )
    for value in APPLICANT.values():
        assert value not in html and value not in stored
