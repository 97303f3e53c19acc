"""Twenty half-year reports with their tables, for the scale benchmark (``manage.py load_scale_data``).

Ten years of a department publishing two reports a year: each report has key
figures and three tables (channels, topics by classifier section with their
parts, results against the previous half-year). Seeded and idempotent:
report slugs start ``scale-report-``; a report that exists is kept. The
figures are fictional.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from django.db import transaction

from home.demo.stream import heading, paragraph
from home.scale import Sizes
from reports import periods
from reports.demo.builders import (
    category_row,
    category_table,
    comparison_row,
    comparison_table,
    key_figure,
    key_figures,
)
from reports.models import ReportIndexPage, ReportPage

SLUG_PREFIX = "scale-report-"
LAST_YEAR = 2025
CHANNELS = (
    "Письменные обращения (лично и почтой)",
    "Официальный сайт администрации",
    "Электронная почта",
    "Личные приёмы руководства",
    "Из вышестоящих органов через МСЭД",
    "Портал «Госуслуги» (ПОС)",
)
SECTIONS = {
    "Государство, общество, политика": ("Обращения, заявления, жалобы", "Работа органов власти"),
    "Социальная сфера": ("Образование", "Здравоохранение", "Социальная защита"),
    "Экономика": ("Благоустройство", "Транспорт и дороги", "Торговля"),
    "Оборона, безопасность, законность": ("Безопасность", "Правопорядок"),
    "Жилищно-коммунальная сфера": ("Оплата ЖКУ", "Содержание жилого фонда", "Коммунальные услуги"),
}
RESULTS = ("Поддержано", "Поддержано, меры приняты", "Разъяснено", "Не поддержано", "Направлено по компетенции")


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    weights = [rng.uniform(0.5, 2.0) for _ in range(parts)]
    counts = [int(total * weight / sum(weights)) for weight in weights]
    counts[0] += total - sum(counts)
    return counts


def _topic_rows(total: int, rng: random.Random) -> list[dict]:
    rows = []
    for (section, topics), section_total in zip(SECTIONS.items(), _split(total, len(SECTIONS), rng), strict=True):
        rows.append(category_row(section, section_total))
        rows += [
            category_row(topic, count, part=True)
            for topic, count in zip(topics, _split(section_total, len(topics), rng), strict=True)
        ]
    return rows


def _page(period: periods.Period, *, total: int, previous: int, rng: random.Random) -> dict:
    results_now, results_before = _split(total, len(RESULTS), rng), _split(previous, len(RESULTS), rng)
    return {
        "title": f"Работа с обращениями граждан за {period.label}",
        "organisation": "Администрация городского округа Энск (нагрузочный тест)",
        "period_kind": period.kind,
        "period_year": period.year,
        "period_number": period.number,
        "intro": "Вымышленный отчёт для нагрузочного теста: числа сгенерированы.",
        "body": [
            key_figures(
                "Главное за полугодие",
                [key_figure("обращений поступило", total, previous=previous, previous_label="за прошлое полугодие")],
            ),
            heading("Каналы поступления"),
            category_table(
                caption=f"Обращения по каналам поступления, {period.label}",
                slug="kanaly",
                rows=[category_row(c, n) for c, n in zip(CHANNELS, _split(total, len(CHANNELS), rng), strict=True)],
                label_title="Канал",
                count_title="Обращений",
                typed_total=total,
                headline=True,
            ),
            heading("Тематика"),
            category_table(
                caption=f"Обращения по разделам классификатора, {period.label}",
                slug="tematika",
                rows=_topic_rows(total, rng),
                label_title="Раздел и тема",
                count_title="Обращений",
                chart="none",
            ),
            heading("Результаты рассмотрения"),
            comparison_table(
                caption="Результаты рассмотрения в сравнении с прошлым полугодием",
                slug="rezultaty",
                rows=[
                    comparison_row(label, now, before)
                    for label, now, before in zip(RESULTS, results_now, results_before, strict=True)
                ],
                label_title="Результат",
                current_title="Отчётное полугодие",
                previous_title="Прошлое полугодие",
            ),
            paragraph("<p>Все обращения рассмотрены в установленные сроки.</p>"),
        ],
    }


def load(*, sizes: Sizes, seed: int = 19, log: Callable[[str], None] = print) -> int:
    index = ReportIndexPage.objects.live().order_by("path").first()
    if index is None:
        log("reports: no reports index (run load_demo_content first), skipped")
        return 0
    rng = random.Random(seed)  # noqa: S311 (fictional figures, not a secret)
    existing = set(ReportPage.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True))
    halves = [(LAST_YEAR - n // 2, 2 - n % 2) for n in range(sizes.reports)]
    created, previous = 0, None
    with transaction.atomic():
        for year, number in reversed(halves):  # oldest first: each report compares with the one before
            total = rng.randrange(5_500, 8_500)
            slug = f"{SLUG_PREFIX}{year}-{number}"
            period = periods.Period(kind=periods.HALF, year=year, number=number)
            # Built even when the report exists: the random draws stay in step, the figures the same every run.
            content = _page(period, total=total, previous=previous or total, rng=rng)
            if slug not in existing:
                page = index.add_child(instance=ReportPage(slug=slug, **content))
                page.save_revision().publish()
                created += 1
            previous = total
    log(f"reports: {created} created, {len(existing)} already there")
    return created
