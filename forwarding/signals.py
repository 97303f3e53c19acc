"""Write the outbox message when an appeal is registered; start forwarding once it is committed.

The outbox message is written in the registration transaction (the
``appeal_registered`` signal is sent inside it); its delivery
is enqueued only once that transaction has committed. If enqueuing fails (or
the process dies in between), the periodic sweep finds the message later.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from appeals_form.signals import appeal_registered
from forwarding import services
from forwarding.models import OutboxMessage


@receiver(appeal_registered, dispatch_uid="forwarding.appeal_registered")
def write_outbox_message(sender, appeal, at, **kwargs) -> None:
    """The registration's outbox message, in the registration's own transaction."""
    OutboxMessage.objects.create(appeal=appeal, event=OutboxMessage.EVENT_APPEAL_REGISTERED, created_at=at)


@receiver(post_save, sender=OutboxMessage, dispatch_uid="forwarding.outbox_created")
def outbox_message_created(sender, instance: OutboxMessage, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        transaction.on_commit(partial(services.enqueue_message, instance.pk), robust=True)
