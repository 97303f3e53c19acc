"""Settings for a developer's machine and for `make run`."""

from .base import *  # noqa: F403
from .env import env, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
WHITENOISE_MAX_AGE = 0
