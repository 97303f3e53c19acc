"""Write home/data/work_calendar_ru.json from the installed ``holidays`` package (see home/workdays.py)."""

import json

from django.core.management.base import BaseCommand

from home import workdays


class Command(BaseCommand):
    help = "Сформировать производственный календарь (home/data/work_calendar_ru.json) из пакета holidays."

    def add_arguments(self, parser):
        parser.add_argument("--first-year", type=int, default=2015)
        parser.add_argument("--last-year", type=int, default=2035)

    def handle(self, *args, first_year, last_year, **options):
        data = workdays.calendar_data(range(first_year, last_year + 1))
        workdays.CALENDAR_FILE.parent.mkdir(parents=True, exist_ok=True)
        workdays.CALENDAR_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        self.stdout.write(f"Календарь {first_year}–{last_year} записан: {workdays.CALENDAR_FILE}")
