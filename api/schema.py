"""The one registry of the API: each endpoint's route, view, parameters and response schema.

``api.urls`` routes from it, ``openapi_document`` describes it (OpenAPI 3.1),
the documentation page lists it, and tests/api validates every endpoint's
responses against what it declares.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings

from api import views
from api.schemas import SCHEMAS, page_of, ref

VERSION = "1.0.0"
PREFIX = "/api/"


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    schema: dict
    location: str = "query"
    required: bool = False

    def as_openapi(self) -> dict:
        return {
            "name": self.name,
            "in": self.location,
            "required": self.required or self.location == "path",
            "description": self.description,
            "schema": self.schema,
        }


@dataclass(frozen=True)
class Endpoint:
    name: str  # URL name in the "api" namespace
    route: str  # Django route under /api/
    view: Callable
    summary: str  # Russian, for the documentation page
    response: dict  # JSON Schema of a 200 body
    params: tuple[Param, ...] = ()
    example: str = ""  # a path (with query) under /api/ for the documentation page
    not_found: bool = False  # may answer 404 (an unknown id)
    tags: tuple[str, ...] = field(default=("data",))

    @property
    def path(self) -> str:
        """The OpenAPI path template: <int:report_id> becomes {report_id}."""
        return PREFIX + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", self.route)


def _limit() -> Param:
    return Param(
        "limit",
        f"Сколько записей на странице (по умолчанию {settings.API_PAGE_SIZE}, не больше {settings.API_PAGE_SIZE_MAX}).",
        {"type": "integer", "minimum": 1, "maximum": settings.API_PAGE_SIZE_MAX},
    )


OFFSET = Param("offset", "Сколько записей пропустить от начала.", {"type": "integer", "minimum": 0})
DATE = {"type": "string", "format": "date"}


def endpoints() -> tuple[Endpoint, ...]:
    """Every endpoint, in the order the documentation lists them."""
    return (*_list_endpoints(_limit()), *_single_endpoints(), *_open311_and_meta_endpoints())


def _list_endpoints(limit: Param) -> tuple[Endpoint, ...]:
    return (
        Endpoint(
            "events",
            "v1/events/",
            views.events,
            "Мероприятия и тематические приёмы, по дате и времени начала",
            page_of("Event"),
            (
                Param("date_from", "Не раньше этой даты (ГГГГ-ММ-ДД).", DATE),
                Param("date_to", "Не позже этой даты (ГГГГ-ММ-ДД).", DATE),
                Param("topic", "Идентификатор темы мероприятия (topic.id).", {"type": "integer", "minimum": 1}),
                Param("kind", "Вид мероприятия.", {"enum": list(views.EVENT_KINDS)}),
                limit,
                OFFSET,
            ),
            "v1/events/?date_from=2026-01-01&limit=10",
        ),
        Endpoint(
            "officials",
            "v1/officials/",
            views.officials,
            "Должностные лица, ведущие личный приём, и ближайшие даты приёма",
            page_of("Official"),
            (
                Param("department", "Подразделение (точное название, как в графике приёма).", {"type": "string"}),
                limit,
                OFFSET,
            ),
            "v1/officials/",
        ),
        Endpoint(
            "regulations",
            "v1/regulations/",
            views.regulations,
            "Нормативные акты с теми же отборами, что и на странице списка",
            page_of("Regulation"),
            (
                Param(
                    "q", "Слова из названия, номера или органа, принявшего акт.", {"type": "string", "maxLength": 200}
                ),
                Param("kind", "Вид документа.", {"enum": list(views.ACT_KINDS)}),
                Param("status", "Статус: current — все действующие.", {"enum": list(views.ACT_STATUSES)}),
                Param("year", "Год принятия.", {"type": "integer", "minimum": 1900, "maximum": 2100}),
                Param("sort", "Порядок: new — сначала новые, old — сначала старые.", {"enum": list(views.ACT_ORDERS)}),
                limit,
                OFFSET,
            ),
            "v1/regulations/?status=current",
        ),
        Endpoint(
            "reports",
            "v1/reports/",
            views.reports,
            "Опубликованные отчёты о работе с обращениями, сначала за последний период",
            page_of("ReportSummary"),
            (limit, OFFSET),
            "v1/reports/",
        ),
    )


def _single_endpoints() -> tuple[Endpoint, ...]:
    return (
        Endpoint(
            "report",
            "v1/reports/<int:report_id>/",
            views.report,
            "Отчёт и все его таблицы с вычисленными итогами (как файлы открытых данных)",
            ref("Report"),
            (Param("report_id", "Идентификатор отчёта (id из списка отчётов).", {"type": "integer"}, "path"),),
            not_found=True,
        ),
        Endpoint(
            "statistics",
            "v1/statistics/",
            views.statistics,
            "Статистика обращений из реестра за месяц, квартал, полугодие или год (малые значения скрыты)",
            ref("Statistics"),
            (
                Param("start", "Первый день месяца, квартала, полугодия или года.", DATE, required=True),
                Param("end", "Последний день того же периода.", DATE, required=True),
            ),
            "v1/statistics/?start=2025-01-01&end=2025-03-31",
        ),
    )


def _open311_and_meta_endpoints() -> tuple[Endpoint, ...]:
    return (
        Endpoint(
            "services",
            "v1/services.json",
            views.services,
            "Open311 GeoReport v2: темы, по которым можно написать обращение, с кодами классификатора",
            {"type": "array", "items": ref("Service")},
            (
                Param(
                    "jurisdiction_id",
                    "GeoReport v2: принимается и не учитывается (одна юрисдикция).",
                    {"type": "string"},
                ),
            ),
            "v1/services.json",
            tags=("open311",),
        ),
        Endpoint(
            "service",
            "v1/services/<str:service_code>.json",
            views.service,
            "Open311 GeoReport v2: описание услуги (дополнительных полей нет)",
            ref("ServiceDefinition"),
            (
                Param("service_code", "service_code из списка услуг.", {"type": "string"}, "path"),
                Param("jurisdiction_id", "GeoReport v2: принимается и не учитывается.", {"type": "string"}),
            ),
            not_found=True,
            tags=("open311",),
        ),
        Endpoint(
            "openapi",
            "v1/openapi.json",
            views.openapi,
            "Это описание API в формате OpenAPI 3.1",
            ref("OpenAPI"),
            (),
            "v1/openapi.json",
            tags=("meta",),
        ),
    )


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ref("Error")}}}


def _operation(endpoint: Endpoint) -> dict:
    responses = {
        "200": {
            "description": "Успешно.",
            "headers": {"ETag": {"description": "Версия ответа для If-None-Match.", "schema": {"type": "string"}}},
            "content": {"application/json": {"schema": endpoint.response}},
        },
        "304": {"description": "Не изменилось с версии из If-None-Match (тело пустое)."},
        "400": _error("Неверный параметр: сообщение по-русски и имя параметра в error.field."),
        "429": {
            **_error("Слишком много запросов с одного адреса; повторите через Retry-After секунд."),
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
        },
    }
    if endpoint.not_found:
        responses["404"] = _error("Нет такой записи.")
    return {
        "operationId": endpoint.name,
        "summary": endpoint.summary,
        "tags": list(endpoint.tags),
        "parameters": [param.as_openapi() for param in endpoint.params],
        "responses": responses,
    }


def openapi_document(request) -> dict:
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Открытый API отдела по работе с обращениями граждан",
            "version": VERSION,
            "description": "Только чтение, JSON в UTF-8, без персональных данных. Документация: "
            + request.build_absolute_uri(PREFIX),
            "license": {"name": "Открытые данные", "identifier": "CC-BY-4.0"},
        },
        "servers": [{"url": request.build_absolute_uri("/")}],
        "tags": [
            {"name": "data", "description": "Данные портала"},
            {"name": "open311", "description": "Open311 GeoReport v2 (только список услуг)"},
            {"name": "meta", "description": "Описание API"},
        ],
        "paths": {endpoint.path: {"get": _operation(endpoint)} for endpoint in endpoints()},
        "components": {"schemas": SCHEMAS},
    }
