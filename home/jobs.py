"""Periodic jobs of the shared pieces (the registry: home/scheduler.py)."""

JOBS = {
    # Wagtail's own scheduled publishing: pages and snippets with a «go live» /
    # «expire» date are published and unpublished by this job.
    "wagtail.publish_scheduled": {"task": "home.tasks.publish_scheduled", "every": 60},
    "home.prune_ratelimits": {"task": "home.tasks.prune_ratelimits", "every": 3600},
    # Finished rows of the database task queue (django-tasks-db), older than TASKS_KEEP_DAYS.
    "home.prune_task_results": {"task": "home.tasks.prune_task_results", "every": 3600},
    # Resumable tasks (<app>/jobs.py RESUMABLE_TASKS) a killed worker left RUNNING (home/taskrecovery.py).
    "home.requeue_abandoned_tasks": {"task": "home.tasks.requeue_abandoned_tasks", "every": 300},
}
