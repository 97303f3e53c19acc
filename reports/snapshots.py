"""Freezing the register statistics of a report when it is published.

``freeze_register_statistics`` runs from the ``page_published`` signal (so it
covers publishing from the editor, scheduled publishing and code): for every
register statistics block of the published content it stores the register's
counts for the report's period, keyed by page and block id, and drops the
snapshots of blocks no longer there. Between two publications nothing changes
the published page; publishing a new revision computes the counts afresh.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from appeals_form.statistics import register_statistics
from reports.models import RegisterSnapshot, ReportPage


def freeze_register_statistics(*, page: ReportPage, revision=None) -> int:
    """Store the current counts of each register block of ``page``'s published content; return how many."""
    period = page.period
    blocks = [child for child in page.body or [] if child.block_type == "register_statistics"]
    with transaction.atomic():
        RegisterSnapshot.objects.filter(page_id=page.pk).exclude(block_id__in=[child.id for child in blocks]).delete()
        if not blocks or period is None:
            return 0
        data = register_statistics(start=period.start, end=period.end).as_dict()
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


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    if isinstance(instance, ReportPage):
        freeze_register_statistics(page=instance, revision=revision)
