"""Remove attachments of the online form that were staged but never sent.

Run it from cron (e.g. hourly) when no task worker runs; the form also enqueues
the same clean-up (``appeals_form.attachments.purge_stale_staging_task``) at
most once an hour while residents upload files.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from appeals_form.attachments import purge_stale_staging


class Command(BaseCommand):
    help = "Удалить файлы интернет-приёмной, приложенные, но не отправленные (старше суток)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=settings.APPEALS_STAGING_MAX_AGE_HOURS,
            help="Удалять файлы старше стольких часов (по умолчанию APPEALS_STAGING_MAX_AGE_HOURS).",
        )

    def handle(self, *args, hours: int, **options):
        removed = purge_stale_staging(max_age=timedelta(hours=hours))
        self.stdout.write(f"Удалено файлов: {removed}")
