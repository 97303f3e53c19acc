"""``manage.py check`` reports a wrong forwarding configuration before anything is sent."""

from django.conf import settings
from django.core import checks

from forwarding import destinations


@checks.register()
def check_destinations(app_configs=None, **kwargs):
    return [
        checks.Error(message, hint="See portal/settings/forwarding.py.", id="forwarding.E001")
        for message in destinations.config_errors()
    ]


@checks.register()
def check_lease(app_configs=None, **kwargs):
    # A worker must finish an attempt well within its lease, or another worker
    # takes the delivery while the first is still sending it.
    longest = max(
        settings.FORWARDING_WEBHOOK_TIMEOUT_SECONDS,
        settings.FORWARDING_AMQP_TIMEOUT_SECONDS,
        getattr(settings, "EMAIL_TIMEOUT", None) or 0,
    )
    lease = settings.FORWARDING_LEASE_SECONDS
    if lease < 3 * longest:
        return [
            checks.Warning(
                f"FORWARDING_LEASE_SECONDS ({lease}) is less than three times the "
                f"longest network timeout ({longest} s).",
                hint="Raise the lease or lower the timeouts, so that a slow attempt keeps its delivery.",
                id="forwarding.W001",
            )
        ]
    return []
