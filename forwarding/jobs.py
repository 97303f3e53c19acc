"""Periodic jobs of forwarding (the registry: home/scheduler.py)."""

JOBS = {
    # Re-enqueue due retries, expired leases and messages without deliveries.
    "forwarding.sweep": {"task": "forwarding.tasks.sweep", "every": "FORWARDING_SWEEP_SECONDS"},
}
