"""Run the periodic scheduler (home/scheduler.py): enqueue the periodic jobs (<app>/jobs.py) when due.

Run one next to the task worker (scripts/serve.sh does); running it on
several hosts is safe: each run is enqueued once.
"""

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from home import scheduler


class Command(BaseCommand):
    help = "Enqueue the periodic jobs (each app's jobs.py) when they are due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue what is due now and exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between rounds (default SCHEDULER_INTERVAL_SECONDS).",
        )

    def handle(self, *args, once=False, interval=None, **options):
        if once:
            names = scheduler.run_due()
            self.stdout.write(", ".join(names) if names else "Nothing due.")
            return
        interval = interval if interval is not None else settings.SCHEDULER_INTERVAL_SECONDS
        stop = threading.Event()

        def shutdown(signum, frame):
            stop.set()

        signal.signal(signal.SIGINT, shutdown)
        signal.signal(signal.SIGTERM, shutdown)
        names = ", ".join(job.name for job in scheduler.jobs()) or "none"
        self.stdout.write(f"Scheduler: every {interval:g} s; jobs: {names}")
        scheduler.run_forever(interval=interval, stop=stop)
