from django.apps import AppConfig


class AppealsFormConfig(AppConfig):
    name = "appeals_form"
    verbose_name = "Обращения граждан"
