"""Periodic jobs of the reception schedules (the registry: home/scheduler.py)."""

JOBS = {
    # Sign-ups (personal data) are deleted SCHEDULES_SIGNUP_RETENTION_DAYS after the reception.
    "schedules.purge_signups": {"task": "schedules.tasks.purge_old_signups", "at": "SCHEDULES_PURGE_TIME"},
}

# E-mails to residents who signed up: run again when a killed worker left them half-run (home/taskrecovery.py).
RESUMABLE_TASKS = [
    "schedules.tasks.send_signup_confirmation",
    "schedules.tasks.send_signup_cancelled",
    "schedules.tasks.send_signup_cancelled_by_resident",
]
