"""Periodic jobs of the reports (the registry: home/scheduler.py)."""

JOBS = {
    # «Статистика обращений»: recompute ended, unsettled periods, freeze settled ones (reports.public_statistics).
    "reports.statistics_refresh": {"task": "reports.tasks.refresh_public_statistics", "at": "02:40"},
}
