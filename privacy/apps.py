from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Персональные данные"

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.models import ModelLogEntry

        from privacy import (
            checks,  # noqa: F401 - registers the system check
            logentries,
        )

        # Wagtail's action log names personal-data records by number only (privacy.logentries).
        pre_save.connect(logentries.on_log_entry_saved, sender=ModelLogEntry, dispatch_uid="privacy.log_label")
