"""Destinations of forwarded appeals, configured in ``settings.FORWARDING_DESTINATIONS``.

Each item is a dict with ``name`` (unique, stable: it is part of the
idempotency key), ``type`` ("email", "webhook" or "amqp"), optionally
``role`` ("record", the default, or "notify": see ``Destination``),
``schema_version`` (of the forwarded document, the latest by default) and
``timeout`` (seconds), and the options of its type (see each module). ``configured()`` reads the setting on every call,
so tests and a changed environment take effect without a restart of anything
but the process.
"""

import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .amqp import AmqpDestination
from .base import (
    ROLE_NOTIFY,
    ROLE_RECORD,
    SCHEMA_VERSIONS,
    AttachmentData,
    DeliveryFailure,
    Destination,
    Envelope,
    PermanentFailure,
    Receipt,
    TemporaryFailure,
    resolve_secret,
    sign,
    signature_matches,
)
from .email import EmailDestination
from .webhook import WebhookDestination

TYPES: dict[str, type[Destination]] = {
    EmailDestination.type: EmailDestination,
    WebhookDestination.type: WebhookDestination,
    AmqpDestination.type: AmqpDestination,
}
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")

__all__ = [
    "ROLE_NOTIFY",
    "ROLE_RECORD",
    "SCHEMA_VERSIONS",
    "AttachmentData",
    "DeliveryFailure",
    "Destination",
    "Envelope",
    "PermanentFailure",
    "Receipt",
    "TemporaryFailure",
    "config_errors",
    "configured",
    "get",
    "resolve_secret",
    "sign",
    "signature_matches",
]


def config_errors(items: list[dict] | None = None) -> list[str]:
    """What is wrong with the configured destinations (empty when all is well)."""
    items = settings.FORWARDING_DESTINATIONS if items is None else items
    errors = []
    seen = set()
    for index, config in enumerate(items):
        name = str(config.get("name") or "")
        if not NAME_RE.match(name):
            errors.append(f"Получатель №{index + 1}: имя должно состоять из латинских букв, цифр, «.», «_», «-».")
            continue
        if name in seen:
            errors.append(f"«{name}»: имя получателя повторяется.")
        seen.add(name)
        cls = TYPES.get(config.get("type"))
        if cls is None:
            errors.append(f"«{name}»: неизвестный способ передачи {config.get('type')!r}.")
            continue
        errors.extend(cls.config_errors(config))
    if items and all(config.get("role") == ROLE_NOTIFY for config in items):
        errors.append("Нужен хотя бы один получатель с ролью record (СЭД): уведомления не заменяют регистрацию.")
    return errors


def configured() -> list[Destination]:
    """The destinations in settings, in order. Raises ImproperlyConfigured when they are wrong."""
    errors = config_errors()
    if errors:
        raise ImproperlyConfigured("FORWARDING_DESTINATIONS: " + " ".join(errors))
    return [TYPES[config["type"]](config) for config in settings.FORWARDING_DESTINATIONS]


def get(name: str) -> Destination | None:
    return next((destination for destination in configured() if destination.name == name), None)
