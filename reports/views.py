"""Downloads of the report tables: ``<report url>tables/<table slug>/<csv|xlsx|json>/``."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from reports import exports, opendata

WRITERS = {"csv": opendata.to_csv, "xlsx": opendata.to_xlsx, "json": opendata.to_json}


def table_export(page, request, *, table_slug: str, fmt: str) -> HttpResponse:
    writer = WRITERS.get(fmt)
    if writer is None:
        raise Http404("Неизвестный формат файла.")
    export = exports.find_export(page, table_slug)
    if export is None:
        raise Http404("В отчёте нет такой таблицы.")
    response = HttpResponse(writer(export), content_type=opendata.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = opendata.content_disposition(f"{page.slug}-{table_slug}", fmt)
    response["X-Content-Type-Options"] = "nosniff"
    return response
