"""Settings shared by every environment (dev, test, production).

Secrets and hosts come from the environment (see .env.example); this module
only holds defaults that are safe for a developer's machine.
"""

from pathlib import Path

import dj_database_url

from .env import env, env_bool, env_int, env_list

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env("DJANGO_SECRET_KEY", "insecure-dev-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps first, so that their templates override third-party ones.
    "home",
    "identity",
    "appeals_form",
    "forwarding",
    "privacy",
    "schedules",
    "regulations",
    "reports",
    "api",
    "opendata",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Tasks: the API Wagtail itself uses, stored in our database.
    "django_tasks",
    "django_tasks_db",
    "django_recaptcha",
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.humanize",  # Wagtail's naturaltime («2 минуты назад», not «2 minutes ago»)
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response, page-cache
    # hits included (outside the cache: a fresh nonce each time; settings/security.py).
    "home.middleware.PortalCSPMiddleware",
    "home.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The full-page cache of public pages (after sessions: it must know whether
    # the visitor is logged in; before everything else: a hit skips it all).
    "home.middleware.PageCacheMiddleware",
    # gzip for public responses only: never one that carries a CSRF token or is
    # private/no-store (BREACH); inside the page cache, so hits are stored compressed.
    "home.middleware.PublicGZipMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Every search's «q» without control characters (a NUL made Wagtail's listings drop the query).
    "home.middleware.SearchQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Django's own form renderer everywhere (the Wagtail admin included); the public
# forms render the standard widgets in Python (home.formrender.PublicForm).

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.accessibility",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL (or anything dj-database-url
# understands) when DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if not IS_POSTGRES and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the task worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: the public site and the admin speak Russian.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
# Corrections to Wagtail's Russian catalogue (locale/ru/LC_MESSAGES/django.po), before it.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Personal data (appeal attachments) lives here. It has no URL: files are only
# ever streamed by permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "home.staticstorage.PortalStaticStorage"},
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The form fields' bytes a request may carry (files do not count). Django's
# 2.5 MB refused a 3 MB paste with a bare "Bad Request" and the text was lost;
# at 20 MB every realistic paste (3 MB of Cyrillic is 18 MB URL-encoded) reaches
# the form, which answers in Russian with its own limits and everything kept.
# Beyond it, home.views.bad_request explains (413). Keep the proxy's body limit
# above this plus the attachments.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", 20 * 1024 * 1024)

# Cache: local memory by default, Redis when REDIS_URL is set; a second alias
# ("pagecache") holds rendered public pages. Page cache settings (PAGE_CACHE_*)
# and how it is invalidated: settings/cache.py.
from .cache import *  # noqa: E402, F403
from .cache import cache_settings  # noqa: E402

REDIS_URL = env("REDIS_URL")
# Starts every key this installation writes to Redis: installations sharing one
# Redis database each need their own (settings/cache.py).
REDIS_KEY_PREFIX = env("REDIS_KEY_PREFIX", "portal")
CACHES = cache_settings(REDIS_URL, REDIS_KEY_PREFIX)

# Tasks: Django's task API (the django-tasks backport, as Wagtail 8 uses), kept
# in our own database so nothing but Python is needed; `manage.py db_worker`
# runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail
# Every message goes out from the department's address of the site settings
# (home/mail.py), then through EMAIL_DELIVERY_BACKEND (EMAIL_BACKEND in the environment).
EMAIL_BACKEND = "home.mail.SiteSenderBackend"
EMAIL_DELIVERY_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "obrashcheniya@example.ru")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "Отдел по работе с обращениями граждан")
# Links in the admin's e-mails (and the digest): the site's own address unless set apart.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", env("PORTAL_BASE_URL", "http://127.0.0.1:8000"))
WAGTAIL_I18N_ENABLED = False
# Page addresses in Latin letters: the admin transliterates the title («Отчёт за 1 полугодие» →
# «otchet-za-1-polugodie»); a Cyrillic slug became a 440-character percent-encoded address.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "home.searchbackend",
        # Russian word forms and «ё» as «е» on PostgreSQL (this config) and SQLite (stemmed in
        # Python, home/searchtext.py): "обращение" finds "Обращения", "прием" finds "Приём".
        "SEARCH_CONFIG": "russian",
        # The admin's page search (autocomplete) in any word form too, every word a prefix: on PostgreSQL
        # titles are indexed for it with this config (modelsearch's default «simple» keeps «ё» and forms).
        "AUTOCOMPLETE_CONFIG": "russian",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "doc", "docx", "odt", "ods", "pdf", "rtf", "txt", "xls", "xlsx", "zip", "json", "tsv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"

# Cookies and sessions. Sessions hold the applicant's identification and the
# appeal form's draft, and the staff's logins: in the database only, with or
# without Redis. Read through Redis (``cached_db``), a change made while Redis
# did not answer (IGNORE_EXCEPTIONS: the cache's write and delete are skipped)
# was undone when it came back with its data: a logout made during the outage
# let the old cookie in again, a draft or identification went back a step.
# home.sessions is Django's database store with its read and update as plain SQL.
SESSION_ENGINE = "home.sessions"
SESSION_COOKIE_HTTPONLY = True
# Rate-limit counters (home/ratelimit.py): in Redis when there is one (an
# atomic script, no database write per request), in the database otherwise.
RATELIMIT_STORE = env("RATELIMIT_STORE", "redis" if REDIS_URL else "database")
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# «Форма не отправлена» in Russian, with «Вернуться к форме» (home.views.csrf_failure).
CSRF_FAILURE_VIEW = "home.views.csrf_failure"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Logging: to stderr; personal data is never logged (see README, "Personal data").
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Status and cancel tokens, OpenID codes: masked in every line (home/logredact.py).
    "filters": {"redact_secrets": {"()": "home.logredact.RedactSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_secrets"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # One INFO line per task state change is noise; failures still show.
        "django_tasks": {"level": env("TASKS_LOG_LEVEL", "WARNING")},
    },
}

# Error reports (the 500 e-mail, the debug page): tokens in URLs masked, token-like locals hidden.
DEFAULT_EXCEPTION_REPORTER = "home.logredact.RedactingExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "home.logredact.RedactingReporterFilter"

# The rules of the law on appeals (59-ФЗ): every number in one module.
from .api import *  # noqa: E402, F403
from .appeals import *  # noqa: E402, F403
from .forwarding import *  # noqa: E402, F403
from .identity import *  # noqa: E402, F403
from .privacy import *  # noqa: E402, F403
from .schedules import *  # noqa: E402, F403
from .security import *  # noqa: E402, F403

# Periodic jobs are declared by each app in <app>/jobs.py (see home/scheduler.py).
# How long finished rows of the database task queue are kept (hourly pruning).
TASKS_KEEP_DAYS = env_int("TASKS_KEEP_DAYS", 2)
# A resumable task (an e-mail to a resident) still running this long after it started has lost its
# worker (killed): it is enqueued again (home/taskrecovery.py). Far above any e-mail's run (EMAIL_TIMEOUT).
TASKS_ABANDONED_AFTER_SECONDS = env_int("TASKS_ABANDONED_AFTER_SECONDS", 900)

# Regulations: acts per page of the list.
REGULATIONS_PER_PAGE = env_int("REGULATIONS_PER_PAGE", 25)

# No Gravatar: government networks often block it; the admin shows the user's
# initials instead (home/avatars.py).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
