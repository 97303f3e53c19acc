from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Отчёты"

    def ready(self):
        from wagtail.signals import page_published

        from reports.snapshots import on_page_published

        page_published.connect(on_page_published, dispatch_uid="reports.freeze_register_statistics")
