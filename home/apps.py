from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Сайт"

    def ready(self):
        # The page cache is invalidated whenever public content changes (home.pagecache.signals).
        from home.pagecache import signals

        signals.connect()
        # New report and regulation sections get the «Согласование» workflow (home.approval).
        from django.db.models.signals import post_save

        from home import (
            approval,
            checks,  # noqa: F401 - registers the system checks
        )

        post_save.connect(approval.on_page_saved, dispatch_uid="home.approval.on_page_saved")
