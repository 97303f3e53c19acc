"""Write the outbox message and its deliveries when an appeal is registered; send once committed.

The outbox message and one delivery per configured destination are written in
the registration transaction (the ``appeal_registered`` signal is sent inside
it), so the queue never holds a message whose deliveries do not exist yet; one
delivery task each is enqueued only once that transaction has committed. If
enqueuing fails (or the process dies in between), the periodic sweep finds the
deliveries later.
"""

from functools import partial

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.dispatch import receiver

from appeals_form.signals import appeal_registered
from forwarding import services
from forwarding.models import Delivery, OutboxMessage


@receiver(appeal_registered, dispatch_uid="forwarding.appeal_registered")
def write_outbox_message(sender, appeal, at, **kwargs) -> None:
    """The registration's outbox message and deliveries, in the registration's own transaction."""
    message = OutboxMessage.objects.create(appeal=appeal, event=OutboxMessage.EVENT_APPEAL_REGISTERED, created_at=at)
    try:
        deliveries = services.ensure_deliveries(message=message, now=at)
    except ImproperlyConfigured:
        # A wrong destination list must not refuse the appeal: it waits in the
        # outbox, `manage.py check` and the admin say what is wrong, and the
        # sweep creates the deliveries once it is fixed.
        return
    pending = [delivery.pk for delivery in deliveries if delivery.state == Delivery.State.PENDING]
    if pending:  # no destination configured: nothing to send
        transaction.on_commit(partial(services.enqueue_deliveries, pending), robust=True)
