"""Reads of the open data: the catalogue page, the data sets with their versions, the passport's properties."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from opendata import files, registry
from opendata.models import DatasetVersion, OpenDataCatalogPage


def catalogue_page() -> OpenDataCatalogPage | None:
    """The catalogue page on the site (there is at most one); None: open data is not published."""
    return OpenDataCatalogPage.objects.on_site().first()


def full_identifier(page: OpenDataCatalogPage, dataset: registry.Dataset) -> str:
    return f"{page.publisher_inn}-{dataset.identifier}"


def find_dataset(page: OpenDataCatalogPage, identifier: str) -> registry.Dataset | None:
    prefix = f"{page.publisher_inn}-"
    if not identifier.startswith(prefix):
        return None
    return registry.get(identifier.removeprefix(prefix))


def stored_versions(dataset: registry.Dataset) -> list[tuple[date, date]]:
    """(version, structure) of the stored versions, newest first."""
    return list(
        DatasetVersion.objects.filter(identifier=dataset.identifier)
        .order_by("-version")
        .values_list("version", "structure")
    )


def stored_version(dataset: registry.Dataset, version: date) -> DatasetVersion | None:
    return DatasetVersion.objects.filter(identifier=dataset.identifier, version=version).first()


def stored_structure(dataset: registry.Dataset, structure: date) -> str | None:
    """The text of an older structure file, as stored with the data versions that used it."""
    return (
        DatasetVersion.objects.filter(identifier=dataset.identifier, structure=structure)
        .values_list("structure_content", flat=True)
        .first()
    )


@dataclass(frozen=True)
class Entry:
    dataset: registry.Dataset
    identifier: str
    version: date
    meta_url: str
    structure_url: str
    data_url: str
    older: tuple[tuple[date, str], ...]  # (version, data url) of the earlier versions


def file_url(identifier: str, name: str) -> str:
    return reverse("opendata:file", kwargs={"identifier": identifier, "name": f"{name}.csv"})


def versions(
    dataset: registry.Dataset, *, stored: list[tuple[date, date]] | None = None, current: date | None = None
) -> tuple[date, list[tuple[date, date]]]:
    """The current version date and every version as (version, structure), newest first."""
    current = current or dataset.version()
    stored = stored_versions(dataset) if stored is None else stored
    listed = [(current, dataset.structure_version), *(item for item in stored if item[0] != current)]
    listed.sort(reverse=True)
    return current, listed


def entry(page: OpenDataCatalogPage, dataset: registry.Dataset, **known) -> Entry:
    identifier = full_identifier(page, dataset)
    current, listed = versions(dataset, **known)
    return Entry(
        dataset=dataset,
        identifier=identifier,
        version=current,
        meta_url=file_url(identifier, "meta"),
        structure_url=file_url(identifier, files.structure_name(dataset.structure_version)),
        data_url=file_url(identifier, files.data_name(current, dataset.structure_version)),
        older=tuple(
            (version, file_url(identifier, files.data_name(version, structure)))
            for version, structure in listed
            if version != current
        ),
    )


def catalogue_entries(page: OpenDataCatalogPage) -> list[Entry]:
    """Every data set with its versions: one query for the stored versions, one per distinct version function."""
    stored: dict[str, list[tuple[date, date]]] = {dataset.identifier: [] for dataset in registry.DATASETS}
    rows = DatasetVersion.objects.order_by("identifier", "-version").values_list("identifier", "version", "structure")
    for identifier, version, structure in rows:
        if identifier in stored:
            stored[identifier].append((version, structure))
    dates: dict[object, date] = {}
    entries = []
    for dataset in registry.DATASETS:
        if dataset.version not in dates:
            dates[dataset.version] = dataset.version()
        entries.append(entry(page, dataset, stored=stored[dataset.identifier], current=dates[dataset.version]))
    return entries
