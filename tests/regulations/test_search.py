"""Acts are in Wagtail's search index (database backend): title, number, issuing body and text."""

from datetime import date

import pytest

from regulations.factories import RegulationPageFactory
from regulations.models import Kind, RegulationPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def acts(index, law_59):
    RegulationPageFactory(
        parent=index,
        title="Об обеспечении доступа к информации о деятельности государственных органов",
        kind=Kind.FEDERAL_LAW,
        number="8-ФЗ",
        date=date(2009, 2, 9),
        body=[{"type": "paragraph", "value": "<p>Официальный сайт публикует обзоры обращений граждан.</p>"}],
    )
    RegulationPageFactory(
        parent=index,
        title="О бюджете городского округа",
        number="900-ПА",
        issuing_body="Совет депутатов городского округа Энск",
        body=[{"type": "paragraph", "value": "<p>Доходы и расходы на год.</p>"}],
    )
    RegulationPageFactory(parent=index, title="Черновик о рассмотрении обращений", live=False)


def found(query: str) -> set[str]:
    return {page.title for page in RegulationPage.objects.live().search(query)}


def test_finds_acts_about_appeals_by_title_and_text(acts):
    assert found("обращений") == {
        "О порядке рассмотрения обращений граждан Российской Федерации",
        "Об обеспечении доступа к информации о деятельности государственных органов",
    }


def test_finds_by_issuing_body_and_number(acts):
    assert found("депутатов") == {"О бюджете городского округа"}
    assert "О бюджете городского округа" in found("900")


def test_site_search_page_lists_acts(client, acts):
    html = client.get("/search/", {"q": "обращений"}).content.decode()
    assert "О порядке рассмотрения обращений граждан Российской Федерации" in html
    assert "Черновик о рассмотрении обращений" not in html


def test_stemming_finds_other_forms_on_both_databases(acts):
    assert "О порядке рассмотрения обращений граждан Российской Федерации" in found("обращение")
