"""Demo content of the reports: the index at «otchety», «Статистика обращений» and the two seed reports.

The reports are real published reports of Moscow Oblast districts (Lyubertsy,
1st half of 2018; Leninsky, 1st half of 2020), shown as examples and labelled
so in their intro: the demo municipality «Энск» has no reports of its own.
Idempotent: ``ensure_page`` changes a page only when its content differs.
"""

from __future__ import annotations

from home.demo.content import SLUG_REPORTS
from home.demo.pages import ensure_page, get_home_page, report
from reports.models import ReportIndexPage, ReportPage, StatisticsPage

from . import leninsky, lyubertsy, register

ORDER = 50

INDEX = {
    "title": "Отчёты о работе с обращениями",
    "search_description": "Обзоры обращений граждан: сколько поступило, по каким каналам и темам, "
    "как рассмотрены; таблицы для скачивания.",
    "intro": "<p>Обзоры обращений граждан: сколько обращений поступило, по каким каналам и темам, как они "
    "рассмотрены (ст. 13 Федерального закона № 8-ФЗ). Итоги, доли и разницы в таблицах вычисляются из данных, "
    "каждую таблицу можно скачать в форматах CSV, XLSX и JSON.</p>"
    "<p>Для примера здесь опубликованы отчёты городского округа Люберцы и Ленинского городского округа "
    "Московской области.</p>",
}


SLUG_STATISTICS = "statistika"
STATISTICS = {
    "title": "Статистика обращений",
    "search_description": "Сколько обращений поступило в интернет-приёмную, по каким темам, как и в какой срок "
    "они рассмотрены: за любой месяц, квартал, полугодие или год.",
    "intro": "<p>Числа из реестра обращений интернет-приёмной за выбранный период и за тот же период годом раньше. "
    "Пересчитываются раз в сутки; числа закрытых периодов фиксируются. Персональных данных здесь нет.</p>",
}


def load(*, stdout, style) -> None:
    home = get_home_page()
    index, status = ensure_page(parent=home, page_class=ReportIndexPage, slug=SLUG_REPORTS, **INDEX)
    report(stdout, style, index, status)
    # Built live from the demo register (the queue's demo appeals and two years of made-up ones).
    register.load(stdout=stdout, style=style)
    page, status = ensure_page(parent=index, page_class=StatisticsPage, slug=SLUG_STATISTICS, **STATISTICS)
    report(stdout, style, page, status)
    for module in (lyubertsy, leninsky):
        page, status = ensure_page(parent=index, page_class=ReportPage, slug=module.SLUG, **module.page())
        report(stdout, style, page, status)
