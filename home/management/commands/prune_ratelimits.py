"""Delete the closed windows of the rate limiter (run from cron, e.g. hourly)."""

from django.core.management.base import BaseCommand

from home import ratelimit


class Command(BaseCommand):
    help = "Удалить устаревшие счётчики ограничения частоты запросов."

    def handle(self, *args, **options):
        deleted = ratelimit.prune()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Удалено счётчиков: {deleted}")
