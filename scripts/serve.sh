#!/usr/bin/env bash
# Serve the site with gunicorn (2 workers), the task worker and the periodic
# scheduler beside it. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
VENV="${VENV:-.venv}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-portal.settings.dev}"
export DJANGO_DEBUG="${DJANGO_DEBUG:-0}"

pids=()
cleanup() {
    trap - INT TERM EXIT
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

"$VENV/bin/python" manage.py db_worker --queue-name "*" --no-reload &
pids+=($!)
"$VENV/bin/python" manage.py run_scheduler &
pids+=($!)
"$VENV/bin/gunicorn" portal.wsgi:application \
    --workers "${WEB_CONCURRENCY:-2}" --bind "127.0.0.1:${PORT}" \
    --logger-class home.logredact.GunicornLogger \
    --access-logfile - --access-logformat '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms' &
pids+=($!)

# Every address and demo account (with its password) after the start-up log.
echo "  Task worker: manage.py db_worker; scheduler: manage.py run_scheduler."
"$VENV/bin/python" manage.py portal_summary --wait 90 --base-url "http://127.0.0.1:${PORT}" || true
wait -n "${pids[@]}"
