from datetime import date

import pytest

from regulations.factories import RegulationIndexPageFactory, RegulationPageFactory
from regulations.models import Kind, Status


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def index(db):
    return RegulationIndexPageFactory(slug="dokumenty", title="Нормативные акты")


@pytest.fixture
def law_59(index):
    return RegulationPageFactory(
        parent=index,
        slug="59-fz",
        title="О порядке рассмотрения обращений граждан Российской Федерации",
        kind=Kind.FEDERAL_LAW,
        issuer_in_name="",
        number="59-ФЗ",
        date=date(2006, 5, 2),
        issuing_body="Федеральное Собрание Российской Федерации",
        status=Status.AMENDED,
        in_force_from=date(2006, 11, 2),
    )
