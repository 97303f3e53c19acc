"""Writes of the open data: the current data file of a set, kept as its version's snapshot."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from opendata import files, registry
from opendata.models import DatasetVersion


def current_data(*, dataset: registry.Dataset) -> tuple[date, bytes]:
    """The data set's current version date and data file; the file is stored as that version's snapshot."""
    version = dataset.version()
    content = files.data_csv(dataset, dataset.rows())
    text = content.decode("utf-8")
    structure = files.structure_csv(dataset).decode("utf-8")
    updated = DatasetVersion.objects.filter(identifier=dataset.identifier, version=version).exclude(
        content=text, structure=dataset.structure_version
    )
    if not updated.update(content=text, structure=dataset.structure_version, structure_content=structure):
        try:
            with transaction.atomic():
                DatasetVersion.objects.get_or_create(
                    identifier=dataset.identifier,
                    version=version,
                    defaults={
                        "structure": dataset.structure_version,
                        "content": text,
                        "structure_content": structure,
                    },
                )
        except IntegrityError:  # stored meanwhile by another request
            pass
    return version, content
