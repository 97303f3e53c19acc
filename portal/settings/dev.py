"""Settings for a developer's machine and for `make run`."""

from .base import *  # noqa: F403
from .env import env, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
WHITENOISE_MAX_AGE = 0

# `make run` is a local demo: no captcha keys is expected here, and the
# production check (identity.W001) would only repeat on every command.
SILENCED_SYSTEM_CHECKS = ["identity.W001"]
