"""JSON Schemas (OpenAPI 3.1 = JSON Schema 2020-12) of everything the API returns: ``components.schemas``.

Objects are closed (``additionalProperties: false``): a field added to a
serializer without its schema fails the validation test (tests/api).
"""

from __future__ import annotations

from api.http import ERROR_CODES

STRING = {"type": "string"}
NULL_STRING = {"type": ["string", "null"]}
DATE = {"type": "string", "format": "date"}
NULL_DATE = {"type": ["string", "null"], "format": "date"}
TIME = {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"}
NULL_TIME = {"type": ["string", "null"], "pattern": "^[0-2][0-9]:[0-5][0-9]$"}
URI = {"type": "string", "format": "uri"}
NULL_URI = {"type": ["string", "null"], "format": "uri"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(name: str) -> dict:
    return {"oneOf": [ref(name), {"type": "null"}]}


def obj(properties: dict, *, description: str = "") -> dict:
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def page_of(name: str) -> dict:
    """A paginated list of ``name`` (api.params.Window.page)."""
    return obj(
        {
            "count": {"type": "integer", "minimum": 0, "description": "Сколько всего найдено."},
            "limit": {"type": "integer", "minimum": 1},
            "offset": {"type": "integer", "minimum": 0},
            "next": NULL_URI,
            "previous": NULL_URI,
            "results": {"type": "array", "items": ref(name)},
        }
    )


PERIOD = obj({"kind": {"enum": ["month", "quarter", "half", "year"]}, "label": STRING, "start": DATE, "end": DATE})
CELL = obj(
    {
        "value": {
            "type": ["integer", "null"],
            "description": "null — не публикуется («менее 5», «скрыто», «не публикуется»).",
        },
        "text": STRING,
        "mark": {
            "type": "string",
            "description": "shown — число; small — «менее 5» (от 1 до 4); hidden — «скрыто» (5 или больше, скрыто, "
            "чтобы малое число нельзя было вычислить вычитанием); withheld — «не публикуется» (без оценки).",
        },
    }
)
STAT_ROW = obj(
    {
        "key": STRING,
        "label": STRING,
        "current": ref("StatisticsCell"),
        "previous": ref("StatisticsCell"),
        "group": STRING,
    }
)
REPORT_SUMMARY = {
    "id": INTEGER,
    "title": STRING,
    "organisation": STRING,
    "period": ref("Period"),
    "url": URI,
    "api_url": URI,
}
TABLE_VALUE = {"type": ["string", "number", "integer", "boolean", "null"]}

SCHEMAS: dict[str, dict] = {
    "Error": obj(
        {
            "error": obj(
                {
                    "code": {
                        "type": "string",
                        "enum": list(ERROR_CODES),
                        "description": "Постоянный код ошибки: "
                        + "; ".join(f"{code} — {meaning}" for code, meaning in ERROR_CODES.items())
                        + ".",
                    },
                    "message": {"type": "string", "description": "По-русски."},
                    "field": NULL_STRING,
                }
            )
        }
    ),
    "Place": obj({"title": STRING, "address": STRING, "room": NULL_STRING}),
    "TopicRef": obj({"id": INTEGER, "title": STRING}),
    "Event": obj(
        {
            "id": INTEGER,
            "title": STRING,
            "kind": STRING,
            "kind_label": STRING,
            "date": DATE,
            "time_from": TIME,
            "time_to": NULL_TIME,
            "topic": nullable("TopicRef"),
            "places": {"type": "array", "items": ref("Place")},
            "hosts": NULL_STRING,
            "stream_url": NULL_URI,
            "cancelled": BOOLEAN,
            "previous_date": NULL_DATE,
            "change_note": NULL_STRING,
            "url": URI,
        }
    ),
    "Reception": obj(
        {
            "date": DATE,
            "time_from": TIME,
            "time_to": TIME,
            "place": nullable("Place"),
            "moved_from": NULL_DATE,
            "deputy": {"oneOf": [obj({"name": STRING, "position": STRING}), {"type": "null"}]},
        }
    ),
    "Official": obj(
        {
            "id": INTEGER,
            "slug": STRING,
            "name": STRING,
            "position": STRING,
            "department": NULL_STRING,
            "online_signup": {"type": "boolean"},
            "next_receptions": {"type": "array", "items": ref("Reception")},
        }
    ),
    "ActRef": obj({"id": INTEGER, "title": STRING, "url": URI}),
    "Regulation": obj(
        {
            "id": INTEGER,
            "title": STRING,
            "full_name": STRING,
            "kind": STRING,
            "kind_label": STRING,
            "number": NULL_STRING,
            "date": DATE,
            "issuing_body": STRING,
            "status": {"enum": ["in_force", "amended", "repealed"]},
            "status_label": STRING,
            "in_force_from": NULL_DATE,
            "replaced_by": nullable("ActRef"),
            "url": URI,
        }
    ),
    "Period": PERIOD,
    "ReportSummary": obj(REPORT_SUMMARY),
    "Report": obj({**REPORT_SUMMARY, "tables": {"type": "array", "items": ref("ReportTable")}}),
    "ReportTable": obj(
        {
            "slug": STRING,
            "kind": STRING,
            "report": STRING,
            "table": STRING,
            "period": obj({"label": STRING, "start": DATE, "end": DATE}),
            "source": STRING,
            "url": STRING,
            "columns": {"type": "array", "items": obj({"key": STRING, "title": STRING, "kind": STRING})},
            "rows": {"type": "array", "items": {"type": "object", "additionalProperties": TABLE_VALUE}},
            "total": {"type": ["object", "null"], "additionalProperties": TABLE_VALUE},
            "typed_total": {"type": ["object", "null"], "additionalProperties": TABLE_VALUE},
        },
        description="Таблица отчёта в формате открытых данных (как файл JSON на странице отчёта).",
    ),
    "StatisticsCell": CELL,
    "StatisticsRow": STAT_ROW,
    "StatisticsTable": obj(
        {
            "key": STRING,
            "title": STRING,
            "rows": {"type": "array", "items": ref("StatisticsRow")},
            "total": ref("StatisticsRow"),
        }
    ),
    "Statistics": obj(
        {
            "period": obj({"kind": {"enum": ["month", "quarter", "half", "year"]}, "label": STRING}),
            "start": DATE,
            "end": DATE,
            "previous_start": DATE,
            "previous_end": DATE,
            "tables": {"type": "array", "items": ref("StatisticsTable")},
            "indicators": {"type": "array", "items": ref("StatisticsRow")},
            "frozen_at": {"type": ["string", "null"], "format": "date-time"},
            "computed_at": {"type": ["string", "null"], "format": "date-time"},
            "complete": {"type": "boolean"},
        }
    ),
    "Service": obj(
        {
            "service_code": STRING,
            "service_name": STRING,
            "description": STRING,
            "metadata": {"type": "boolean"},
            "type": {"enum": ["realtime", "batch", "blackbox"]},
            "keywords": STRING,
            "group": NULL_STRING,
            "classifier_code": {"type": "string", "pattern": r"^\d{4}\.\d{4}\.\d{4}\.\d{4}$"},
            "classifier_section": NULL_STRING,
        },
        description="Услуга Open311 GeoReport v2 (тема обращения) с кодом тематического классификатора.",
    ),
    "ServiceDefinition": obj({"service_code": STRING, "attributes": {"type": "array", "maxItems": 0}}),
    "OpenAPI": {"type": "object", "required": ["openapi", "info", "paths"]},
}
