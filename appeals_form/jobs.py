"""Periodic jobs of the appeals (the registry: home/scheduler.py)."""

JOBS = {
    # The executors' daily digest of appeals due soon and overdue.
    "appeals.due_digest": {"task": "appeals_form.tasks.send_due_digest", "at": "APPEALS_DIGEST_TIME"},
    # Housekeeping: no personal data outlives its purpose (each is also a management command).
    "appeals.purge_staging": {"task": "appeals_form.attachments.purge_stale_staging_task", "every": 3600},
    "appeals.anonymise_old": {"task": "appeals_form.tasks.anonymise_old_appeals", "at": "03:30"},
}

# E-mails to applicants: run again when a killed worker left them half-run (home/taskrecovery.py).
RESUMABLE_TASKS = [
    "appeals_form.tasks.send_registration_email",
    "appeals_form.tasks.send_status_link_email",
    "appeals_form.tasks.send_appeal_notice",
]
