"""Residents search the list of acts by a citation, as the site prints it or as it comes to hand.

From outside, on the demo: «Федеральный закон от 02.05.2006 № 59-ФЗ» (the act's name as its page
prints it), «59-ФЗ от 02.05.2006», «02.05.2006», «граждан РФ», «59фз», «59-FZ», «Ф3 59», «547-ФЗ» (an
amendment shown on the act's page), «утверждённый» (in a regulation's full name) and the typo «обрашений»
found nothing; «2006» missed the law of 02.05.2006. The list (``/dokumenty/?q=``) and the API
(``/api/v1/regulations/?q=``) read a search the same way (regulations.search).
"""

import re
from datetime import date

import pytest

from regulations.factories import RegulationAmendmentFactory, RegulationPageFactory
from regulations.models import Kind
from regulations.search import number_key

pytestmark = pytest.mark.django_db

LAW_59 = "О порядке рассмотрения обращений граждан Российской Федерации"
REGIONAL = "О рассмотрении обращений граждан"
REGULATION = "О рассмотрении обращений граждан в администрации"
RESOLUTION = "Об утверждении Положения об отделе по работе с обращениями"


@pytest.fixture
def acts(index, law_59):
    RegulationAmendmentFactory(page=law_59, kind="", number="547-ФЗ", date=date(2024, 12, 28))
    RegulationPageFactory(
        parent=index,
        title=REGIONAL,
        kind=Kind.REGIONAL_LAW,
        issuer_in_name="Московской области",
        number="164/2006-ОЗ",
        date=date(2006, 10, 5),
    )
    RegulationPageFactory(
        parent=index,
        title=REGULATION,
        kind=Kind.REGULATION,
        issuer_in_name="администрации городского округа Энск",
        number="638",
        date=date(2020, 6, 19),
    )
    RegulationPageFactory(parent=index, title=RESOLUTION, kind=Kind.RESOLUTION, number="485-ПА", date=date(2018, 2, 16))


def titles(client, index, query: str) -> set[str]:
    html = client.get(index.url, {"q": query}).content.decode()
    return set(re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a></h2>', html))


def api_titles(client, query: str) -> set[str]:
    response = client.get("/api/v1/regulations/", {"q": query})
    assert response.status_code == 200
    return {act["title"] for act in response.json()["results"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The citation as printed, and its parts in any order.
        ("Федеральный закон от 02.05.2006 № 59-ФЗ", {LAW_59}),
        ("59-ФЗ от 02.05.2006", {LAW_59}),
        ("02.05.2006", {LAW_59}),
        ("2.5.2006", {LAW_59}),
        ("2006", {LAW_59, REGIONAL}),  # the year of the date, or a part of the number
        ("закон от 02.05.2006", {LAW_59}),
        ("Закон Московской области № 164/2006-ОЗ", {REGIONAL}),
        ("164/2006", {REGIONAL}),
        ("164-ОЗ", {REGIONAL}),  # cited without the year, as people say it
        ("закон 164-O3", {REGIONAL}),
        ("постановление 485", {RESOLUTION}),
        ("от 16.02.2018 № 485-ПА", {RESOLUTION}),
        # The number as typed.
        ("59фз", {LAW_59}),
        ("59-FZ", {LAW_59}),
        ("59 FZ", {LAW_59}),
        ("Ф3 59", {LAW_59}),
        ("59-Ф3", {LAW_59}),
        ("№ 59", {LAW_59}),
        ("59 ФЗ", {LAW_59}),
        ("485-PA", {RESOLUTION}),
        # An amendment shown on the act's page.
        ("547-ФЗ", {LAW_59}),
        ("547-ФЗ от 28.12.2024", {LAW_59}),
        # Words of the full name, abbreviations, forms.
        ("О порядке рассмотрения обращений граждан РФ", {LAW_59}),
        ("закон субъекта российской федерации", {REGIONAL}),
        ("утверждённый постановлением", {REGULATION, RESOLUTION}),  # «Об утверждении …» is a form of it
        ("утвержденный", {REGULATION, RESOLUTION}),
        ("регламент, утверждённый постановлением", {REGULATION}),
        ("регламент 638", {REGULATION}),
        # Nothing to find: every part must be there.
        ("59-ФЗ от 03.05.2006", set()),
        ("59-ПА", set()),
        ("164-ФЗ", set()),
        ("2006-ОЗ", set()),
        ("5", set()),
        ("02.05.2007", set()),
    ],
)
def test_a_citation_is_found_by_its_parts_in_the_list_and_the_api(client, index, acts, query, expected):
    assert titles(client, index, query) == expected
    assert api_titles(client, query) == expected


def test_a_typo_is_allowed_only_when_nothing_is_found_as_typed(client, index, acts):
    html = client.get(index.url, {"q": "обрашений"}).content.decode()
    assert "Точных совпадений нет" in html
    assert titles(client, index, "обрашений") == {LAW_59, REGIONAL, REGULATION, RESOLUTION}
    assert api_titles(client, "порядке рассмотрения обрашений") == {LAW_59}
    assert "Точных совпадений нет" not in client.get(index.url, {"q": "обращений"}).content.decode()
    assert titles(client, index, "бюджет") == set()  # short words and words unlike any: nothing


# The Russian layout's keys on a US keyboard.
_LATIN_KEYS = str.maketrans("йцукенгшщзхъфывапролджэячсмитьбюё", "qwertyuiop[]asdfghjkl;'zxcvbnm,.`")


def test_a_search_typed_with_the_latin_layout_finds_the_acts_meant_and_says_so(client, index, acts):
    """«j gjhzlrt hfccvjnhtybz» («о порядке рассмотрения» with the Latin layout on) found nothing, in the
    list and the API; «59-AP» is «59-ФЗ» so typed. Latin words that find acts as typed stay as typed."""
    meant = {
        "о порядке рассмотрения": {LAW_59},
        "положения об отделе": {RESOLUTION},
        "обращений граждан в администрации": {REGULATION},
        "59-ФЗ": {LAW_59},
        "164-ОЗ": {REGIONAL},
    }
    for words, expected in meant.items():
        typed = words.lower().translate(_LATIN_KEYS)
        assert titles(client, index, typed) == expected, typed
        assert api_titles(client, typed) == expected, typed
    html = client.get(index.url, {"q": "j gjhzlrt"}).content.decode()
    assert "Запрос «j gjhzlrt» набран в латинской раскладке: показаны документы по запросу «о порядке»" in html
    assert "раскладке" not in client.get(index.url, {"q": "59-FZ"}).content.decode()
    assert titles(client, index, "59-FZ") == {LAW_59}


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("59-ФЗ", "59фз"),
        ("№ 59-фз", "59фз"),
        ("59фз", "59фз"),
        ("59 - FZ", "59фз"),
        ("59-Ф3", "59фз"),
        ("164/2006-ОЗ", "164/2006оз"),
        ("164/2006-O3", "164/2006оз"),
        ("2307-PA", "2307па"),
        ("12/4", "12/4"),
    ],
)
def test_one_number_however_typed(typed, key):
    assert number_key(typed) == key
