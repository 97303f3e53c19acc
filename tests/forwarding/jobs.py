"""A task for the scheduler tests."""

from django_tasks import task


@task()
def tick(label: str = "") -> str:
    return f"tick {label}".strip()
