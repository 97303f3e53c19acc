"""The status lookup in the site search (home/searchshortcuts.py): it is a view, not a page of the index.

Offered when every searched word is one of its words in any form and one of them is its own
(not «обращение», which half the site is about): «статус», «узнать статус обращения», «номер
обращения» («где моё обращение» is only «обращение»: «где», «моё» are stop words); and, first, when the
search holds a registration number as the appeals app writes it (``APPEALS_NUMBER_FORMAT``:
«ОГ-2026-000013», typed «ог 2026 000013» too). Nothing is looked up: whether such an appeal exists is
told only by e-mail, to its applicant (appeals_form/status.py).

Also the text under a published answer's result: its question (``answer_snippets``).
"""

from __future__ import annotations

from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from appeals_form.models import PublishedAnswerPage
from appeals_form.models.appeal import holds_number
from home import searchtext
from home.searchshortcuts import SearchShortcut

TITLE = "Узнать статус обращения"
DESCRIPTION = "Ход рассмотрения обращения по регистрационному номеру; ссылку на страницу статуса пришлём на почту."
# What residents type when they look for it: one of these must be among the searched words.
WORDS = "статус ход рассмотрения номер регистрационный проверить где ответ письмо ссылка"
RANK = 50  # after officials named by the search, before officials found by their position
NUMBER_RANK = 0  # a registration number: the closest match of all


def holds_appeal_number(query: str) -> bool:
    """Whether a search holds an appeal's registration number (``APPEALS_NUMBER_FORMAT``, read as the
    status lookup reads it: appeals_form.models.appeal.number_pattern)."""
    return holds_number(query)


@cache
def _terms() -> tuple[frozenset[str], frozenset[str]]:
    """Every word that may be searched, and those of them that are the lookup's own."""
    return searchtext.text_terms(f"{TITLE} {WORDS}"), searchtext.text_terms(WORDS)


def _shortcut(rank: int) -> SearchShortcut:
    return SearchShortcut(title=TITLE, url=reverse("appeals:status_lookup"), description=DESCRIPTION, rank=rank)


def status_shortcuts(*, query: str, words: list[list[str]], site_root) -> list[SearchShortcut]:
    if holds_appeal_number(query):
        return [_shortcut(NUMBER_RANK)]
    terms, own = _terms()
    if not all(searchtext.word_matches(word, terms) for word in words):
        return []
    if not any(searchtext.word_matches(word, own) for word in words):
        return []
    return [_shortcut(RANK)]


def answer_snippets(*, pages) -> dict[int, str]:
    """The text of each published answer among ``pages`` for its search result (home/searchpage.py, the hook
    ``portal_search_snippets``): its question, as a resident would ask it. One query for all."""
    answer_type = ContentType.objects.get_for_model(PublishedAnswerPage).pk  # Django keeps it per process
    ids = [page.pk for page in pages if page.content_type_id == answer_type]
    if not ids:
        return {}
    return dict(PublishedAnswerPage.objects.filter(pk__in=ids).values_list("pk", "question"))
