"""The open data files: /opendata/list.csv and /opendata/<ИНН-code>/<meta|structure-…|data-…>.csv.

Public, cacheable (the page cache stores them like pages; Cache-Control, ETag and Last-Modified let clients
and proxies revalidate). Nothing is served while no live catalogue page is published.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, time

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from home.models import DepartmentSettings
from opendata import files, registry, selectors, services

_DATA_RE = re.compile(r"data-(?P<version>[0-9]{8})-structure-(?P<structure>[0-9]{8})")
_STRUCTURE_RE = re.compile(r"structure-(?P<structure>[0-9]{8})")


def _date(stamp: str) -> date:
    try:
        return datetime.strptime(stamp, "%Y%m%d").date()
    except ValueError:
        raise Http404("Нет такой версии набора данных.") from None


def _page():
    page = selectors.catalogue_page()
    if page is None:
        raise Http404("Открытые данные не опубликованы.")
    return page


def _csv(request, content: bytes, *, filename: str, modified: date | None = None) -> HttpResponse:
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    last_modified = None
    if modified is not None:
        last_modified = int(timezone.make_aware(datetime.combine(modified, time.min)).timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(content, content_type=files.CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=getattr(settings, "PAGE_CACHE_SECONDS", 300))
    return response


def list_csv(request):
    page = _page()
    entries = []
    for dataset in registry.DATASETS:
        identifier = selectors.full_identifier(page, dataset)
        meta = request.build_absolute_uri(selectors.file_url(identifier, "meta"))
        entries.append((identifier, dataset.title, meta, "csv"))
    return _csv(request, files.list_csv(entries), filename="list.csv")


def _publisher(request) -> tuple[str, str, str, str]:
    contacts = DepartmentSettings.for_request(request)
    name = contacts.responsible_official or contacts.department_name or contacts.organisation_name
    phone = contacts.reference_phone or contacts.phone
    return contacts.organisation_name, name, phone, contacts.email


def meta_csv(request, page, dataset: registry.Dataset) -> HttpResponse:
    identifier = selectors.full_identifier(page, dataset)
    current, listed = selectors.versions(dataset)
    creator, publisher, phone, mbox = _publisher(request)
    created = min(version for version, _ in listed)
    properties = [
        ("standardversion", files.STANDARD_VERSION),
        ("identifier", identifier),
        ("title", dataset.title),
        ("description", dataset.description),
        ("creator", creator),
        ("created", files.stamp(created)),
        ("modified", files.stamp(current)),
        ("subject", dataset.subject),
        ("format", "csv"),
    ]
    for version, structure in listed:
        name = files.data_name(version, structure)
        properties.append((name, request.build_absolute_uri(selectors.file_url(identifier, name))))
    for structure in sorted({structure for _, structure in listed}, reverse=True):
        name = files.structure_name(structure)
        properties.append((name, request.build_absolute_uri(selectors.file_url(identifier, name))))
    properties += [
        ("provenance", dataset.provenance),
        ("valid", files.stamp(current)),
        ("publishername", publisher),
        ("publisherphone", phone),
        ("publishermbox", mbox),
    ]
    return _csv(request, files.meta_csv(properties), filename=f"{identifier}-meta.csv", modified=current)


def dataset_page(request, identifier: str):
    """A data set's folder: its description on the catalogue page."""
    page = _page()
    if selectors.find_dataset(page, identifier) is None:
        raise Http404("Нет такого набора данных.")
    return HttpResponseRedirect(f"{page.url}#{identifier}")


def dataset_file(request, identifier: str, name: str):
    page = _page()
    dataset = selectors.find_dataset(page, identifier)
    if dataset is None:
        raise Http404("Нет такого набора данных.")
    stem = name.removesuffix(".csv")
    filename = f"{identifier}-{stem}.csv"
    if stem == "meta":
        return meta_csv(request, page, dataset)
    if match := _STRUCTURE_RE.fullmatch(stem):
        structure = _date(match["structure"])
        if structure == dataset.structure_version:
            return _csv(request, files.structure_csv(dataset), filename=filename, modified=structure)
        stored = selectors.stored_structure(dataset, structure)
        if stored is None:
            raise Http404("Нет такой версии структуры.")
        return _csv(request, stored.encode("utf-8"), filename=filename, modified=structure)
    if match := _DATA_RE.fullmatch(stem):
        version, structure = _date(match["version"]), _date(match["structure"])
        if version == dataset.version() and structure == dataset.structure_version:
            _, content = services.current_data(dataset=dataset)
            return _csv(request, content, filename=filename, modified=version)
        stored = selectors.stored_version(dataset, version)
        if stored is None or stored.structure != structure:
            raise Http404("Нет такой версии набора данных.")
        return _csv(request, stored.content.encode("utf-8"), filename=filename, modified=version)
    raise Http404("Нет такого файла набора данных.")
