"""The scale benchmark: a department's five years on PostgreSQL, the admin queue, exports, jobs, public pages.

    .venv/bin/python bench/scale.py [--database-url URL] [--appeals 100000] [--repeat 7] [--skip-exports]
    make bench-scale

Not part of ``make test``. Loopback and the local PostgreSQL only, bounded:

1. the database (default ``portal_scale`` on 127.0.0.1): migrate, the demo
   content, ``manage.py load_scale_data`` (idempotent: a second run reuses
   the data), static files;
2. in one process with the production settings (bench/scale_inner.py): the
   queue's listing, each filter, search by number/surname/e-mail/a word of the
   text, sorts, page 1 and 400, the appeal card, the dashboard; the register
   statistics for a half-year, the due digest; every public page type uncached
   and cached. Per case: wall time p50/p95, CPU and database time, queries;
   EXPLAIN ANALYZE of the slowest queue queries;
3. the exports over HTTP from gunicorn (1 worker of gunicorn.conf.py's kind,
   gthread, and its timeout, as ``make run``): CSV and XLSX of every appeal,
   with and without the personal columns: time to the first byte, total time,
   size, and the worker's peak RSS (VmHWM; a fresh worker per export);
4. a Markdown report in bench/results/scale-<date>.md.

The machine is shared (2 cores, other jobs): wall times are noisy; CPU time
and database time are the steadier figures, and only figures of one run are
compared with each other.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import PAGE_TYPES, discover
from bench.server import ROOT, VENV_BIN, bench_env, ensure_database, gunicorn, manage

RESULTS = ROOT / "bench" / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_scale"
TARGET_QUEUE_MS, TARGET_QUEUE_QUERIES, TARGET_CARD_MS = 150, 15, 100
TARGET_EXPORT_RSS_MB, TARGET_CSV_S = 250, 60
EXPORT_TIME_LIMIT_S = 240
INDEXES = [
    ("appeals_due_id_idx", "(due_date, id DESC)", "the queue's default order; deep pages by an index-only scan"),
    ("appeals_received_idx", "(received_at)", "sort by the date received"),
    ("appeals_registered_idx", "(registered_at)", "the period filter, the register statistics, the model order"),
    (
        "appeals_person_trgm_idx",
        "GIN trigram on number, names, e-mail, search_extra (phone digits, address, co-authors; lower, е=ё)",
        "search by substring",
    ),
    ("appeals_text_fts_idx", "GIN to_tsvector('russian', text)", "search by a word of the appeal's text"),
]


def inner(env: dict[str, str], *args: str) -> dict:
    result = subprocess.run(
        [str(VENV_BIN / "python"), "bench/scale_inner.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )
    sys.stderr.write(result.stderr[-4000:])
    if result.returncode != 0:
        raise RuntimeError("bench/scale_inner.py failed")
    line = next(line for line in reversed(result.stdout.splitlines()) if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def peak_rss_mb(pids: list[int]) -> float:
    peak = 0.0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
        except FileNotFoundError:
            continue
    return peak


def export(env: dict[str, str], *, cookie: str, session: str, fmt: str, extra: str = "", port: int | None) -> dict:
    """One export over HTTP from a fresh single-worker gunicorn: TTFB, total, size, status, peak RSS."""
    with gunicorn(env, workers=1, port=port) as server:
        pids = server.refresh_workers()
        request = urllib.request.Request(
            f"{server.base_url}/admin/appeals/?export={fmt}{extra}", headers={"Cookie": f"{cookie}={session}"}
        )
        started = time.monotonic()
        first = None
        size = 0
        status = 0
        try:
            with urllib.request.urlopen(request, timeout=EXPORT_TIME_LIMIT_S) as response:
                status = response.status
                while chunk := response.read(64 * 1024):
                    first = first or time.monotonic()
                    size += len(chunk)
                    if time.monotonic() - started > EXPORT_TIME_LIMIT_S:
                        break
        except (OSError, http.client.HTTPException) as error:  # a killed worker is a result to report
            status = getattr(error, "code", 0) or str(error)[:80]
        total = time.monotonic() - started
        rss = peak_rss_mb(pids)
    return {
        "format": fmt + (" ;" if "semicolon" in extra else ""),
        "status": status,
        "ttfb_s": (first - started) if first else None,
        "total_s": total,
        "mb": size / 1e6,
        "peak_rss_mb": rss,
    }


def fmt(value, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}"


def report(data: dict, meta: dict) -> str:
    lines = [
        f"# Scale benchmark, {meta['date']}",
        "",
        f"`{meta['command']}` — PostgreSQL {meta['postgres']}, {meta['appeals']} appeals "
        f"({meta['events']} history events), Python {platform.python_version()}, {os.cpu_count()} cores shared "
        f"with other jobs (load average {meta['load']} at the start, {meta.get('load_end', '?')} at the end). "
        "Wall times are noisy on this machine; CPU and database time are the steadier figures. "
        "Only figures of one run are compared.",
        "",
        "## Admin queue (officer, Django test client in one process, production settings)",
        "",
        f"Targets: ≤ {TARGET_QUEUE_MS} ms p95, ≤ {TARGET_QUEUE_QUERIES} queries, constant in the number of appeals; "
        f"the card ≤ {TARGET_CARD_MS} ms.",
        "",
        "| Case | p50 ms | p95 ms | CPU p50 ms | DB p50 ms | DB p95 ms | queries | status |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in data.get("queue", []):
        lines.append(
            f"| {row['label']} | {fmt(row['p50_ms'])} | {fmt(row['p95_ms'])} | {fmt(row['cpu_p50_ms'])} | "
            f"{fmt(row['db_p50_ms'], 1)} | {fmt(row['db_p95_ms'], 1)} | {row['queries']} | {row['status']} |"
        )
    lines += ["", "## Jobs", "", "| Job | p50 ms | p95 ms | DB p50 ms | queries |", "|---|---:|---:|---:|---:|"]
    for row in data.get("jobs", []):
        lines.append(
            f"| {row['label']} | {fmt(row['p50_ms'])} | {fmt(row['p95_ms'])} | {fmt(row['db_p50_ms'], 1)} | "
            f"{row['queries']} |"
        )
    if data.get("exports"):
        lines += [
            "",
            "## Exports of every appeal over HTTP (gunicorn, 1 worker as in gunicorn.conf.py)",
            "",
            f"Targets: streamed, worker RSS ≤ {TARGET_EXPORT_RSS_MB} MB, CSV ≤ {TARGET_CSV_S} s.",
            "",
            "| Export | personal columns | HTTP | first byte s | total s | MB | worker peak RSS MB |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        for row in data["exports"]:
            lines.append(
                f"| {row['format']} | {'yes' if row['personal'] else 'no'} | {row['status']} | "
                f"{fmt(row['ttfb_s'], 1)} | {fmt(row['total_s'], 1)} | {fmt(row['mb'], 1)} | "
                f"{fmt(row['peak_rss_mb'])} |"
            )
    if data.get("pages"):
        lines += [
            "",
            "## Public pages (anonymous, in one process)",
            "",
            "| Page | uncached CPU p50 ms | uncached queries | cached CPU p50 ms | cached queries |",
            "|---|---:|---:|---:|---:|",
        ]
        labels = {key: label for key, label, _ in PAGE_TYPES}
        labels.update({"event-year": "Мероприятия: архив за год", "event-month": "Мероприятия: архив за месяц"})
        for row in data["pages"]:
            lines.append(
                f"| {labels.get(row['key'], row['key'])} | {fmt(row['uncached']['cpu_p50_ms'], 1)} | "
                f"{row['uncached']['queries']} | {fmt(row['cached']['cpu_p50_ms'], 1)} | {row['cached']['queries']} |"
            )
    lines += ["", "## Indexes added for the queue (migration appeals_form 0004)", ""]
    lines += [f"- `{name}` {columns}: {why}" for name, columns, why in INDEXES]
    lines += ["", "## EXPLAIN ANALYZE of the slowest queue requests' queries", ""]
    for plan in data.get("plans", []):
        lines += [
            "```sql",
            plan["sql"][:600] + (" …" if len(plan["sql"]) > 600 else ""),
            "```",
            "```",
            plan["plan"],
            "```",
            "",
        ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_SCALE_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--appeals", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--skip-exports", action="store_true")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument(
        "--skip-queue", action="store_true", help="no admin queue and jobs (they need at least 5,000 appeals)"
    )
    parser.add_argument("--output", default="")
    parser.add_argument("--port", type=int, default=None, help="gunicorn's port on 127.0.0.1 (default: a free one)")
    args = parser.parse_args()

    ensure_database(args.database_url)
    env = bench_env(args.database_url)
    env["DJANGO_SECRET_KEY"] = "bench-scale-" + "x" * 50  # the same in every child (sessions)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo_content", "-v", "0")
    manage(env, "load_scale_data", "--appeals", str(args.appeals))
    manage(env, "collectstatic", "--noinput", "-v", "0")
    load = os.getloadavg()[0]

    targets = {}
    if not args.skip_pages:
        found, notes = discover(env)
        targets = {target.key: target.path for target in found}
        if "event-index" in targets:  # the events archive: the current year, last month (~16 events at scale)
            last = (datetime.now().replace(day=1) - timedelta(days=1)).date()
            targets["event-year"] = f"{targets['event-index']}arhiv/{last:%Y}/"
            targets["event-month"] = f"{targets['event-index']}arhiv/{last:%Y}/{last:%m}/"
        for note in notes:
            print(note, file=sys.stderr)
    skip = ",".join(part for part, wanted in (("pages", args.skip_pages), ("queue,jobs", args.skip_queue)) if wanted)
    data = inner(env, "--repeat", str(args.repeat), "--pages", json.dumps(targets), "--skip", skip)

    if not args.skip_exports:
        keys = inner(env, "--sessions")
        data["exports"] = []
        for personal in (False, True):
            session = keys["exporter" if personal else "officer"]
            for export_format, extra in (("csv", ""), ("csv", "&csv_separator=semicolon"), ("xlsx", "")):
                if export_format == "csv" and extra and not personal:
                    continue
                row = export(
                    env, cookie=keys["cookie"], session=session, fmt=export_format, extra=extra, port=args.port
                )
                row["personal"] = personal
                data["exports"].append(row)
                print(f"  export {row}", file=sys.stderr)

    counts = (
        subprocess.run(
            [
                "psql",
                args.database_url,
                "-tAc",
                "SELECT (SELECT count(*) FROM appeals_form_appeal), "
                "(SELECT count(*) FROM appeals_form_appealevent), current_setting('server_version')",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .split("|")
    )
    meta = {
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "command": " ".join(["bench/scale.py", *sys.argv[1:]]) if len(sys.argv) > 1 else "make bench-scale",
        "appeals": counts[0],
        "events": counts[1],
        "postgres": counts[2],
        "load": f"{load:.1f}",
        "load_end": f"{os.getloadavg()[0]:.1f}",
    }
    text = report(data, meta)
    RESULTS.mkdir(parents=True, exist_ok=True)
    output = Path(args.output) if args.output else RESULTS / f"scale-{datetime.now():%Y-%m-%d}.md"
    output.write_text(text, encoding="utf-8")
    (output.with_suffix(".json")).write_text(json.dumps({"meta": meta, **data}, ensure_ascii=False, indent=1))
    print(text)
    print(f"Written: {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
