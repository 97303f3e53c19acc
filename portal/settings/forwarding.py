"""Forwarding of registered appeals to the back office (СЭД) and the periodic scheduler.

Destinations come from the environment, any number of them:

- ``FORWARDING_DESTINATIONS``: a JSON list, each item one destination::

    [{"name": "delo", "type": "webhook", "url": "https://sed.example.ru/in",
      "secret_env": "SED_WEBHOOK_SECRET", "timeout": 10},
     {"name": "registry-mail", "type": "email", "to": ["kanc@example.ru"]},
     {"name": "msed", "type": "amqp", "url": "amqp://guest:guest@127.0.0.1:5672/%2F",
      "queue": "appeals"}]

  A secret may be given inline (``"secret"``) or, better, by the name of
  another environment variable (``"secret_env"``). ``"schema_version": 1``
  keeps a receiver on the first version of the forwarded document (without
  co-authors' postal addresses) until it validates version 2.
- or the short form, one destination of each type at most:
  ``FORWARDING_EMAIL_TO`` (comma-separated), ``FORWARDING_WEBHOOK_URL`` +
  ``FORWARDING_WEBHOOK_SECRET``, ``FORWARDING_AMQP_URL`` + ``FORWARDING_AMQP_QUEUE``.

With none of these set no destination is configured: registered appeals wait
in the outbox (nothing is lost) and the admin says so.
"""

import json

from django.core.exceptions import ImproperlyConfigured

from .env import env, env_int, env_list


def destinations_from_env() -> list[dict]:
    raw = env("FORWARDING_DESTINATIONS")
    if raw:
        try:
            destinations = json.loads(raw)
        except ValueError as exc:
            raise ImproperlyConfigured("FORWARDING_DESTINATIONS must be a JSON list of destinations.") from exc
        if not isinstance(destinations, list) or not all(isinstance(d, dict) for d in destinations):
            raise ImproperlyConfigured("FORWARDING_DESTINATIONS must be a JSON list of objects.")
        return destinations
    destinations = []
    email_to = env_list("FORWARDING_EMAIL_TO")
    if email_to:
        destinations.append({"name": "registry-email", "type": "email", "to": email_to})
    webhook_url = env("FORWARDING_WEBHOOK_URL")
    if webhook_url:
        destinations.append(
            {"name": "webhook", "type": "webhook", "url": webhook_url, "secret_env": "FORWARDING_WEBHOOK_SECRET"}
        )
    amqp_url = env("FORWARDING_AMQP_URL")
    if amqp_url:
        destinations.append(
            {"name": "amqp", "type": "amqp", "url": amqp_url, "queue": env("FORWARDING_AMQP_QUEUE", "appeals")}
        )
    return destinations


FORWARDING_DESTINATIONS = destinations_from_env()
# How the applicant's status page names the back office ("Передано в ...").
FORWARDING_SYSTEM_LABEL = env("FORWARDING_SYSTEM_LABEL", "Система электронного документооборота администрации")

# Retries: the n-th failed attempt waits min(cap, base * factor ** (n - 1))
# seconds, stretched by up to JITTER percent so that a recovered receiver is
# not hit by every retry at once; after MAX_ATTEMPTS the delivery fails and is
# listed in the admin for a manual re-send.
FORWARDING_RETRY_BASE_SECONDS = env_int("FORWARDING_RETRY_BASE_SECONDS", 30)
FORWARDING_RETRY_FACTOR = env_int("FORWARDING_RETRY_FACTOR", 2)
FORWARDING_RETRY_MAX_DELAY_SECONDS = env_int("FORWARDING_RETRY_MAX_DELAY_SECONDS", 3600)
FORWARDING_RETRY_JITTER_PERCENT = env_int("FORWARDING_RETRY_JITTER_PERCENT", 20)
FORWARDING_MAX_ATTEMPTS = env_int("FORWARDING_MAX_ATTEMPTS", 12)
# A worker owns a delivery for this long; if it dies, the delivery is taken
# again after the lease expires. Must exceed the longest attempt (timeouts).
FORWARDING_LEASE_SECONDS = env_int("FORWARDING_LEASE_SECONDS", 120)
# Network timeouts of one attempt (webhook request, AMQP connect and confirm).
FORWARDING_WEBHOOK_TIMEOUT_SECONDS = env_int("FORWARDING_WEBHOOK_TIMEOUT_SECONDS", 10)
FORWARDING_AMQP_TIMEOUT_SECONDS = env_int("FORWARDING_AMQP_TIMEOUT_SECONDS", 10)
# The sweep (a periodic task) enqueues deliveries whose own task seems lost:
# due for longer than this, or with an expired lease.
FORWARDING_SWEEP_SECONDS = env_int("FORWARDING_SWEEP_SECONDS", 60)
FORWARDING_REQUEUE_AFTER_SECONDS = env_int("FORWARDING_REQUEUE_AFTER_SECONDS", 120)
FORWARDING_SWEEP_BATCH = env_int("FORWARDING_SWEEP_BATCH", 500)

# Status reports from the document system (POST /forwarding/webhook/status/):
# the shared HMAC secret, and how old a signed timestamp may be.
FORWARDING_INBOUND_SECRET = env("FORWARDING_INBOUND_SECRET", "")
FORWARDING_INBOUND_MAX_AGE_SECONDS = env_int("FORWARDING_INBOUND_MAX_AGE_SECONDS", 300)

# The periodic scheduler (``manage.py run_scheduler``, see home/scheduler.py):
# how often it wakes up, and how long it remembers its runs. The jobs are
# declared by each app in <app>/jobs.py.
SCHEDULER_INTERVAL_SECONDS = env_int("SCHEDULER_INTERVAL_SECONDS", 10)
SCHEDULER_KEEP_DAYS = env_int("SCHEDULER_KEEP_DAYS", 14)
