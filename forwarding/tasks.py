"""Background jobs of forwarding (django-tasks; ``manage.py db_worker`` runs them, never a request)."""

from django_tasks import task

from forwarding import services


@task()
def forward_message(message_id: int) -> list[str | None]:
    """Create a message's deliveries and try each once (tasks enqueued before the deliveries were
    written with the registration; new messages get one ``deliver`` task per delivery)."""
    return services.forward_message(message_id=message_id)


@task()
def deliver(delivery_id: int) -> str | None:
    """One attempt of a delivery, if it is due and no other worker holds it."""
    return services.attempt_delivery(delivery_id=delivery_id)


@task()
def sweep() -> dict:
    """Periodic (forwarding/jobs.py): re-enqueue due retries, expired leases and missing deliveries."""
    result = services.sweep()
    return {"created": result.created, "enqueued": result.enqueued}
