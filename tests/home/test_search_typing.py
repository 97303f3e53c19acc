"""The site search reads a query as residents type it: the wrong keyboard layout, abbreviations, numbers
written together, stray characters, empty and overlong queries; the results page counts in Russian,
marks the words found and suggests what a query was read as. The same on SQLite and PostgreSQL.
"""

import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.factories import HomePageFactory, StandardPageFactory
from home.searchpage import SEARCH_MAX_QUERY_LENGTH, SearchResultsPage
from home.searchtext import ABBREVIATIONS, clean_search_text, from_latin_layout

SCHEDULE = "График личного приёма граждан"
REPORT = "Отчёт о работе с обращениями"
LAW = "Федеральный закон"
REGIONAL = "Закон Московской области"
HOUSING = "Вопросы жилья"
LATIN = "Портал Dobrodel"

TEXTS = {
    SCHEDULE: "Глава администрации принимает граждан по графику; запись на приём по телефону.",
    REPORT: "Обзор обращений: рассмотрение и регистрация обращений за полугодие.",
    LAW: "Федеральный закон от 02.05.2006 № 59-ФЗ.",
    REGIONAL: "Закон Московской области № 164/2006-ОЗ.",
    HOUSING: "Жалобы на работу управляющей компании и многофункционального центра.",
    LATIN: "Сообщения жителей через портал Dobrodel.",
}

# The Russian layout's keys on a US keyboard (as residents press them with the wrong layout on).
_RUSSIAN_KEYS = str.maketrans("йцукенгшщзхъфывапролджэячсмитьбюё", "qwertyuiop[]asdfghjkl;'zxcvbnm,.`")


def wrong_layout(text: str) -> str:
    return text.translate(_RUSSIAN_KEYS)


@pytest.fixture
def pages(db):
    home = HomePageFactory(site_root=True)
    for title, intro in TEXTS.items():
        StandardPageFactory(parent=home, title=title, intro=intro)
    return home


def titles(html: str) -> set[str]:
    """The titles of the hits."""
    return set(re.findall(r'<h2><a href="[^"]*">(.*?)</a></h2>', html))


def search(client, query: str) -> str:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


MEANT = {
    "прием граждан": {SCHEDULE},  # «ghbtv uhf;lfy»: «;» is «ж»
    "отчет": {REPORT},  # «jnxtn»
    "запись на приём": {SCHEDULE},  # «ё» is the key left of «1»
    "жалобы": {HOUSING},  # «,» is «б»
    "обзор обращений": {REPORT},
}


def test_a_query_typed_with_the_latin_layout_finds_what_was_meant_and_says_so(client, pages):
    """«ghbtv uhf;lfy», «jnxtn» found nothing: the query is read in the Russian layout, the page says so
    and links the query as meant."""
    for meant, expected in MEANT.items():
        typed = wrong_layout(meant)
        html = search(client, typed)
        assert titles(html) == expected, typed
        assert f"Запрос «{typed}» набран в латинской раскладке" in html.replace("&#x27;", "'")
        assert f'<a href="?q={quote(meant)}">{meant}</a>' in html  # the query as meant, linked


def test_latin_words_on_a_page_are_not_read_as_a_wrong_layout(client, pages):
    html = search(client, "dobrodel")
    assert titles(html) == {LATIN}
    assert "раскладке" not in html


def test_the_layout_is_read_only_for_latin_text():
    assert from_latin_layout("ghbtv uhf;lfy") == "прием граждан"
    assert from_latin_layout("59-AP") == "59-ФЗ"
    assert from_latin_layout("прием") is None  # Russian already
    assert from_latin_layout("прием ghbtv") is None  # mixed: not a layout slip
    assert from_latin_layout("59") is None


def test_a_typo_is_offered_as_the_word_meant(client, pages):
    """The corrected query is offered as a link («Возможно, вы имели в виду»), spelt as a word: it said
    «обращене» (a page word's stem and the first ending that stems back)."""
    typos = {"обрашений": "обращений", "регистрацыя": "регистрация", "расмотрение": "рассмотрение",
             "обзорр": "обзор", "жолобы": "жалобы", "обращенийй": "обращений"}  # fmt: skip
    for typo, meant in typos.items():
        html = search(client, typo)
        assert titles(html), typo
        assert f'Возможно, вы имели в виду:\n            <a href="?q={quote(meant)}">{meant}</a>' in html


@pytest.mark.parametrize(("short", "full"), list(ABBREVIATIONS.items()))
def test_an_abbreviation_and_its_full_form_find_each_other(db, client, short, full):
    """«ЖКХ» did not find «жилищно-коммунального хозяйства», «УК», «ИЖС» found nothing; each abbreviation
    finds its full form and the full form the abbreviation, in any case of the words."""
    home = HomePageFactory(site_root=True)
    StandardPageFactory(parent=home, title="Сокращение", intro=f"Вопросы {short.upper()} и другие.")
    StandardPageFactory(parent=home, title="Полностью", intro=f"Раздел: {full}.")
    assert titles(search(client, short.upper())) == {"Сокращение", "Полностью"}
    assert titles(search(client, full)) == {"Сокращение", "Полностью"}
    assert titles(search(client, f"вопросы {short}")) == {"Сокращение"}


def test_a_law_number_in_any_spelling(client, pages):
    """«59фз», «164оз» (a number and its letters typed together) found nothing."""
    federal = ["59-ФЗ", "59 ФЗ", "59фз", "№ 59-ФЗ", "№59-фз", "«59-ФЗ»"]
    regional = ["164-ОЗ", "№ 164", "164оз", "164/2006-ОЗ", "закон № 164"]
    hits = {query: titles(search(client, query)) for query in federal + regional}
    assert hits == {**dict.fromkeys(federal, {LAW}), **dict.fromkeys(regional, {REGIONAL})}


def test_punctuation_and_invisible_characters_do_not_change_the_hits(client, pages):
    """A NUL, a line break or a zero-width space pasted with the query: PostgreSQL refuses NUL in a string."""
    queries = ["приём граждан!!!", '"приём граждан"', "приём, граждан.", "(приём) граждан?", "приём\x00граждан",
               "\u200bприём граждан\u00ad", "приём\tграждан\r\n", "ПРИЁМ  ГРАЖДАН", "приём\x7f граждан"]  # fmt: skip
    assert {query: titles(search(client, query)) for query in queries} == dict.fromkeys(queries, {SCHEDULE})


def test_a_query_without_words_is_asked_for_words_in_russian(client, pages):
    """An empty or blank query, or one of marks only, showed the bare form (or «ничего не найдено»)."""
    for query in ["", " ", "\t\n", "\x00", "\u200b", "%", "_", "*", "'", "«»", "№", "-", "…"]:
        html = search(client, query)
        assert "Введите в поле «Что найти» слово или несколько слов" in html, repr(query)
        assert "<h2><a" not in html and "ничего не найдено" not in html, repr(query)


def test_the_form_alone_is_shown_before_anything_is_asked(client, pages):
    html = client.get("/search/").content.decode()
    assert "Введите" not in html and 'name="q"' in html


def test_a_very_long_query_searches_its_beginning_and_says_so(client, pages):
    for long in ["а" * 10_000, "приём " * 1_700, ("ж" * 300 + " ") * 34]:
        html = search(client, "приём граждан " + long)
        assert f"Запрос длиннее {SEARCH_MAX_QUERY_LENGTH} знаков: искали по его началу." in html
        assert f'maxlength="{SEARCH_MAX_QUERY_LENGTH}"' in html
    assert "Запрос длиннее" not in search(client, "приём граждан " + "а" * (SEARCH_MAX_QUERY_LENGTH - 14))


def test_a_query_is_cut_at_the_end_of_a_word():
    assert clean_search_text("приём " * 50, max_length=20) == "приём приём приём"
    assert clean_search_text("ж" * 50, max_length=20) == "ж" * 20


@pytest.mark.parametrize(
    ("count", "text"),
    [(1, "Найдена 1 страница"), (2, "Найдено 2 страницы"), (5, "Найдено 5 страниц"), (11, "Найдено 11 страниц"),
     (21, "Найдена 21 страница"), (22, "Найдено 22 страницы"), (112, "Найдено 112 страниц"),
     (1001, "Найдена 1\u00a0001 страница")],
)  # fmt: skip
def test_the_count_is_said_in_russian(count, text):
    page = SearchResultsPage(hits=(), count=count, number=1, num_pages=1, start_index=1)
    assert page.found == text


def test_the_results_say_the_count_and_mark_the_words_found_in_any_form(db, client):
    """The snippet under each title (the page's search description) marks the words searched, in any form,
    «ё» or «е», an abbreviation's full form too; a mark keeps the text escaped."""
    home = HomePageFactory(site_root=True)
    StandardPageFactory(
        parent=home,
        title="Приёмная",
        intro="Приём граждан.",
        search_description="Где идёт ПРИЁМ граждан по вопросам жилищно-коммунального хозяйства <b>&</b> ЖКУ.",
    )
    html = search(client, "прием гражданина ЖКХ")
    assert '<p class="search-count" role="status">Найдена 1 страница</p>' in html
    assert (
        "Где идёт <mark>ПРИЁМ</mark> <mark>граждан</mark> по вопросам <mark>жилищно</mark>-<mark>коммунального</mark>"
        " <mark>хозяйства</mark> &lt;b&gt;&amp;&lt;/b&gt; ЖКУ." in html
    )


def test_a_search_reads_no_row_per_hit(client, pages):
    """The marks are made from the page rows already read: the queries do not grow with the hits."""
    home = pages

    def queries(query: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            search(client, query)
        return len(captured)

    searched = ("граждан", wrong_layout("граждан"), "обрашений")
    for query in searched:  # the site and its settings are read once per process
        search(client, query)
    few = {query: queries(query) for query in searched}
    for number in range(9):
        StandardPageFactory(parent=home, title=f"Приём граждан {number}", intro="Граждане и обращения.")
    assert {query: queries(query) for query in few} == few
