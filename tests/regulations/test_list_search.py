"""Searching the list of acts by name, number or issuing body (plain GET, no JavaScript)."""

import re
from datetime import date

import pytest
from bs4 import BeautifulSoup

from regulations.factories import RegulationPageFactory
from regulations.models import Kind, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def acts(index):
    def act(title, kind, day, number, status=Status.IN_FORCE, **extra):
        return RegulationPageFactory(
            parent=index, title=title, kind=kind, date=day, number=number, status=status, **extra
        )

    return [
        act("О порядке рассмотрения обращений граждан", Kind.FEDERAL_LAW, date(2006, 5, 2), "59-ФЗ", issuer_in_name=""),
        act("Об утверждении Положения об отделе по работе с обращениями", Kind.RESOLUTION, date(2018, 2, 16), "485-ПА"),
        act("О личном приёме граждан", Kind.RESOLUTION, date(2017, 3, 1), "300-ПА", Status.REPEALED),
        act("О бюджете городского округа", Kind.ORDER, date(2019, 12, 20), "12/4"),
    ]


def titles(client, index, **params) -> list[str]:
    response = client.get(index.url, params)
    assert response.status_code == 200
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a></h2>', response.content.decode())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("59-ФЗ", ["О порядке рассмотрения обращений граждан"]),
        ("№ 59-фз", ["О порядке рассмотрения обращений граждан"]),
        (
            "обращени",  # a part of a word (the site search, /search/, knows word forms)
            ["Об утверждении Положения об отделе по работе с обращениями", "О порядке рассмотрения обращений граждан"],
        ),
        # Any form of a word finds every form of it, as the site search does (issue 12).
        (
            "ОБРАЩЕНИЙ",
            ["Об утверждении Положения об отделе по работе с обращениями", "О порядке рассмотрения обращений граждан"],
        ),
        (
            "обращение",
            ["Об утверждении Положения об отделе по работе с обращениями", "О порядке рассмотрения обращений граждан"],
        ),
        ("личный прием", ["О личном приёме граждан"]),
        ("приёмы граждан", ["О личном приёме граждан"]),
        ("«личном приеме»", ["О личном приёме граждан"]),  # ё typed as е, quotes ignored
        ("постановление 485", ["Об утверждении Положения об отделе по работе с обращениями"]),  # kind and number
        ("12/4", ["О бюджете городского округа"]),
        ("обращений бюджет", []),  # every word must be there
    ],
)
def test_search_by_name_number_and_kind(client, index, acts, query, expected):
    assert titles(client, index, q=query) == expected


def test_search_combines_with_the_filters(client, index, acts):
    assert titles(client, index, q="граждан", status="current") == ["О порядке рассмотрения обращений граждан"]
    assert titles(client, index, q="граждан", year="2017") == ["О личном приёме граждан"]


def test_the_count_and_the_empty_state(client, index, acts):
    html = client.get(index.url, {"q": "граждан"}).content.decode()
    assert "Найдено документов: 2" in html
    html = client.get(index.url, {"q": "несуществующее"}).content.decode()
    assert "Найдено документов: 0" in html
    assert "По выбранным условиям документов нет." in html


def test_the_field_has_a_label_and_keeps_what_was_typed_escaped(client, index, acts):
    html = client.get(index.url, {"q": '<script>alert("x")</script>'}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    field = soup.select_one("#id_q")
    assert soup.select_one("label[for=id_q]").get_text(strip=True) == "Название или номер"
    assert field["value"] == '<script>alert("x")</script>'
    assert "<script>alert" not in html


def test_a_too_long_search_is_ignored_with_a_message_next_to_the_field(client, index, acts):
    html = client.get(index.url, {"q": "обращений " * 30}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert "Не больше 200 знаков" in soup.select_one("#id_q_error").get_text()
    assert "id_q_error" in soup.select_one("#id_q")["aria-describedby"]
    assert len(re.findall(r'class="card__title"', html)) == 4  # the condition is left out


def test_search_results_are_never_stored_in_the_page_cache(client, index, acts, settings):
    assert "q" not in settings.PAGE_CACHE_QUERY_PARAMS
