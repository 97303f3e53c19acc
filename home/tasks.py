"""Housekeeping tasks of the shared pieces, run by the periodic scheduler (home.scheduler)."""

from django_tasks import task

from home import ratelimit


@task()
def prune_ratelimits() -> int:
    """Hourly: delete the rate limiter's closed windows."""
    return ratelimit.prune()
