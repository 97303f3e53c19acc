"""Print where the running demo is and how to log in (the end of `make run`)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from home.demo.accounts import summary


class Command(BaseCommand):
    help = "Адреса сайта и демо-учётные записи с паролями (итог `make run`)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default=None, help="Адрес сайта (по умолчанию PORTAL_BASE_URL).")
        parser.add_argument(
            "--wait",
            type=float,
            default=0,
            help="Подождать (секунд, не больше), пока обработчик задач разберёт очередь после загрузки "
            "демо-данных, чтобы итог был последним в журнале.",
        )

    def handle(self, *args, base_url=None, wait=0, **options):
        if wait:
            self._wait_for_tasks(wait)
        self.stdout.write(summary(base_url=base_url or settings.PORTAL_BASE_URL))

    def _wait_for_tasks(self, seconds: float) -> None:
        if "django_tasks_db" not in settings.INSTALLED_APPS:
            return
        from django_tasks_db.models import DBTaskResult

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and DBTaskResult.objects.ready().exists():
            time.sleep(1)
        time.sleep(1)  # the last task's log line
