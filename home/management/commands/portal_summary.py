"""Print where the running demo is and how to log in (the end of `make run`)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from home.demo.accounts import summary


class Command(BaseCommand):
    help = "Адреса сайта и демо-учётные записи с паролями (итог `make run`)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default=None, help="Адрес сайта (по умолчанию PORTAL_BASE_URL).")

    def handle(self, *args, base_url=None, **options):
        self.stdout.write(summary(base_url=base_url or settings.PORTAL_BASE_URL))
