"""Periodic jobs of the reception schedules (the registry: home/scheduler.py)."""

JOBS = {
    # Sign-ups (personal data) are deleted SCHEDULES_SIGNUP_RETENTION_DAYS after the reception.
    "schedules.purge_signups": {"task": "schedules.tasks.purge_old_signups", "at": "SCHEDULES_PURGE_TIME"},
}
