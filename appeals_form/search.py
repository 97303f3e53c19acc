"""The status lookup in the site search (home/searchshortcuts.py): it is a view, not a page of the index.

Offered when every searched word is one of its words in any form and one of them is its own
(not «обращение», which half the site is about): «статус», «узнать статус обращения», «номер
обращения» («где моё обращение» is only «обращение»: «где», «моё» are stop words).
"""

from __future__ import annotations

from functools import cache

from django.urls import reverse

from home import searchtext
from home.searchshortcuts import SearchShortcut

TITLE = "Узнать статус обращения"
DESCRIPTION = "Ход рассмотрения обращения по регистрационному номеру; ссылку на страницу статуса пришлём на почту."
# What residents type when they look for it: one of these must be among the searched words.
WORDS = "статус ход рассмотрения номер регистрационный проверить где ответ письмо ссылка"
RANK = 50  # after officials named by the search, before officials found by their position


@cache
def _terms() -> tuple[frozenset[str], frozenset[str]]:
    """Every word that may be searched, and those of them that are the lookup's own."""
    return searchtext.text_terms(f"{TITLE} {WORDS}"), searchtext.text_terms(WORDS)


def status_shortcuts(*, words: list[list[str]], site_root) -> list[SearchShortcut]:
    terms, own = _terms()
    if not all(searchtext.word_matches(word, terms) for word in words):
        return []
    if not any(searchtext.word_matches(word, own) for word in words):
        return []
    return [SearchShortcut(title=TITLE, url=reverse("appeals:status_lookup"), description=DESCRIPTION, rank=RANK)]
