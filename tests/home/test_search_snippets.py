"""Every page found by the site search has text under its title, with the found words marked.

Found from outside: events (thematic receptions, meetings) were listed with their title only: editors
write them without a search description, and the results page showed only that field. Each app gives
the text of its pages without one (the hook ``portal_search_snippets``; events: what, when, who hosts
it, the description), cut by ``home.searchtext.snippet`` from the sentence of the first found word.
"""

import re
from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from home import searchpage
from home.searchtext import highlighted_terms, snippet
from schedules.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

RESULT = re.compile(r'<h2><a href="[^"]*">([^<]*)</a></h2>\s*(?:<p>(.*?)</p>)?', re.S)


def results(client, query: str) -> dict[str, str]:
    """Each result's title with the HTML under it ("" for none)."""
    html = client.get("/search/", {"q": query}).content.decode()
    return {title: text or "" for title, text in RESULT.findall(html.split('class="search-results"', 1)[-1])}


def test_an_event_without_a_search_description_shows_its_text_with_the_found_words_marked(client, site_home):
    events = EventIndexPageFactory(parent=site_home)
    EventPageFactory(
        parent=events,
        title="Тематический приём по вопросам ЖКХ",
        date=date(2026, 12, 17),
        time_from=time(10),
        time_to=time(13),
        hosts="Заместитель главы по ЖКХ",
        body="<p>Отопление, водоснабжение, благоустройство дворов.</p>",
    )
    shown = results(client, "благоустройство")
    assert shown == {
        "Тематический приём по вопросам ЖКХ": "Тематический приём, 17 декабря 2026, с\u00a010:00 до\u00a013:00. "
        "Заместитель главы по ЖКХ. Отопление, водоснабжение, <mark>благоустройство</mark> дворов."
    }


def test_a_page_of_event_hits_reads_their_text_in_one_query(client, site_home):
    events = EventIndexPageFactory(parent=site_home)
    EventPageFactory(parent=events, body="<p>Благоустройство.</p>")
    results(client, "благоустройство")  # warms what a process keeps
    with CaptureQueriesContext(connection) as one:
        assert len(results(client, "благоустройство")) == 1
    for _ in range(9):
        EventPageFactory(parent=events, body="<p>Благоустройство.</p>")
    results(client, "благоустройство")
    with CaptureQueriesContext(connection) as ten:
        assert len(results(client, "благоустройство")) == 10
    assert len(ten) == len(one)


def test_every_live_page_of_the_demo_has_text_for_its_result(demo_site):
    pages = list(Page.objects.live().filter(depth__gt=1))
    descriptions = searchpage._descriptions(pages, highlighted_terms("приём"))
    assert [page.title for page in pages if not descriptions[page.pk].strip()] == []


def test_a_long_text_is_cut_after_a_word_from_the_found_words_sentence():
    text = "Вступление без искомых слов. " * 12 + "Здесь говорится о ремонте крыши. Конец."
    cut = snippet(text, highlighted_terms("крыша"), length=80)
    assert cut == "…Здесь говорится о ремонте крыши. Конец."
    cut = snippet(text, highlighted_terms("нигде"), length=80)
    assert cut == "Вступление без искомых слов. Вступление без искомых слов. Вступление без…"
    assert len(cut) <= 81
