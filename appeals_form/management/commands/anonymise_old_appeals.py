"""Anonymise appeals older than settings.APPEALS_RETENTION_YEARS (by registration date).

Idempotent; ``--dry-run`` only counts. See ``appeals_form.workflow.retention``
for what is removed and what is kept.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from appeals_form.workflow.retention import anonymise_old_appeals


class Command(BaseCommand):
    help = "Обезличить обращения старше срока хранения (APPEALS_RETENTION_YEARS, по умолчанию 5 лет)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Только посчитать, ничего не менять.")
        parser.add_argument(
            "--years",
            type=int,
            default=settings.APPEALS_RETENTION_YEARS,
            help="Срок хранения в годах (по умолчанию APPEALS_RETENTION_YEARS).",
        )

    def handle(self, *args, dry_run: bool, years: int, **options):
        report = anonymise_old_appeals(dry_run=dry_run, years=years)
        verb = "будет обезличено" if dry_run else "обезличено"
        self.stdout.write(f"Зарегистрированы до {report.cutoff:%d.%m.%Y}: {verb} обращений: {report.appeals}")
        self.stdout.write(f"  соавторов удалено: {report.co_authors}")
        self.stdout.write(f"  вложений удалено: {report.attachments}")
        self.stdout.write(f"  файлов удалено: {report.files}")
        self.stdout.write(f"  событий истории очищено: {report.events}")
        if report.skipped_open:
            self.stdout.write(
                self.style.WARNING(f"  пропущено обращений, которые ещё рассматриваются: {report.skipped_open}")
            )
        if dry_run:
            self.stdout.write("Пробный запуск: ничего не изменено.")
