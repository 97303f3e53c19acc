"""Settings for a developer's machine and for `make run`."""

from .base import *  # noqa: F403
from .env import env, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
# Mail (codes, confirmations, forwarded appeals with their attachments) carries
# personal data: written as files into the private folder, never to the console.
# It goes through home.mail.SiteSenderBackend (base settings) for the sender.
EMAIL_DELIVERY_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(PRIVATE_MEDIA_ROOT / "dev-mail"))  # noqa: F405
WHITENOISE_MAX_AGE = 0

# `make run` is a local demo: no captcha keys is expected here, and the
# production check (identity.W001) would only repeat on every command.
SILENCED_SYSTEM_CHECKS = ["identity.W001"]
# `make run`: with no destination configured, forwarded appeals go by e-mail (files in EMAIL_FILE_PATH).
_console_registry = [{"name": "registry-email", "type": "email", "to": ["sed@localhost"]}]
FORWARDING_DESTINATIONS = FORWARDING_DESTINATIONS or _console_registry  # noqa: F405
# `make run`: the appeal queue shows demo appeals and has demo staff accounts (appeals_form/demo.py).
APPEALS_DEMO_QUEUE = env_bool("APPEALS_DEMO_QUEUE", True)
# `make run`'s summary repeats the demo accounts' passwords, kept here (git-ignored, mode 600).
DEMO_ACCOUNTS_FILE = BASE_DIR / ".demo-accounts.json"  # noqa: F405
