"""View models of the key figures and of the register statistics."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from appeals_form.statistics import RegisterStatistics
from home.accessibility import VisionPrefs
from reports import disclosure, stats
from reports import formatting as fmt
from reports.blocks.figures import BREAKDOWN_SLUGS, BREAKDOWNS
from reports.blocks.tables import CHART_BARS
from reports.table_kinds.category import category_rows_view
from reports.table_kinds.common import TableView, downloads

EMPTY_REGISTER = "Обращений за период не поступало."


@dataclass(frozen=True)
class FigureView:
    label: str
    value: str
    previous: str = ""
    previous_label: str = ""
    difference: str = ""
    change: str = ""
    trend: str = ""  # "up", "down", "same" or ""


def key_figures_view(value, *, page) -> list[FigureView]:
    period = getattr(page, "period", None) if page is not None else None
    default_previous = period.previous_year().label if period else "предыдущий период"
    figures = []
    for item in value.get("figures") or []:
        figure = stats.KeyFigure(
            label=str(item.get("label") or ""),
            value=int(item.get("value") or 0),
            previous=item.get("previous"),
            previous_label=item.get("previous_label") or "",
        )
        change = figure.change
        if change is None:
            figures.append(FigureView(label=figure.label, value=fmt.number(figure.value)))
            continue
        trend = "up" if change.difference > 0 else "down" if change.difference < 0 else "same"
        figures.append(
            FigureView(
                label=figure.label,
                value=fmt.number(figure.value),
                previous=fmt.number(change.previous),
                previous_label=figure.previous_label or default_previous,
                difference=fmt.signed(change.difference),
                change=fmt.signed_percent(change.percent, missing=change.missing_mark),
                trend=trend,
            )
        )
    return figures


# ---- register statistics --------------------------------------------------------------------------------------


@dataclass
class RegisterView:
    heading: str
    notice: str
    live: bool
    total: str = ""
    empty_message: str = ""
    tables: list[TableView] = field(default_factory=list)


def _breakdown_lines(statistics: RegisterStatistics, key: str):
    return {
        "channel": statistics.by_channel,
        "identification": statistics.by_identification,
        "section": statistics.by_section,
        "result": statistics.by_result,
    }[key]


FOLDED_LABEL = "Прочие (объединены строки с малым числом обращений)"
SMALL_REGISTER = (
    "За этот период через интернет-приёмную поступило менее 5 обращений: подробные числа не публикуются, "
    "чтобы по ним нельзя было узнать заявителей."
)


def breakdown_result(statistics: RegisterStatistics, key: str) -> stats.CategoryTable:
    """A breakdown as a category table with no row from 1 to 4 (reports.disclosure.fold_small)."""
    lines = _breakdown_lines(statistics, key)
    folded = disclosure.fold_small([line.count for line in lines])
    rows = [
        stats.CategoryInput(label=line.label, count=line.count)
        for line, joined in zip(lines, folded, strict=True)
        if not joined
    ]
    if any(folded):
        joined_count = sum(line.count for line, joined in zip(lines, folded, strict=True) if joined)
        rows.append(stats.CategoryInput(label=FOLDED_LABEL, count=joined_count))
    return stats.category_table(rows)


def publishes_breakdowns(statistics: RegisterStatistics) -> bool:
    """A period with 1 to 4 appeals publishes its total as «менее 5» and no breakdown."""
    return not disclosure.is_small(statistics.total)


BREAKDOWN_HEADERS = {
    "channel": "Канал поступления",
    "identification": "Способ подтверждения личности",
    "section": "Раздел тематического классификатора",
    "result": "Результат рассмотрения",
}


def breakdown_caption(key: str, period_label: str) -> str:
    title = dict(BREAKDOWNS)[key]
    return f"Обращения через интернет-приёмную {title.lower()}, {period_label}"


def register_view(
    value,
    *,
    block_id: str,
    page,
    statistics: RegisterStatistics | None,
    frozen_at=None,
    vision: VisionPrefs | None,
) -> RegisterView:
    heading = str(value.get("heading") or "")
    period = getattr(page, "period", None) if page is not None else None
    if period is None or statistics is None:
        return RegisterView(
            heading=heading,
            notice="Числа появятся, когда у отчёта будет указан период.",
            live=True,
        )
    if frozen_at is not None:
        notice = (
            f"Данные реестра обращений за {period.label}, зафиксированы при публикации отчёта "
            f"{timezone.localtime(frozen_at):%d.%m.%Y}."
        )
    else:
        notice = (
            f"Предварительные данные: числа реестра обращений за {period.label} на "
            f"{timezone.localtime():%d.%m.%Y %H:%M}. При публикации отчёта они будут зафиксированы."
        )
    view = RegisterView(heading=heading, notice=notice, live=frozen_at is None)
    if statistics.is_empty:
        view.empty_message = EMPTY_REGISTER
        return view
    if not publishes_breakdowns(statistics):
        view.empty_message = SMALL_REGISTER
        return view
    view.total = fmt.number(statistics.total)
    slug = value.get("slug") or block_id
    for key in value.get("breakdowns") or []:
        if key not in BREAKDOWN_SLUGS:
            continue
        table_slug = f"{slug}-{BREAKDOWN_SLUGS[key]}"
        table = category_rows_view(
            breakdown_result(statistics, key),
            dom_id=f"table-{table_slug}",
            caption=breakdown_caption(key, period.label),
            headers=[BREAKDOWN_HEADERS[key], "Количество", "Доля, %"],
            chart=CHART_BARS if key != "channel" else "none",
            show_total=key != "channel",
            vision=vision,
        )
        table.downloads = downloads(page, table_slug) if not view.live else []
        table.source = "Реестр обращений интернет-приёмной"
        view.tables.append(table)
    return view


def register_preview_view(value) -> RegisterView:
    """The admin's preview of the block alone: no page, so no period and no numbers."""
    return RegisterView(
        heading=str(value.get("heading") or ""),
        notice="Числа из реестра обращений за период отчёта появятся на странице отчёта.",
        live=True,
    )
