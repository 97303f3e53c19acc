"""The search description («Описание для поиска») is what a page is about in its editor's words: searched and ranked.

From outside, on the demo: «записаться на приём», «записаться на прием», «запись на прием» listed old
reports, never «График личного приёма», whose description says «запись на приём» (the page's text does
not): Wagtail's ``Page.search_fields`` leave the description out. Every page type searches it now (one
field, home.models.mixins), weighed below the title and above the text on PostgreSQL (as text on SQLite,
whose index weighs columns, not fields: home/searchsqlite.py), and «запись», «записи»,
«записаться» are one word (home.searchtext.WORD_FAMILIES: Snowball cuts them to three stems).
"""

import re

import pytest
from django.apps import apps
from wagtail.models import Page

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def titles(client, query: str) -> list[str]:
    html = client.get("/search/", {"q": query}).content.decode()
    return re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', html)


@pytest.fixture
def schedule_and_reports(site_home):
    site_home.add_child(
        instance=StandardPage(
            title="График личного приёма",
            slug="grafik",
            search_description="Когда и где принимают Глава городского округа и его заместители; запись на приём.",
            intro="Глава городского округа и его заместители принимают жителей лично по графику.",
        )
    )
    for year in (2018, 2020):
        site_home.add_child(
            instance=StandardPage(
                title=f"Работа с обращениями граждан за {year} год",
                slug=f"otchet-{year}",
                search_description="Сколько обращений поступило и как они рассмотрены.",
                intro="За полугодие поступило 1 200 обращений, из них 300 — устно на личном приёме у главы и "
                "заместителей. Больше всего вопросов о благоустройстве дворов, ремонте дорог и работе "
                "управляющих компаний. Записаться можно было по справочному телефону отдела.",
            )
        )


def test_every_page_type_searches_its_description():
    from home.models.mixins import SEARCH_DESCRIPTION_FIELD

    for model in apps.get_models():
        if issubclass(model, Page) and model is not Page:
            names = [field.field_name for field in model.get_search_fields()]
            assert SEARCH_DESCRIPTION_FIELD.field_name in names, model


def test_a_page_is_found_by_the_words_of_its_description(client, schedule_and_reports):
    assert titles(client, "заместители")[:1] == ["График личного приёма"]
    assert "График личного приёма" in titles(client, "запись")


@pytest.mark.parametrize("query", ["записаться на приём", "записаться на прием", "запись на прием", "записи на приём"])
def test_the_page_whose_description_says_it_comes_before_pages_that_mention_it(client, schedule_and_reports, query):
    found = titles(client, query)
    assert found[0] == "График личного приёма"
    assert len(found) == 3


def test_the_description_weighs_less_than_the_title(client, site_home):
    site_home.add_child(instance=StandardPage(title="Контакты", slug="kontakty", search_description="Телефон отдела."))
    site_home.add_child(instance=StandardPage(title="Телефон доверия", slug="doverie", intro="Звонки круглосуточно."))
    assert titles(client, "телефон") == ["Телефон доверия", "Контакты"]


def test_on_the_demo_the_schedule_comes_first_for_a_sign_up(client, demo_site):
    for query in ("записаться на приём", "записаться на прием", "запись на прием", "личный приём"):
        assert titles(client, query)[0] == "График личного приёма", query
