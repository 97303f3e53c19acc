"""A page published before its content says so, and promises nothing that is not there.

Found from outside: a report published with no tables yet told residents «Итоги, доли … вычислены из данных
таблиц. Каждую таблицу можно скачать…» under no table at all; an empty text page showed its title alone.
"""

import re

import pytest

from home.factories import SectionIndexPageFactory, StandardPageFactory
from reports.factories import ReportIndexPageFactory, ReportPageFactory

pytestmark = pytest.mark.django_db

EMPTY_PAGES = {
    "text page": lambda: StandardPageFactory(intro="", body=[]),
    "section": lambda: SectionIndexPageFactory(),
    "reports section": lambda: ReportIndexPageFactory(),
    "report": lambda: ReportPageFactory(intro="", body=[]),
}


def _main_text(html: str) -> str:
    main = re.search(r"<main\b.*?</main>", html, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


@pytest.mark.parametrize("make", EMPTY_PAGES.values(), ids=EMPTY_PAGES.keys())
def test_an_empty_page_says_its_content_is_not_there_yet(client, make):
    page = make()
    page.save_revision().publish()
    response = client.get(page.url)
    assert response.status_code == 200
    text = _main_text(response.content.decode())
    assert re.search(r"пока не (опубликован|опубликованы)|пока нет", text), text
    assert "Каждую таблицу можно скачать" not in text
