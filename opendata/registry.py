"""The open data sets of the portal: one place (``DATASETS``) that the catalogue, list.csv and the files read.

Each data set declares its identifier (the part after the publisher's ИНН in the methodology's
``<ИНН>-<code>``), title, description, keywords, the structure (fields with a Latin name, an English and a
Russian description and a format), the date of that structure, a rows function and a version function (the
date of the last change of its source data). Adding a data set is one ``Dataset`` entry here (and its rows in
``opendata.sources``); tests validate every registered set against its own structure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from opendata import sources

#: Formats of the structure file and how data files write them (see ``opendata.files.parse_value``).
FORMATS = ("string", "integer", "float", "date", "time", "boolean")


@dataclass(frozen=True)
class Field:
    name: str  # Latin, as the data file's header
    english: str
    russian: str
    format: str = "string"
    required: bool = True  # False: the value may be empty

    def __post_init__(self):
        if self.format not in FORMATS:
            raise ValueError(f"Unknown open-data field format {self.format!r}")


@dataclass(frozen=True)
class Dataset:
    identifier: str
    title: str
    description: str
    subject: str  # keywords, comma-separated
    fields: tuple[Field, ...]
    structure_version: date
    rows: Callable[[], Iterable[Mapping[str, object]]]
    version: Callable[[], date]
    provenance: str = "Обновление данных"

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)


def _report_fields() -> tuple[Field, ...]:
    return (
        Field("report", "Report title", "Название отчёта"),
        Field("report_url", "Report page address", "Адрес страницы отчёта"),
        Field("period_start", "First day of the period", "Начало отчётного периода (ГГГГ-ММ-ДД)", "date"),
        Field("period_end", "Last day of the period", "Окончание отчётного периода (ГГГГ-ММ-ДД)", "date"),
        Field("table", "Table caption", "Название таблицы"),
        Field("table_code", "Table code within the report", "Код таблицы в отчёте", required=False),
        Field("source", "Source of the figures", "Источник данных"),
        Field("row_number", "Row number in the table", "Номер строки в таблице", "integer"),
        Field("label", "Row label", "Показатель (строка таблицы)"),
    )


STRUCTURE_2026_12_04 = date(2026, 12, 4)
STRUCTURE_2026_12_05 = date(2026, 12, 5)  # thematic-events: status and previous_date (cancelled or moved events)

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        identifier="appeals-report-category-tables",
        title="Таблицы отчётов об обращениях граждан: распределение по категориям",
        description="Строки таблиц опубликованных отчётов о работе с обращениями граждан (ст. 13 Федерального "
        "закона № 59-ФЗ и № 8-ФЗ), где обращения распределены по категориям: тематикам, каналам поступления, "
        "результатам рассмотрения; количество и доля от итога. В таблицах статистики интернет-приёмной количество "
        "пусто, если число не публикуется («менее 5», «скрыто»: как на странице «Статистика обращений»).",
        subject="обращения граждан, отчёт, тематика обращений, статистика",
        fields=(
            *_report_fields(),
            Field("count", "Number of appeals", "Количество обращений", "integer", required=False),
            Field("share", "Share of the total, % (computed)", "Доля от итога, % (вычислено)", "float", False),
            Field("share_typed", "Share as printed in the source, %", "Доля в исходном документе, %", "float", False),
            Field("is_part", "Row is a part of the row above", "Строка — часть предыдущей («в том числе»)", "boolean"),
        ),
        structure_version=STRUCTURE_2026_12_04,
        rows=sources.report_category_rows,
        version=sources.reports_version,
    ),
    Dataset(
        identifier="appeals-report-comparison-tables",
        title="Таблицы отчётов об обращениях граждан: сравнение с прошлым периодом",
        description="Строки таблиц опубликованных отчётов о работе с обращениями граждан, где число обращений "
        "отчётного периода сравнивается с прошлым периодом: оба значения, разница и изменение в процентах.",
        subject="обращения граждан, отчёт, сравнение периодов, статистика",
        fields=(
            *_report_fields(),
            Field("current", "Value of the period", "Значение за отчётный период", "integer", required=False),
            Field("previous", "Value of the previous period", "Значение за прошлый период", "integer", False),
            Field("difference", "Difference (computed)", "Разница (вычислено)", "integer", required=False),
            Field("change_percent", "Change, % (computed)", "Изменение, % (вычислено)", "float", required=False),
            Field(
                "difference_typed",
                "Difference as printed in the source",
                "Разница в исходном документе",
                "integer",
                required=False,
            ),
            Field("is_part", "Row is a part of the row above", "Строка — часть предыдущей («в том числе»)", "boolean"),
        ),
        structure_version=STRUCTURE_2026_12_04,
        rows=sources.report_comparison_rows,
        version=sources.reports_version,
    ),
    Dataset(
        identifier="appeals-register-statistics-monthly",
        title="Статистика обращений граждан по месяцам",
        description="Число обращений, поступивших через интернет-приёмную, за каждый завершённый месяц с начала "
        "прошлого года: по разделам и темам классификатора, видам, способам идентификации, результатам, а также "
        "показатели сроков. Значения меньше 5 не публикуются («менее 5»), как и значения, по которым их можно "
        "вычислить («скрыто», «не публикуется»), в том числе вместе с числами за кварталы, полугодия и год "
        "на странице «Статистика обращений» и в API: решение о скрытии принимается для всего года сразу.",
        subject="обращения граждан, статистика, реестр обращений, по месяцам",
        fields=(
            Field("month", "Month (YYYY-MM)", "Месяц (ГГГГ-ММ)"),
            Field("period_start", "First day of the month", "Первый день месяца (ГГГГ-ММ-ДД)", "date"),
            Field("period_end", "Last day of the month", "Последний день месяца (ГГГГ-ММ-ДД)", "date"),
            Field("table", "Breakdown code", "Код разреза (таблицы)"),
            Field("table_title", "Breakdown title", "Название разреза (таблицы)"),
            Field("row_key", "Row code", "Код строки"),
            Field("row_label", "Row label", "Строка (показатель)"),
            Field(
                "value",
                "Value; empty when not published",
                "Значение; пусто, если не публикуется",
                "integer",
                required=False,
            ),
            Field(
                "value_text",
                "Value as published («менее 5», «скрыто»)",
                "Значение как опубликовано («менее 5», «скрыто», «не публикуется»)",
            ),
        ),
        structure_version=STRUCTURE_2026_12_04,
        rows=sources.register_statistics_rows,
        version=sources.register_statistics_version,
        provenance="Ежедневный пересчёт; цифры месяца закрепляются через 90 дней после его окончания",
    ),
    Dataset(
        identifier="reception-schedule",
        title="График личного приёма граждан должностными лицами",
        description="Ближайшие даты личного приёма граждан должностными лицами: дата, время, место, "
        "возможность записи через сайт, переносы и замены.",
        subject="личный приём граждан, график приёма, должностные лица",
        fields=(
            Field("official", "Official's full name", "Должностное лицо (Ф. И. О.)"),
            Field("position", "Position", "Должность"),
            Field("department", "Department", "Подразделение", required=False),
            Field("date", "Reception date", "Дата приёма (ГГГГ-ММ-ДД)", "date"),
            Field("time_from", "Start time", "Начало (ЧЧ:ММ)", "time"),
            Field("time_to", "End time", "Окончание (ЧЧ:ММ)", "time"),
            Field("place", "Place", "Место приёма", required=False),
            Field("address", "Address", "Адрес", required=False),
            Field("online_signup", "Sign-up on the website", "Запись через сайт", "boolean"),
            Field("moved_from", "Originally scheduled date", "Перенесён с даты (ГГГГ-ММ-ДД)", "date", False),
            Field("deputy", "Official holding the reception instead", "Приём ведёт (замещающее лицо)", required=False),
        ),
        structure_version=STRUCTURE_2026_12_04,
        rows=sources.reception_rows,
        version=sources.today,
        provenance="Ежедневный пересчёт ближайших дат по графику приёма",
    ),
    Dataset(
        identifier="thematic-events",
        title="Тематические приёмы и мероприятия",
        description="Тематические приёмы, прямые эфиры, встречи с жителями и выездные приёмы: вид, тема, дата, "
        "время, место, кто ведёт.",
        subject="тематический приём, мероприятия, встречи с жителями",
        fields=(
            Field("title", "Event title", "Название"),
            Field("kind", "Kind of event", "Вид мероприятия"),
            Field("topic", "Topic", "Тема", required=False),
            Field("date", "Date", "Дата (ГГГГ-ММ-ДД)", "date"),
            Field("time_from", "Start time", "Начало (ЧЧ:ММ)", "time"),
            Field("time_to", "End time", "Окончание (ЧЧ:ММ)", "time", required=False),
            Field("places", "Places (separated by «; »)", "Места проведения (через «; »)", required=False),
            Field("hosts", "Hosts", "Кто ведёт приём", required=False),
            Field(
                "status",
                "To be held, held, cancelled or moved",
                "Состояние: состоится, состоялось, отменено, перенесено",
            ),
            Field("previous_date", "Date announced before a move", "Прежняя дата (ГГГГ-ММ-ДД)", "date", required=False),
            Field("url", "Event page address", "Адрес страницы мероприятия"),
        ),
        structure_version=STRUCTURE_2026_12_05,
        rows=sources.event_rows,
        version=sources.events_version,
    ),
    Dataset(
        identifier="regulations",
        title="Нормативные правовые акты о работе с обращениями граждан",
        description="Перечень документов раздела «Нормативные документы»: вид, номер, дата, кем принят, статус.",
        subject="нормативные правовые акты, обращения граждан, регламент",
        fields=(
            Field("title", "Title", "Наименование"),
            Field("kind", "Kind of act", "Вид документа"),
            Field("number", "Number", "Номер", required=False),
            Field("date", "Date of the act", "Дата принятия (ГГГГ-ММ-ДД)", "date", required=False),
            Field("issuing_body", "Issuing body", "Кем принят", required=False),
            Field("status", "Status", "Статус"),
            Field("in_force_from", "In force from", "Вступил в силу (ГГГГ-ММ-ДД)", "date", required=False),
            Field("url", "Page address", "Адрес страницы документа"),
        ),
        structure_version=STRUCTURE_2026_12_04,
        rows=sources.regulation_rows,
        version=sources.regulations_version,
    ),
)

_BY_IDENTIFIER = {dataset.identifier: dataset for dataset in DATASETS}
if len(_BY_IDENTIFIER) != len(DATASETS):  # pragma: no cover - a programming error caught at import
    raise ValueError("Open data set identifiers must be unique")


def get(identifier: str) -> Dataset | None:
    return _BY_IDENTIFIER.get(identifier)


def structure_rows(dataset: Dataset) -> list[Mapping[str, str]]:
    return [
        {"field name": f.name, "english description": f.english, "russian description": f.russian, "format": f.format}
        for f in dataset.fields
    ]
