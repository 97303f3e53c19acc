"""Load a decade of a department's work for the scale benchmark (``make bench-scale``).

    manage.py load_scale_data [--appeals 100000] [--reports 20] [--seed 19] [--only appeals,content]

Each app that has something to add provides a ``scale`` module with
``load(*, sizes, seed, log)`` (``appeals_form.scale``: appeals with their history,
attachments' metadata and deliveries; ``schedules``/``regulations``/``reports``
content: officials, events, acts, half-year reports with their tables). Seeded and idempotent: a second run finds
the data complete and changes nothing. Never run it on a production database:
it adds fictional appeals.
"""

import time
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand

from home.scale import Sizes


class Command(BaseCommand):
    help = "Загрузить данные масштаба «пять лет работы отдела» для нагрузочного теста (идемпотентно)."

    def add_arguments(self, parser):
        parser.add_argument("--appeals", type=int, default=Sizes.appeals, help="Сколько обращений (100000).")
        parser.add_argument("--years", type=int, default=Sizes.years, help="За сколько лет (5).")
        parser.add_argument("--reports", type=int, default=Sizes.reports, help="Сколько отчётов за полугодия (20).")
        parser.add_argument("--regulations", type=int, default=Sizes.regulations, help="Сколько актов (500).")
        parser.add_argument("--events", type=int, default=Sizes.events, help="Сколько мероприятий (1000).")
        parser.add_argument("--officials", type=int, default=Sizes.officials, help="Сколько должностных лиц (50).")
        parser.add_argument("--seed", type=int, default=19)
        parser.add_argument("--only", default="", help="Только эти модули приложений, через запятую.")

    def handle(self, *args, **options):
        sizes = Sizes(
            appeals=options["appeals"],
            years=options["years"],
            reports=options["reports"],
            regulations=options["regulations"],
            events=options["events"],
            officials=options["officials"],
        )
        only = {name for name in options["only"].split(",") if name}
        for config in apps.get_app_configs():
            if only and config.label not in only:
                continue
            try:
                module = import_module(f"{config.name}.scale")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.scale":
                    raise
                continue
            if not hasattr(module, "load"):
                continue
            started = time.monotonic()
            module.load(sizes=sizes, seed=options["seed"], log=self._log)
            self._log(f"{config.label}: done in {time.monotonic() - started:.1f} s")

    def _log(self, text: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(text)

    def execute(self, *args, **options):
        self.verbosity = options.get("verbosity", 1)
        return super().execute(*args, **options)
