from django.apps import AppConfig


class ForwardingConfig(AppConfig):
    name = "forwarding"
    verbose_name = "Передача в СЭД"

    def ready(self) -> None:
        from forwarding import checks, signals  # noqa: F401 (registers the receivers and checks)
