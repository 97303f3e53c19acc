"""Residents find pages by Russian words, in any form (more in test_search_russian.py)."""

import re

import pytest
from django.db import connection
from wagtail.models import Page, Site

from home.models import HomePage, StandardPage


@pytest.fixture
def pages(db):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Главная", slug="home-test"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    procedure = home.add_child(
        instance=StandardPage(
            title="Порядок рассмотрения",
            slug="poryadok",
            intro="Обращения граждан регистрируются в течение трёх дней.",
        )
    )
    receptions = home.add_child(
        instance=StandardPage(title="Личный приём", slug="priem", intro="График приёма руководителей администрации.")
    )
    draft = home.add_child(
        instance=StandardPage(title="Черновик", slug="draft", intro="Обращения граждан: черновик.", live=False)
    )
    return procedure, receptions, draft


def test_search_finds_pages_by_exact_russian_word(client, pages):
    procedure, receptions, _ = pages
    response = client.get("/search/", {"q": "регистрируются"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Порядок рассмотрения" in html
    assert "Личный приём" not in html


def test_search_hides_unpublished_pages(client, pages):
    html = client.get("/search/", {"q": "черновик"}).content.decode()
    assert "По запросу «черновик» ничего не найдено" in html


def test_search_stems_russian_words_on_both_databases(client, pages):
    # "обращение" (singular) finds a page that only says "Обращения" (plural).
    html = client.get("/search/", {"q": "обращение"}).content.decode()
    assert "Порядок рассмотрения" in html
    # "приёмы" finds "приёма".
    html = client.get("/search/", {"q": "приёмы руководителя"}).content.decode()
    assert "Личный приём" in html


def test_search_escapes_the_query(client, pages):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_empty_search_shows_the_form_only(client, pages):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_search_hides_pages_behind_a_view_restriction_and_their_children(client, pages):
    from wagtail.models import PageViewRestriction

    procedure, _, _ = pages
    procedure.add_child(
        instance=StandardPage(title="Внутренний регламент", slug="vnutrenniy", intro="Обращения граждан: внутренний.")
    )
    html = client.get("/search/", {"q": "внутренний"}).content.decode()
    assert "Внутренний регламент" in html
    PageViewRestriction.objects.create(page=procedure, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/search/", {"q": "обращения"}).content.decode()
    assert "Порядок рассмотрения" not in html
    assert "Внутренний регламент" not in html
    assert "По запросу «обращения» ничего не найдено" in html


def test_search_results_link_each_page_and_page_through(client, pages):
    procedure, _, _ = pages
    home = procedure.get_parent()
    for number in range(12):
        home.add_child(instance=StandardPage(title=f"Справка {number}", slug=f"spravka-{number}", intro="Справка."))
    first = client.get("/search/", {"q": "справка"}).content.decode()
    assert "Найдено 12 страниц" in first
    assert "Страница 1 из 2" in first
    assert first.count('<h2><a href="/spravka-') == 10
    second = client.get("/search/", {"q": "справка", "page": "2"}).content.decode()
    assert "Страница 2 из 2" in second and 'start="11"' in second
    assert second.count('<h2><a href="/spravka-') == 2
    assert client.get("/search/", {"q": "справка", "page": "99"}).content.decode().count('<h2><a href="/spravka-') == 2


def test_a_long_search_uses_its_first_words(client, pages):
    from home.searchtext import SITE_QUERY_MAX_WORDS

    words = ["регистрируются", "обращения", "граждан", "течение", "трёх", "дней", "обращения", "граждан"]
    assert len(words) == SITE_QUERY_MAX_WORDS
    html = client.get("/search/", {"q": " ".join(words)}).content.decode()
    assert "Порядок рассмотрения" in html
    # A word the page lacks, after the counted ones, is not searched; among them, the page no longer has
    # every word and is shown among the pages that have some of them.
    after = client.get("/search/", {"q": " ".join([*words, "фонари"])}).content.decode()
    assert "Порядок рассмотрения" in after and "хотя бы одно" not in after
    among = client.get("/search/", {"q": " ".join(["фонари", *words])}).content.decode()
    assert "Порядок рассмотрения" in among and "Страниц, где есть все слова запроса" in among


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the one-query page is PostgreSQL's")
@pytest.mark.parametrize("query", ["справка", "справка граждан", "фонари", "не"])
def test_one_query_pages_like_the_paginator(rf, pages, monkeypatch, query):
    """PostgreSQL reads a page and the total in one query: the same hits, count and page as Django's Paginator.

    Every page number of one query against the same 23 pages (building them was most of the test's time)."""
    from django.test.utils import CaptureQueriesContext

    from home import searchpage, wagtail_compat

    procedure, _, _ = pages
    home = procedure.get_parent()
    for number in range(23):
        intro = "Справка для граждан." if number % 2 else "Справка."
        home.add_child(instance=StandardPage(title=f"Справка {number}", slug=f"spravka-{number}", intro=intro))
    request = rf.get("/search/")
    one_query = wagtail_compat.ranked_search_queryset
    for page_number in (None, 1, "2", "3", "99", "0", "-1", "abc"):
        monkeypatch.setattr(wagtail_compat, "ranked_search_queryset", one_query)
        with CaptureQueriesContext(connection) as captured:
            one = searchpage.search_results(query=query, page_number=page_number, request=request)
        monkeypatch.setattr(wagtail_compat, "ranked_search_queryset", lambda results: None)
        two = searchpage.search_results(query=query, page_number=page_number, request=request)
        assert one == two, f"page {page_number!r}"
        if one.count and one.number == searchpage._page_number(page_number):
            searching = [q for q in captured.captured_queries if "indexentry" in q["sql"]]
            assert len(searching) == 1, f"page {page_number!r}: the page and its total together"


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's backend")
def test_the_postgresql_backend_ranks_each_query_once(pages):
    """modelsearch ranks every word form apart (ten ts_rank expressions for «приём граждан»); ours ranks the whole."""
    from home import wagtail_compat
    from home.searchtext import site_query

    ranked = wagtail_compat.ranked_search_queryset(Page.objects.live().search(site_query("приём руководителей")))
    sql = str(ranked.query)
    assert sql.count("ts_rank") == 2  # title and body
    assert [page.title for page in ranked] == ["Личный приём"]


def test_a_page_named_by_the_word_comes_before_pages_that_mention_it(client, pages):
    """«отчет» on the demo put «Контакты» (which mentions «опубликованных отчётов» once) above «Отчёты о работе с
    обращениями»: on SQLite the title weighed no more than the text. Both databases rank the title first."""
    procedure, _, _ = pages
    home = procedure.get_parent()
    home.add_child(
        instance=StandardPage(title="Контакты", slug="kontakty", intro="Адрес и телефон; сведения из отчётов.")
    )
    home.add_child(
        instance=StandardPage(
            title="Отчёты о работе с обращениями",
            slug="otchety",
            intro="Полугодовые сведения о том, сколько обращений поступило, по каким вопросам и как они рассмотрены; "
            "таблицы и диаграммы, файлы для скачивания в открытых форматах, сравнение с прошлым периодом.",
        )
    )
    html = client.get("/search/", {"q": "отчет"}).content.decode()
    titles = re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', html)
    assert titles[:2] == ["Отчёты о работе с обращениями", "Контакты"]


def test_a_page_named_by_every_word_comes_first(client, pages):
    """Two words: SQLite combined per-word scores as PostgreSQL's (``(1 + a) * (1 + b) - 1``), which bm25's
    negative values turn upside down; the shortest title won («Контакты» for «личный прием»)."""
    procedure, _, _ = pages
    home = procedure.get_parent()
    home.add_child(
        instance=StandardPage(title="Контакты", slug="kontakty", intro="Запись на личный приём по телефону.")
    )
    home.add_child(
        instance=StandardPage(
            title="График личного приёма руководителей",
            slug="grafik",
            intro="Когда и где принимают Глава городского округа и его заместители; кабинет, телефон для справок "
            "и порядок предварительной записи; переносы и отмены дат сообщаются заранее.",
        )
    )
    html = client.get("/search/", {"q": "личный прием"}).content.decode()
    titles = re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', html)
    # «Личный приём» (the fixture's page) is named by both words as well; «Контакты» only mentions them.
    assert titles[-1] == "Контакты"
    assert set(titles[:2]) == {"Личный приём", "График личного приёма руководителей"}
