from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Сайт"

    def ready(self):
        from home import checks  # noqa: F401 (registers the periodic-jobs check)

        # The page cache is invalidated whenever public content changes (home.pagecache.signals).
        from home.pagecache import signals

        signals.connect()
