"""Writes of the open data: the current data file of a set and its version, kept as that version's snapshot.

The one decision on versions: a set's version date moves when, and only when, its data file changes. The file is
compared with the newest stored version; unchanged, it keeps that version's date. Changed, it takes the source's
date (``Dataset.version``: the last publication, the day computed) — or today when that date is not later than
the newest stored version (a page unpublished, figures recomputed: the data changed without the source's date
moving). A past version's file is never rewritten.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from opendata import files, registry, sources
from opendata.models import DatasetVersion


def current_data(*, dataset: registry.Dataset) -> tuple[date, bytes]:
    """The data set's current version date and data file; the file is stored as that version's snapshot."""
    content = files.data_csv(dataset, dataset.rows())
    text = content.decode("utf-8")
    latest = DatasetVersion.objects.filter(identifier=dataset.identifier).order_by("-version").first()
    if latest is not None and latest.content == text and latest.structure == dataset.structure_version:
        return latest.version, content
    version = dataset.version()
    if latest is not None and version <= latest.version:
        version = max(sources.today(), latest.version)
    _store(dataset, version, text)
    return version, content


def current_versions() -> dict[str, date]:
    """The current version date of every registered set (identifier → date), for the catalogue page."""
    return {dataset.identifier: current_data(dataset=dataset)[0] for dataset in registry.DATASETS}


def _store(dataset: registry.Dataset, version: date, text: str) -> None:
    structure = files.structure_csv(dataset).decode("utf-8")
    updated = DatasetVersion.objects.filter(identifier=dataset.identifier, version=version).update(
        content=text, structure=dataset.structure_version, structure_content=structure
    )
    if updated:
        return
    try:
        with transaction.atomic():
            DatasetVersion.objects.get_or_create(
                identifier=dataset.identifier,
                version=version,
                defaults={"structure": dataset.structure_version, "content": text, "structure_content": structure},
            )
    except IntegrityError:  # stored meanwhile by another request
        pass
