"""Demo content of the open data: the catalogue page at /opendata/ (the data sets read the other demos)."""

from __future__ import annotations

from home.demo.content import SLUG_OPENDATA
from home.demo.pages import ensure_page, get_home_page, report
from opendata.models import OpenDataCatalogPage

ORDER = 60  # after the reports, schedules and regulations whose data it lists
SLUG = SLUG_OPENDATA
DEMO_INN = "1234567894"  # a made-up ИНН with a valid control digit (editors enter the real one)

PAGE = {
    "title": "Открытые данные",
    "search_description": "Наборы открытых данных отдела по работе с обращениями: статистика обращений, "
    "таблицы отчётов, график приёма, мероприятия, нормативные документы.",
    "intro": "<p>Сведения о работе с обращениями граждан в машиночитаемом виде: их можно скачать и обработать "
    "программой. Данные обновляются автоматически, прежние версии остаются доступны.</p>",
    "publisher_inn": DEMO_INN,
}


def load(*, stdout, style) -> None:
    page, status = ensure_page(parent=get_home_page(), page_class=OpenDataCatalogPage, slug=SLUG, **PAGE)
    report(stdout, style, page, status)
