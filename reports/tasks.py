"""Background jobs of the reports (django-tasks; ``manage.py db_worker`` runs them)."""

from django_tasks import task


@task()
def refresh_public_statistics() -> int:
    """Daily: the figures of «Статистика обращений» recomputed and cached; settled periods frozen."""
    from reports.public_statistics import refresh_daily

    return len(refresh_daily())
