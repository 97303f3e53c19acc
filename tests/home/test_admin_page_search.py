"""The admin's page search («Поиск» in the Wagtail admin, Wagtail's autocomplete) as editors type words.

Editors look for a page by a word of its title in any form, with «е» for «ё», and by the beginning of a word
as they type it. Before, every word but the last had to be typed in the title's own form («личный прием»,
«обращение», «сургутский» found nothing), and on PostgreSQL «прием» did not find «приём» at all (titles were
indexed with the «simple» configuration). Runs on SQLite and PostgreSQL alike.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from home.models import StandardPage

pytestmark = pytest.mark.django_db

TITLES = (
    "График личного приёма",
    "Отчёты о работе с обращениями",
    "Обращения граждан в Сургутском районе за 1-е полугодие 2004 года",
    "Тематический приём по вопросам образования",
    "Контакты",
)


@pytest.fixture
def pages():
    root = Page.objects.get(depth=1).get_children().first() or Page.objects.get(depth=1)
    for number, title in enumerate(TITLES):
        root.add_child(instance=StandardPage(title=title, slug=f"page-{number}"))
    call_command("update_index", verbosity=0)


def found(client, query: str) -> list[str]:
    response = client.get(reverse("wagtailadmin_pages:search_results"), {"q": query})
    assert response.status_code == 200
    return sorted(page.title for page in response.context["pages"])


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("прием", "График личного приёма"),
        ("личный прием", "График личного приёма"),
        ("личного приёма", "График личного приёма"),
        ("график приемов", "График личного приёма"),
        ("граф", "График личного приёма"),  # the beginning of a word, as it is being typed
        ("отчет", "Отчёты о работе с обращениями"),
        ("отчеты обращение", "Отчёты о работе с обращениями"),
        ("сургутский", "Обращения граждан в Сургутском районе за 1-е полугодие 2004 года"),
        ("обращение граждан 2004", "Обращения граждан в Сургутском районе за 1-е полугодие 2004 года"),
        ("тематических приемов", "Тематический приём по вопросам образования"),
        ("ПРИЁМ ОБРАЗОВАНИЕ", "Тематический приём по вопросам образования"),
    ],
)
def test_the_admin_page_search_finds_a_title_by_any_form_of_its_words(admin_client, pages, query, title):
    assert title in found(admin_client, query)


def test_every_word_typed_must_match(admin_client, pages):
    assert found(admin_client, "прием контакты") == []
    assert found(admin_client, "контакт") == ["Контакты"]


@pytest.mark.parametrize("query", ["по", "и на", "№", "—"])
def test_a_search_of_stop_words_or_signs_finds_nothing_and_does_not_fail(admin_client, pages, query):
    assert found(admin_client, query) == []  # before: a server error (500) on SQLite


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("uhfabr", "График личного приёма"),  # «график» with the Latin layout on
        ("kbxysq ghbtv", "График личного приёма"),  # «личный прием»
        ("jnx`n", "Отчёты о работе с обращениями"),  # «отчёт»: «`» is «ё»
        ("j,hfotybz uhf;lfy", "Обращения граждан в Сургутском районе за 1-е полугодие 2004 года"),  # «,» «;»
        ("ntvfnbxtcrbq", "Тематический приём по вопросам образования"),
    ],
)
def test_a_title_typed_with_the_latin_layout_is_found(admin_client, pages, query, title):
    """An editor with the Latin layout on typed «uhfabr» for «график» and met «Ничего не найдено»."""
    assert title in found(admin_client, query)


@pytest.mark.parametrize("query", ["прием\x00", "\u200bприем", "прием\r\n"])
def test_control_characters_in_the_admin_page_search_are_ignored(admin_client, pages, query):
    assert found(admin_client, query) == ["График личного приёма", "Тематический приём по вопросам образования"]
