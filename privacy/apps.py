from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Персональные данные"

    def ready(self):
        from privacy import checks  # noqa: F401 - registers the system check
