import gc

from django.apps import AppConfig
from django.core.signals import request_finished


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Сайт"

    def ready(self):
        # The page cache is invalidated whenever public content changes (home.pagecache.signals).
        from home.pagecache import signals

        signals.connect()
        # SQLite gets the functions it lacks (portal_fold: «ё» as «е», every alphabet's case).
        from home import sqlitefunctions

        sqlitefunctions.connect()
        # New report and regulation sections get the «Согласование» workflow (home.approval).
        from django.db.models.signals import post_save

        from home import (
            approval,
            checks,  # noqa: F401 - registers the system checks
        )

        post_save.connect(approval.on_page_saved, dispatch_uid="home.approval.on_page_saved")
        # Every deployment migrates: an index built with other search fields or text rules is rebuilt then.
        from django.db.models.signals import post_migrate

        from home import searchindex

        post_migrate.connect(searchindex.on_post_migrate, sender=self, dispatch_uid="home.searchindex")
        # Permissions are named in Russian after every migrate (home.permission_names).
        from home import permission_names

        permission_names.register()
        # Date and time pickers keep what the editor typed (home.admin_widgets).
        from home import admin_widgets

        admin_widgets.register()
        # New pages' suggested addresses use the portal's Latin letters, not Wagtail's (home.admin_slugs).
        from home import admin_slugs

        admin_slugs.register()
        # Revision comparison shows «да»/«нет»/«—», not True/False/None (home.compare).
        from home import compare

        compare.register()
        # request.GET and URL-encoded forms decoded at C speed, with the standard library's result (home.querystring).
        from home import querystring, wagtail_compat

        wagtail_compat.install_query_parser(querystring.parse_qsl)
        # Once the first request has built what a process keeps (modules, models, URL
        # patterns, compiled templates), those objects are moved out of the garbage
        # collector's reach.
        request_finished.connect(_freeze_after_first_request, dispatch_uid="home.gc_freeze")


GC_YOUNG_THRESHOLD = 10_000


def _freeze_after_first_request(**kwargs):
    """Freeze what start-up and the first request built: some 170,000 objects that live as long as the process.

    Each full collection walked them all: a pause of 100+ ms of CPU (600 ms on a loaded
    machine) a couple of requests after start and again whenever the heap grew by a
    quarter, seen in the admin queue's p95 (``make bench-scale``). Frozen, a full
    collection walks only what came after.
    """
    request_finished.disconnect(dispatch_uid="home.gc_freeze")
    gc.freeze()
    # A young-generation collection every 10,000 allocations instead of 700: a request allocates tens of
    # thousands of short-lived objects (almost all freed by reference counting), and the collections
    # in between cost 2–3 % of a resident's visit (``bench/visit_profile.py``). The older generations
    # keep their ratios.
    _, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)
