"""Start forwarding when an outbox message is committed.

The outbox message is written in the registration transaction; its delivery
is enqueued only once that transaction has committed. If enqueuing fails (or
the process dies in between), the periodic sweep finds the message later.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from appeals_form.models import OutboxMessage
from forwarding import services


@receiver(post_save, sender=OutboxMessage, dispatch_uid="forwarding.outbox_created")
def outbox_message_created(sender, instance: OutboxMessage, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        transaction.on_commit(partial(services.enqueue_message, instance.pk), robust=True)
