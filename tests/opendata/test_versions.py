"""A set's version moves when, and only when, its data file changes; a past version's file is never rewritten.

A harvester compares ``modified`` in the passport (and the data file's address) with what it took last time: the
same date must mean the same file, a changed file must come under a new, later date, and the file it took stays
as it was at its own address.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from opendata import registry
from opendata.demo import DEMO_INN
from opendata.models import DatasetVersion
from regulations.models import RegulationPage
from tests.opendata.test_files import local, meta

pytestmark = pytest.mark.django_db


def _current(client, dataset) -> tuple[str, bytes]:
    passport = meta(client, f"{DEMO_INN}-{dataset.identifier}")
    name = f"data-{passport['modified']}-structure-{dataset.structure_version:%Y%m%d}"
    assert name in passport, passport
    response = client.get(local(passport[name]))
    assert response.status_code == 200
    return passport["modified"], response.content


def _served_days_ago(dataset, days: int, *, content: str | None = None):
    """As if the file had been taken ``days`` ago (with ``content``: the data changed since)."""
    day = timezone.localdate() - timedelta(days=days)
    changes = {"version": day} if content is None else {"version": day, "content": content}
    DatasetVersion.objects.filter(identifier=dataset.identifier).update(**changes)
    return day


@pytest.mark.parametrize("dataset", registry.DATASETS, ids=lambda dataset: dataset.identifier)
def test_an_unchanged_file_keeps_its_version_and_a_changed_one_gets_a_new_one(client, demo_site, dataset):
    version, content = _current(client, dataset)
    assert _current(client, dataset) == (version, content)  # asked again: the same
    day = _served_days_ago(dataset, 10)
    assert _current(client, dataset) == (f"{day:%Y%m%d}", content)  # a later day, the same data: the same version

    _served_days_ago(dataset, 10, content="as it was ten days ago\r\n")
    newer, again = _current(client, dataset)
    assert newer > f"{day:%Y%m%d}" and again == content
    old = client.get(
        f"/opendata/{DEMO_INN}-{dataset.identifier}/data-{day:%Y%m%d}-structure-{dataset.structure_version:%Y%m%d}.csv"
    )
    assert old.status_code == 200 and old.content == b"as it was ten days ago\r\n"  # never rewritten
    catalogue = client.get("/opendata/").content.decode()
    assert f"data-{newer}-structure-{dataset.structure_version:%Y%m%d}.csv" in catalogue


def test_an_unpublished_act_gives_the_regulations_a_new_version(client, demo_site):
    dataset = registry.get("regulations")
    RegulationPage.objects.update(last_published_at=timezone.now() - timedelta(days=30))  # acts published long ago
    version, content = _current(client, dataset)
    day = timezone.localdate() - timedelta(days=30)
    assert version == f"{day:%Y%m%d}"
    act = RegulationPage.objects.live().order_by("pk").last()
    act.unpublish()  # its last_published_at stays: the source's date does not move
    newer, changed = _current(client, dataset)
    assert newer == f"{timezone.localdate():%Y%m%d}" and newer > f"{day:%Y%m%d}"
    assert act.title.encode() in content and act.title.encode() not in changed
    old = client.get(
        f"/opendata/{DEMO_INN}-regulations/data-{day:%Y%m%d}-structure-{dataset.structure_version:%Y%m%d}.csv"
    )
    assert old.content == content
