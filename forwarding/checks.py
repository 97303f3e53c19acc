"""``manage.py check`` reports a wrong forwarding configuration before anything is sent."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

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
    # takes the delivery while the first is still sending it. Each destination
    # declares its own timeout (its option, or its type's default).
    try:
        configured = destinations.configured()
    except ImproperlyConfigured:
        return []  # reported by check_destinations
    longest = max((destination.timeout for destination in configured), default=0)
    lease = settings.FORWARDING_LEASE_SECONDS
    if lease < 3 * longest:
        return [
            checks.Warning(
                f"FORWARDING_LEASE_SECONDS ({lease}) is less than three times the "
                f"longest network timeout ({longest:g} s).",
                hint="Raise the lease or lower the timeouts, so that a slow attempt keeps its delivery.",
                id="forwarding.W001",
            )
        ]
    return []
