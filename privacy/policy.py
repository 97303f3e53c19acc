"""Which models are personal data, and who may see or export them."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Model

# «Может выгружать персональные данные заявителей»: granted to named people by
# an administrator, never to a whole group. Appeals and sign-ups alike.
EXPORT_PERMISSION = "appeals_form.export_personal_data"


def personal_data_models() -> list[type[Model]]:
    """The models listed in ``settings.PERSONAL_DATA_MODELS`` (unknown labels: see privacy.checks)."""
    found = []
    for label in settings.PERSONAL_DATA_MODELS:
        try:
            found.append(apps.get_model(label))
        except (LookupError, ValueError):
            continue
    return found


def is_personal_data(model: type[Model]) -> bool:
    return model._meta.label in settings.PERSONAL_DATA_MODELS


def can_see(user: AbstractBaseUser, model: type[Model]) -> bool:
    """Any permission on ``model`` (view, change, delete, add) lets the user see its records."""
    if not getattr(user, "is_active", False):
        return False
    opts = model._meta
    return any(user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in ("view", "change", "delete"))


def can_export(user: AbstractBaseUser) -> bool:
    return bool(getattr(user, "is_active", False)) and user.has_perm(EXPORT_PERMISSION)
