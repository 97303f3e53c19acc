"""E-mail each executor the list of their appeals due soon and overdue (on working days).

Runs daily from the periodic scheduler (task ``appeals_form.tasks.send_due_digest``)
or from cron: ``manage.py send_due_digest``. ``--enqueue`` hands it to the
task worker instead of sending here.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from appeals_form.workflow.digest import day_off, send_due_digest


class Command(BaseCommand):
    help = "Разослать исполнителям списки обращений, срок которых истекает или истёк."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Считать сроки на эту дату (ГГГГ-ММ-ДД), по умолчанию сегодня.")
        parser.add_argument("--enqueue", action="store_true", help="Поставить рассылку в очередь задач.")

    def handle(self, *args, **options):
        if options["enqueue"]:
            from appeals_form.tasks import send_due_digest as digest_task

            result = digest_task.enqueue()
            self.stdout.write(f"Рассылка поставлена в очередь: {result.id}")
            return
        on = None
        if not options["date"] and day_off():
            self.stdout.write("Сегодня нерабочий день: письма не отправлены (--date ГГГГ-ММ-ДД отправит их).")
            return
        if options["date"]:
            try:
                on = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("Дата записывается как ГГГГ-ММ-ДД.") from None
        sent = send_due_digest(on=on)
        self.stdout.write(f"Отправлено писем исполнителям: {sent}")
