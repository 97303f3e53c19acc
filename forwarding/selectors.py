"""Reads of forwarding: the failed deliveries listing, counts, an appeal's deliveries."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from forwarding.models import Delivery


@dataclass(frozen=True)
class Counts:
    waiting: int  # pending, not yet tried
    retrying: int  # pending after a failed attempt
    failed: int
    accepted_today: int


def failed_deliveries() -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(state=Delivery.State.FAILED)
        .select_related("message__appeal")
        .order_by("-failed_at", "-id")
    )


def counts(*, now: datetime | None = None) -> Counts:
    now = now or timezone.now()
    pending = Q(state=Delivery.State.PENDING)
    row = Delivery.objects.aggregate(
        waiting=Count("id", filter=pending & Q(attempts=0)),
        retrying=Count("id", filter=pending & Q(attempts__gt=0)),
        failed=Count("id", filter=Q(state=Delivery.State.FAILED)),
        accepted_today=Count("id", filter=Q(state=Delivery.State.ACCEPTED, accepted_at__gte=now - timedelta(days=1))),
    )
    return Counts(**row)


def deliveries_of(appeal) -> QuerySet[Delivery]:
    """Every delivery of an appeal's outbox messages, oldest first (for the appeal's detail view)."""
    return Delivery.objects.filter(message__appeal=appeal).order_by("created_at", "id")
