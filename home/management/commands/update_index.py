"""Wagtail's ``update_index``, which also notes what the rebuilt index holds (home/searchindex.py).

``home`` precedes ``wagtail.search`` in INSTALLED_APPS, so this command is the one
``manage.py update_index`` runs; the rebuild itself is Wagtail's (modelsearch's).
"""

from modelsearch.management.commands.rebuild_modelsearch_index import Command as RebuildCommand

from home import searchindex


class Command(RebuildCommand):
    help = "Rebuild the site search's index (Wagtail's update_index) and record what it was built with."

    def handle(self, **options):
        super().handle(**options)
        if not options.get("schema_only"):
            searchindex.record()
