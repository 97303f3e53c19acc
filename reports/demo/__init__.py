"""Demo content of the reports: the index at «otchety» and the two seed reports as example pages.

The reports are real published reports of Moscow Oblast districts (Lyubertsy,
1st half of 2018; Leninsky, 1st half of 2020), shown as examples and labelled
so in their intro: the demo municipality «Энск» has no reports of its own.
Idempotent: ``ensure_page`` changes a page only when its content differs.
"""

from __future__ import annotations

from home.demo.content import SLUG_REPORTS
from home.demo.pages import ensure_page, get_home_page, report
from reports.models import ReportIndexPage, ReportPage

from . import leninsky, lyubertsy

ORDER = 50

INDEX = {
    "title": "Отчёты о работе с обращениями",
    "search_description": "Обзоры обращений граждан: сколько поступило, по каким каналам и темам, "
    "как рассмотрены; таблицы для скачивания.",
    "intro": "<p>Обзоры обращений граждан: сколько обращений поступило, по каким каналам и темам, как они "
    "рассмотрены (ст. 13 Федерального закона № 8-ФЗ). Итоги, доли и разницы в таблицах вычисляются из данных, "
    "каждую таблицу можно скачать в форматах CSV, XLSX и JSON.</p>"
    "<p>Сейчас здесь два примера — опубликованные отчёты городского округа Люберцы и Ленинского городского "
    "округа Московской области.</p>",
}


def load(*, stdout, style) -> None:
    home = get_home_page()
    index, status = ensure_page(parent=home, page_class=ReportIndexPage, slug=SLUG_REPORTS, **INDEX)
    report(stdout, style, index, status)
    for module in (lyubertsy, leninsky):
        page, status = ensure_page(parent=index, page_class=ReportPage, slug=module.SLUG, **module.page())
        report(stdout, style, page, status)
