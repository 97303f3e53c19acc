from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = "Идентификация заявителей"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
