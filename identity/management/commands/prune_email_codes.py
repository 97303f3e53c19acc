"""Delete expired e-mail confirmation codes (run from cron, e.g. hourly)."""

from django.core.management.base import BaseCommand

from identity.services import prune_email_codes


class Command(BaseCommand):
    help = "Удалить истёкшие коды подтверждения адреса электронной почты."

    def handle(self, *args, **options):
        deleted = prune_email_codes()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Удалено кодов: {deleted}")
