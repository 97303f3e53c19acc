"""What the appeals app tells other apps, without importing them (imports flow one way).

``appeal_registered`` is sent INSIDE the registration transaction, with
``appeal`` and ``at``: a receiver that writes rows (forwarding's outbox) writes
them atomically with the appeal, and a receiver that fails rolls the
registration back, so nothing is half-registered.
"""

from django.dispatch import Signal

appeal_registered = Signal()
