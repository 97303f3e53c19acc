"""CPU and queries of the site search page, uncached, in one process.

    .venv/bin/python bench/search_profile.py [--database-url URL] [--requests 200] [--query WORDS]

Production settings (no Redis: the local-memory caches), Django's test client
in this process; the search page is never cached (its "q" is free text).
Prints the median CPU (process time) per request and the queries of one.
Run it on a database loaded with ``manage.py load_scale_data`` (see README,
"Performance"). ``--root`` measures another checkout's code (e.g. main's).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/portal_bench_scale")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--query", action="append", help="the words searched (several: one after the other)")
    parser.add_argument("--root", default=str(ROOT), help="the checkout whose code is measured")
    args = parser.parse_args()
    queries = args.query or ["обращение", "приём граждан", "постановление администрации"]

    sys.path.insert(0, args.root)
    os.chdir(args.root)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="bench-search-not-secret-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=args.database_url,
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for words in queries:
        for _ in range(5):  # warm: templates, the kept site chrome
            response = client.get("/search/", {"q": words})
        assert response.status_code == 200, response.status_code
        cpu = []
        for _ in range(args.requests):
            started = time.process_time()
            client.get("/search/", {"q": words})
            cpu.append(time.process_time() - started)
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/search/", {"q": words}).content.decode()
        found = html.split("Найдено: ")[1].split("<")[0] if "Найдено: " in html else "0"
        print(
            f"«{words}»: {statistics.median(cpu) * 1000:.2f} ms CPU (median of {args.requests}), "
            f"{len(captured)} queries, found {found}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
