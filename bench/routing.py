"""What the routing shortcut (home.wagtail_compat) buys on a page-cache miss: queries and CPU per page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_h16 .venv/bin/python bench/routing.py [--rounds 20]

In process (Django's test client, no HTTP server), on the database of
DATABASE_URL (migrated and given the demo content first), with the full-page
cache off and the per-process fragments on, as a production worker serves a
miss. Every live demo page is requested once to warm the process, then
``--rounds`` times with the shortcut on and off, interleaved; it prints the
queries and the median CPU time per request of each page, and the totals.
Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from wagtail.models import Page, Site

    from home.pagecache import fragments

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    urls = [page.get_url() for page in Page.objects.descendant_of(site.root_page, inclusive=True).live()]
    generation_file = Path(tempfile.mkdtemp(prefix="bench-routing-")) / "generation"
    results: dict[tuple[str, bool], list[float]] = {}
    queries: dict[tuple[str, bool], int] = {}
    with override_settings(
        PAGE_CACHE_ENABLED=False,
        PAGE_CACHE_FRAGMENTS=True,
        PAGE_CACHE_GENERATION="file",
        PAGE_CACHE_GENERATION_FILE=str(generation_file),
        ALLOWED_HOSTS=["testserver"],
        DEBUG=False,
    ):
        fragments.clear()
        client = Client()
        for shortcut in (True, False):
            with override_settings(PAGE_ROUTE_SHORTCUT=shortcut):
                for url in urls:  # warm
                    client.get(url)
        for _ in range(args.rounds):
            for shortcut in (True, False):
                with override_settings(PAGE_ROUTE_SHORTCUT=shortcut):
                    for url in urls:
                        with CaptureQueriesContext(connection) as captured:
                            start = time.process_time()
                            client.get(url)
                            spent = time.process_time() - start
                        results.setdefault((url, shortcut), []).append(spent * 1000)
                        queries[(url, shortcut)] = len(captured.captured_queries)
    print(f"{connection.vendor}, {len(urls)} pages, {args.rounds} rounds; CPU ms median per request\n")
    print("| page | queries on | queries off | CPU ms on | CPU ms off |")
    print("|---|---:|---:|---:|---:|")
    totals = {True: [0, 0.0], False: [0, 0.0]}
    for url in urls:
        row = [url]
        for shortcut in (True, False):
            row.append(str(queries[(url, shortcut)]))
            totals[shortcut][0] += queries[(url, shortcut)]
        for shortcut in (True, False):
            median = statistics.median(results[(url, shortcut)])
            totals[shortcut][1] += median
            row.append(f"{median:.1f}")
        print("| " + " | ".join(row) + " |")
    n = len(urls)
    print(
        f"| mean per page | {totals[True][0] / n:.1f} | {totals[False][0] / n:.1f} "
        f"| {totals[True][1] / n:.1f} | {totals[False][1] / n:.1f} |"
    )


if __name__ == "__main__":
    main()
