# Two commands on a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# pytest-xdist workers for `make test` (one per core; each has its own test database).
TEST_WORKERS ?= auto
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev
# Where `make run` serves the site: absolute links in e-mails and the sitemap.
export PORTAL_BASE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test test-fast lint check install install-dev browser-deps demo bench clean guide-screenshots screenshots messages

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Debian's Chromium and axe-core for the browser tests (Playwright drives
# /usr/bin/chromium; its own browser download does not work here).
browser-deps:
	@bash scripts/install_browser_deps.sh

run: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-0} $(PY) manage.py migrate --noinput --verbosity 0
	DJANGO_DEBUG=$${DJANGO_DEBUG:-0} $(PY) manage.py load_demo_content
	DJANGO_DEBUG=$${DJANGO_DEBUG:-0} $(PY) manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=$${DJANGO_DEBUG:-0} $(PY) manage.py ensure_admin
	PORT=$(PORT) bash scripts/serve.sh

test: install-dev browser-deps
	DJANGO_SETTINGS_MODULE=portal.settings.test $(VENV)/bin/pytest -n $(TEST_WORKERS)

# The browser tests with their full-page screenshots (tests/output/screenshots/, desktop and 375 px, every
# display mode) for a person to look at; `make test` runs the same checks without taking the pictures.
screenshots: install-dev browser-deps
	SCREENSHOTS=1 DJANGO_SETTINGS_MODULE=portal.settings.test $(VENV)/bin/pytest -n $(TEST_WORKERS) -m browser

# Without the browser tests: for a quick loop while coding.
test-fast: install-dev
	DJANGO_SETTINGS_MODULE=portal.settings.test $(VENV)/bin/pytest -n $(TEST_WORKERS) -m "not browser"

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Compile locale/ru (corrections to Wagtail's Russian) after editing the .po; the .mo is committed.
messages:
	msgfmt --check -o locale/ru/LC_MESSAGES/django.mo locale/ru/LC_MESSAGES/django.po

check: install-dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	bash scripts/check_deploy.sh

# The page benchmark (bench/pages.py; not part of `make test`): PostgreSQL on
# 127.0.0.1, Redis there when it answers, wrk from Debian when it can be
# installed (else a Python load generator). BENCH_ARGS=--quick for a smoke check.
bench: install
	@command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null 2>&1 || echo "wrk is not installed: the Python load generator is used"
	$(PY) bench/pages.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles media private_media db.sqlite3* tests/output

# The fault run (bench/fault_forwarding.py; not part of `make test`): 1000
# appeals while the receiver, workers, schedulers, PostgreSQL and Redis fail.
# It starts its own PostgreSQL cluster (port FAULT_PG_PORT, 55415) and Redis
# (FAULT_REDIS_PORT, 16315): the machine's servers are never touched. Both
# modes (database store, Redis store); exits non-zero on any loss.
# FAULT_ARGS=--appeals 200 for a shorter run.
.PHONY: fault
fault: install
	$(PY) bench/fault_forwarding.py --mode database $(FAULT_ARGS)
	$(PY) bench/fault_forwarding.py --mode redis $(FAULT_ARGS)

# The scale benchmark (bench/scale.py; not part of `make test`): 100,000 appeals
# on PostgreSQL (manage.py load_scale_data), the admin queue, exports, jobs and
# public pages; writes bench/results/scale-<date>.md. BENCH_SCALE_ARGS e.g.
# "--database-url postgres://postgres@127.0.0.1:5432/portal_scale --repeat 5".
.PHONY: bench-scale
bench-scale: install
	$(PY) bench/scale.py $(BENCH_SCALE_ARGS)

# The staff guide's screenshots (static/guide/*.png, shown by «Справка» in the
# admin): the browser tests that walk each role's day take them; commit the result.
guide-screenshots: install-dev browser-deps
	GUIDE_SCREENSHOTS=1 DJANGO_SETTINGS_MODULE=portal.settings.test $(VENV)/bin/pytest -p no:cacheprovider -q tests/browser/test_staff_day.py
