"""Production settings: every secret and host from the environment.

Runs behind a TLS-terminating reverse proxy, with PostgreSQL (DATABASE_URL),
Redis (REDIS_URL) and MEDIA_ROOT / PRIVATE_MEDIA_ROOT on shared storage so that
several gunicorn workers on several hosts serve the same site.
"""

from .base import *  # noqa: F403
from .env import env, env_bool, env_int, env_list

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Wagtail's live preview shows the page in a same-origin iframe, so frames stay
# allowed for our own origin (X_FRAME_OPTIONS = "SAMEORIGIN" in base.py).
SILENCED_SYSTEM_CHECKS = ["security.W019"]
