"""The floor under every request: a worker's CPU for the cheapest answers, over kept-alive HTTP.

    .venv/bin/python bench/request_floor.py [--requests 1000] [--paths /robots.txt,/healthz/] [CHECKOUT]

One gunicorn worker of the checkout (default: this one), prepared and started as ``bench/visit_ab.py``
does (production settings, its own PostgreSQL database and Redis database); one client on one kept-alive
connection. ``/robots.txt`` is a page-cache hit (no view, no query), ``/healthz/`` a view with one
``SELECT 1``: what any page costs before its own work. Loopback only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.visit_ab import Side


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkout", nargs="?", default=".")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--paths", default="/robots.txt,/healthz/")
    parser.add_argument("--gunicorn-args", default="")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/portal_request_floor")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    args = parser.parse_args()

    import requests

    root = Path(args.checkout).resolve()
    side = Side(
        spec=str(root),
        root=root,
        gunicorn_args=args.gunicorn_args,
        database_url=args.database_url,
        redis_url=args.redis_url,
    )
    side.prepare(1)
    side.start()
    client = requests.Session()
    try:
        for path in args.paths.split(","):
            for _ in range(args.requests // 5):  # warm-up: the page cached, the connection kept
                client.get(side.base_url + path)
            before = side.cpu()
            for _ in range(args.requests):
                response = client.get(side.base_url + path)
            spent = side.cpu() - before
            print(
                f"{path}: {spent / args.requests * 1000:.3f} ms of the worker's CPU a request "
                f"({response.status_code}, {len(response.content)} bytes)"
            )
    finally:
        client.close()
        side.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
