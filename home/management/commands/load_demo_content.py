"""Load the demo site: home's structure, every app's `demo` module, then menus and quick links.

Idempotent: run it as often as you like (`make run` does on every start). The
contract for apps' demo modules is documented in home/demo/__init__.py.
"""

import io

from django.core.management import call_command
from django.core.management.base import BaseCommand, OutputWrapper
from django.db import transaction
from wagtail.models import Page

from home.demo import discover_steps
from home.demo.pages import get_home_page
from home.demo.tasks import drop_tasks_of_deleted_objects
from home.models import NavigationSettings
from home.searchbackend import index_is_stale


class Command(BaseCommand):
    help = "Create or update the demo content of the site (idempotent)."

    def handle(self, *args, **options):
        out = self.stdout if options["verbosity"] >= 1 else OutputWrapper(io.StringIO())
        steps = discover_steps()
        with transaction.atomic():
            for step in steps:
                step.load(stdout=out, style=self.style)
            drop_tasks_of_deleted_objects()  # index updates of the placeholders the apps replaced
        if index_is_stale():
            # The site search must find the demo at once, not when the task worker gets to it.
            call_command("update_index", verbosity=0)
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(self._summary(steps)))

    def _summary(self, steps) -> str:
        home = get_home_page()
        nav = NavigationSettings.for_site(home.get_site())
        pages = Page.objects.descendant_of(home, inclusive=True).live().count()
        steps_text = ", ".join(f"{step.name} ({step.order})" for step in steps)
        return (
            f"Demo content loaded: {pages} live pages, main menu {nav.main_items.count()} items, "
            f"footer {nav.footer_items.count()} links.\nSteps: {steps_text}."
        )
