"""Periodic jobs of identification (the registry: home/scheduler.py)."""

JOBS = {
    "identity.prune_email_codes": {"task": "identity.tasks.prune_email_codes", "every": 3600},
}
