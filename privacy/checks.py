"""Every label of PERSONAL_DATA_MODELS names an installed model."""

from django.apps import apps
from django.conf import settings
from django.core import checks


@checks.register()
def personal_data_models_exist(app_configs, **kwargs):
    errors = []
    for label in settings.PERSONAL_DATA_MODELS:
        try:
            apps.get_model(label)
        except (LookupError, ValueError):
            errors.append(
                checks.Error(
                    f"PERSONAL_DATA_MODELS names {label!r}, which is not an installed model.",
                    hint="A model was moved or renamed: update portal/settings/privacy.py and docs/security.md.",
                    id="privacy.E001",
                )
            )
    return errors
