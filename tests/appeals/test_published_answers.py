"""The section of answers published on the site (59-ФЗ art. 10 part 4) and the officer's chooser of art. 11
part 5.1, which opens in it."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Site

from appeals_form.factories import PublishedAnswerIndexPageFactory, PublishedAnswerPageFactory, TopicFactory
from appeals_form.models import Appeal
from appeals_form.models.answers import ANSWERS_PER_PAGE
from home.factories import HomePageFactory
from tests.appeals.queue_helpers import appeal_in, make_user, registered_days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(db):
    Site.clear_site_root_paths_cache()
    home = HomePageFactory(site_root=True, title="Обращения граждан", slug="home-answers")
    return PublishedAnswerIndexPageFactory(parent=home)


def parse(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_section_lists_published_answers_newest_first_with_date_and_topic(client, section):
    heating = TopicFactory(title="Водоснабжение, отопление, электричество")
    PublishedAnswerPageFactory(parent=section, title="Сроки рассмотрения", answered_on=date(2026, 9, 15))
    PublishedAnswerPageFactory(
        parent=section,
        title="Отопительный сезон",
        question="Когда включают отопление?",
        answered_on=date(2026, 10, 1),
        topic=heating,
    )
    PublishedAnswerPageFactory(parent=section, title="Черновик ответа", live=False)

    html = parse(client.get(section.url))

    assert html.h1.get_text() == "Ответы на вопросы из обращений"
    titles = [title.get_text(strip=True) for title in html.select(".card__title")]
    assert titles == ["Отопительный сезон", "Сроки рассмотрения"]
    first = html.select_one(".card").get_text(" ", strip=True)
    assert "Когда включают отопление?" in first
    assert "Ответ от 01.10.2026 · Водоснабжение, отопление, электричество" in first
    assert "Черновик ответа" not in html.get_text()


def test_a_long_section_is_paged_and_a_page_past_the_end_shows_the_last(client, section):
    for day in range(ANSWERS_PER_PAGE + 1):
        PublishedAnswerPageFactory(parent=section, answered_on=date(2026, 1, 1 + day))
    first = parse(client.get(section.url))
    assert len(first.select(".card")) == ANSWERS_PER_PAGE
    assert first.select_one("nav.pagination").get_text(" ", strip=True).startswith("Страница 1 из 2")
    last = parse(client.get(section.url + "?page=99"))
    assert len(last.select(".card")) == 1 and "Страница 2 из 2" in last.get_text()


def test_an_answer_shows_its_question_answer_and_date(client, section):
    page = PublishedAnswerPageFactory(
        parent=section,
        title="Сроки рассмотрения обращения",
        question="В какой срок администрация должна ответить?\nМожно ли срок продлить?",
        answer="<p>В течение 30 дней со дня регистрации.</p>",
        answered_on=date(2026, 9, 15),
    )
    html = parse(client.get(page.url))
    assert html.h1.get_text() == "Сроки рассмотрения обращения"
    assert [h2.get_text() for h2 in html.select("main h2")] == ["Вопрос", "Ответ"]
    text = html.select_one("main").get_text(" ", strip=True).replace("\xa0", " ")
    assert "Ответ от 15.09.2026" in text and "Можно ли срок продлить?" in text
    assert "В течение 30 дней со дня регистрации." in text


def test_the_officers_chooser_opens_in_the_section_and_offers_its_answers(client, section):
    """The chooser of art. 11 part 5.1 browsed the whole tree from its root; with answers published it
    opens in their section. A page elsewhere on the site is still accepted by its address."""
    answer = PublishedAnswerPageFactory(parent=section, title="Сроки рассмотрения обращения")
    officer = make_user("officer")
    client.force_login(officer)
    appeal = appeal_in(Appeal.Status.REGISTERED, **registered_days_ago(0))

    response = client.get(f"/admin/appeals/{appeal.pk}/published-answer/")
    form = parse(response)
    assert form.select_one("#id_page-chooser[data-chooser-url]") is not None
    assert "Страница раздела опубликованных ответов с ответом" in form.get_text()
    # Wagtail's chooser as the widget opens it: the answers' type, browsed from their section.
    assert '"modelNames": ["appeals_form.publishedanswerpage"]' in response.content.decode()
    browse = client.get("/admin/choose-page/", {"page_type": "appeals_form.publishedanswerpage"})
    assert browse.status_code == 200
    chooser = browse.json()
    assert chooser["parent_page_id"] == section.pk  # not the tree's root
    assert answer.title in chooser["html"]


def test_without_published_answers_the_chooser_offers_every_page(client, section):
    officer = make_user("officer")
    client.force_login(officer)
    appeal = appeal_in(Appeal.Status.REGISTERED, **registered_days_ago(0))
    response = client.get(f"/admin/appeals/{appeal.pk}/published-answer/")
    form = parse(response)
    assert '"modelNames": ["wagtailcore.page"]' in response.content.decode()
    assert "Опубликованная страница, на которой размещён ответ" in form.get_text()


def test_an_answer_is_found_by_the_site_search_by_a_word_of_its_question(client, section):
    PublishedAnswerPageFactory(parent=section, title="Очередь в детский сад", question="Как встать в очередь?")
    call_command("update_index", verbosity=0)
    html = parse(client.get("/search/", {"q": "очередь"}))
    assert "Очередь в детский сад" in html.get_text()
    # Written without a search description, the result shows its question with the searched word marked.
    assert "Как встать в <mark>очередь</mark>?" in str(html.select_one("main"))
