#!/usr/bin/env bash
# `manage.py check --deploy` with production settings and a sample environment:
# it must give no warnings (--fail-level WARNING).
set -euo pipefail
cd "$(dirname "$0")/.."
env DJANGO_SETTINGS_MODULE=portal.settings.production \
    DJANGO_SECRET_KEY="sample-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')" \
    DJANGO_ALLOWED_HOSTS="obrashcheniya.example.ru" \
    DJANGO_CSRF_TRUSTED_ORIGINS="https://obrashcheniya.example.ru" \
    RECAPTCHA_PUBLIC_KEY="sample-public" RECAPTCHA_PRIVATE_KEY="sample-private" \
    .venv/bin/python manage.py check --deploy --fail-level WARNING
