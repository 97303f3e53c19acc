"""The site search understands everyday Russian, with the same hits on SQLite and PostgreSQL (issue 12).

Residents type «е» for «ё» and any form of a word. These tests run unchanged on
both databases (``DATABASE_URL`` for PostgreSQL), so a difference between the
two is a failure on one of them.

The reception text is shortened from a municipal news item, «Приём по личным
вопросам начальника Управления ЖКХ», murom-tv.ru (Муром),
https://murom-tv.ru/archives/65718/ (read 2026-12-04).
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from home.factories import HomePageFactory, StandardPageFactory
from home.searchtext import index_terms

RECEPTION = "Личный приём граждан"
SCHEDULE = "График личного приёма"
REPORT = "Отчёт о работе с обращениями граждан за 1 полугодие"
PROCEDURE = "Порядок рассмотрения обращения"
CONTACTS = "Контакты отдела"

TEXTS = {
    RECEPTION: "Приём по личным вопросам провёл заместитель главы администрации, начальник Управления ЖКХ. "
    "Люди обратились с просьбами о капремонте, жаловались на обветшалые фасады и протекающие кровли.",
    REPORT: "Больше всего вопросов поступило о жилищно-коммунальном хозяйстве и благоустройстве.",
    PROCEDURE: "Письменное обращение гражданина регистрируется в течение трёх дней с момента поступления.",
    CONTACTS: "Телефон, адрес и часы работы отдела.",
    SCHEDULE: "Глава и заместители главы администрации принимают граждан по графику.",
}


@pytest.fixture
def pages(db):
    home = HomePageFactory(site_root=True)
    for title, intro in TEXTS.items():
        StandardPageFactory(parent=home, title=title, intro=intro)
    StandardPageFactory(parent=home, title="Черновик приёма", intro="Личный приём: черновик.", live=False)
    return home


def found(client, query: str) -> set[str]:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    return {title for title in [*TEXTS, "Черновик приёма"] if f">{title}</a>" in html}


@pytest.mark.parametrize(
    ("queries", "expected"),
    [
        # Snowball cuts «приём» to «при» but «приёма» to «прием»: any form must find both (word_variants).
        (["прием", "приём", "ПРИЕМ", "приема", "приёмы", "приёмов"], {RECEPTION, SCHEDULE}),
        (["отчет", "отчёт", "отчёты", "отчета"], {REPORT}),
        (["обращение", "обращения", "обращений", "обращениями"], {REPORT, PROCEDURE}),
        (["личный прием", "личный приём", "Личный прием граждан", "личного приёма"], {RECEPTION, SCHEDULE}),
        # The reception's text says «ЖКХ»: the full form finds the abbreviation (searchtext.ABBREVIATIONS).
        (
            ["жилищно-коммунальное хозяйство", "жилищно-коммунального хозяйства", "ЖКХ", "жкх"],
            {REPORT, RECEPTION},
        ),
        (["жилищно-коммунальному"], {REPORT}),
        (["регистрируется", "РЕГИСТРИРУЕТСЯ"], {PROCEDURE}),
        # Snowball: «гражданина» → «гражданин» but «граждан» → «граждан» (word_variants joins them).
        (
            ["граждан", "граждане", "гражданам", "гражданин", "гражданина", "гражданину"],
            {RECEPTION, REPORT, SCHEDULE, PROCEDURE},
        ),
        (["капремонт фасадов", "протекающая кровля"], {RECEPTION}),
        (["глава администрации", "главы администраций"], {RECEPTION, SCHEDULE}),
    ],
)
def test_every_spelling_and_form_finds_the_same_pages(client, pages, queries, expected):
    results = {query: found(client, query) for query in queries}
    assert results == dict.fromkeys(queries, expected)


def test_pages_with_every_word_come_alone_when_there_are_any(client, pages):
    html = client.get("/search/", {"q": "личный приём"}).content.decode()
    assert found(client, "личный приём") == {RECEPTION, SCHEDULE}
    assert "хотя бы одно" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A resident types a question: «подать», «узнать», «где» are on no page, the subject is.
        ("как подать жалобу на протекающую кровлю", {RECEPTION}),
        ("где узнать график приёма", {RECEPTION, SCHEDULE}),
        ("приём отчёт", {RECEPTION, SCHEDULE, REPORT}),
    ],
)
def test_no_page_with_every_word_shows_pages_with_some_of_them_and_says_so(client, pages, query, expected):
    """«как подать жалобу» found nothing: no page says «подать». Without a page that has every word,
    the pages with any of them are shown, under a line that says they do not have them all."""
    html = client.get("/search/", {"q": query}).content.decode()
    assert found(client, query) == expected
    assert f"Страниц, где есть все слова запроса «{query}», нет" in html
    assert f"хотя бы одно из них: {len(expected)}" in html


def test_words_on_no_page_at_all_still_find_nothing(client, pages):
    html = client.get("/search/", {"q": "подать узнать"}).content.decode()
    assert "По запросу «подать узнать» ничего не найдено" in html


def test_a_search_of_stop_words_only_finds_nothing_on_both_databases(client, pages):
    html = client.get("/search/", {"q": "и в по"}).content.decode()
    assert "ничего не найдено" in html


def test_unpublished_pages_stay_out_whatever_the_form(client, pages):
    assert "Черновик приёма" not in found(client, "черновик") | found(client, "черновики")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL's own `russian` configuration")
def test_python_stems_are_postgresqls_stems(db):
    # SQLite's index (home.searchtext) must cut words exactly as PostgreSQL does, or the same
    # words would find different pages. Hyphenated wholes («жилищно-коммунальн») are
    # PostgreSQL-only extras: both index the parts.
    text = " ".join([*TEXTS, *TEXTS.values(), "Федеральный закон № 59-ФЗ «О порядке рассмотрения обращений граждан»"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT unnest(tsvector_to_array(to_tsvector('russian', %s)))", [text])
        postgres = {row[0] for row in cursor.fetchall() if "-" not in row[0]}
    assert set(index_terms(text)) == postgres


def test_the_index_holds_public_pages_documents_and_images_only(db):
    # Personal data (appeals, attachments, sign-ups, identities) never enters the search index:
    # a model indexed by mistake fails here.
    from modelsearch.index import get_indexed_models

    others = [
        model._meta.label
        for model in get_indexed_models()
        if not issubclass(model, Page) and model._meta.label not in {"wagtaildocs.Document", "wagtailimages.Image"}
    ]
    assert others == []


def test_load_demo_content_builds_a_missing_or_outdated_index(client, demo_site):
    # `make run`'s worker indexes pages by tasks, later; an index built before the stemming
    # holds words as typed. load_demo_content rebuilds it then, so «прием» finds the demo at once.
    IndexEntry.objects.all().delete()
    call_command("load_demo_content", verbosity=0)
    html = client.get("/search/", {"q": "личный прием"}).content.decode()
    assert re.search(r"Найден[оа] \d+ страниц", html)
    if connection.vendor == "sqlite":
        IndexEntry.objects.update(title="Личный приём")  # the old, unstemmed form
        call_command("load_demo_content", verbosity=0)
        assert not IndexEntry.objects.filter(title="Личный приём").exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("обрашение", {REPORT, PROCEDURE}),  # a wrong letter
        ("графек приема", {SCHEDULE}),  # a wrong letter beside a right word
        ("телефн", {CONTACTS}),  # a missing letter
        ("капремнот", {RECEPTION}),  # two neighbours swapped
    ],
)
def test_a_typo_finds_the_pages_of_the_word_meant_and_says_so(client, pages, query, expected):
    """«обрашение», «графек» found nothing: a word on no page is read as a page word one typo away."""
    html = client.get("/search/", {"q": query}).content.decode()
    assert found(client, query) == expected
    assert f"По запросу «{query}» ничего не найдено: возможно, в запросе опечатка" in html
    assert "Возможно, вы имели в виду:" in html


def test_a_typo_is_not_guessed_when_the_words_are_found_or_too_short(client, pages):
    html = client.get("/search/", {"q": "обращение"}).content.decode()
    assert "опечатка" not in html
    assert found(client, "отчот") == set()  # five letters: too easily another word
    assert "По запросу «черновикк» ничего не найдено" in client.get("/search/", {"q": "черновикк"}).content.decode()
