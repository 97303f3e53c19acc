"""Freezing the register figures of a report when it is published.

``freeze_register_statistics`` runs from the ``page_published`` signal (so it
covers publishing from the editor, scheduled publishing and code): for every
register statistics block of the published content it stores the figures the
block publishes for the report's period (``reports.register_figures``: the
cells «Статистика обращений» publishes for that period, decided with the rest
of its calendar year, or the plain statement that the period is not published
yet), keyed by page and block id, and drops the snapshots of blocks no longer
there. Between two publications nothing changes the published page;
publishing a new revision takes the figures afresh.

``frozen_figures`` reads them for the live page; a block of a live page with
no snapshot in the current format (published before the figures followed the
year's decisions: migration 0006 dropped those) is frozen again on first read.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from reports.models import RegisterSnapshot, ReportPage
from reports.register_figures import RegisterFigures, register_figures

REGISTER = "register_statistics"


def _register_blocks(page) -> list:
    return [child for child in page.body or [] if child.block_type == REGISTER]


def freeze_register_statistics(*, page: ReportPage, revision=None) -> int:
    """Store the figures of each register block of ``page``'s published content; return how many."""
    period = page.period
    blocks = _register_blocks(page)
    with transaction.atomic():
        RegisterSnapshot.objects.filter(page_id=page.pk).exclude(block_id__in=[child.id for child in blocks]).delete()
        if not blocks or period is None:
            return 0
        data = register_figures(start=period.start, end=period.end).as_dict()
        now = timezone.now()
        for child in blocks:
            RegisterSnapshot.objects.update_or_create(
                page_id=page.pk,
                block_id=child.id,
                defaults={
                    "revision": revision,
                    "period_start": period.start,
                    "period_end": period.end,
                    "data": data,
                    "computed_at": now,
                },
            )
    return len(blocks)


def frozen_figures(page) -> dict[str, tuple[RegisterFigures, datetime]]:
    """The frozen figures of the live page's register blocks, by block id (freezing those missing once)."""
    found = _read(page)
    if page.live and page.period is not None and any(child.id not in found for child in _register_blocks(page)):
        with suppress(IntegrityError):  # frozen meanwhile by another request
            freeze_register_statistics(page=page, revision=page.live_revision)
        found = _read(page)
    return found


def _read(page) -> dict[str, tuple[RegisterFigures, datetime]]:
    found = {}
    for snapshot in RegisterSnapshot.objects.filter(page_id=page.pk).only("block_id", "data", "computed_at"):
        figures = RegisterFigures.from_dict(snapshot.data)
        if figures is not None:
            found[snapshot.block_id] = (figures, snapshot.computed_at)
    return found


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    if isinstance(instance, ReportPage):
        freeze_register_statistics(page=instance, revision=revision)
