"""Benchmark of the public pages: cached, uncached, and a trivial Django view beside them.

    .venv/bin/python bench/pages.py [--quick] [--duration 3] [--rounds 1] [--reuse-db]
    make bench

Not part of ``make test``. On loopback only, on PostgreSQL:

1. a fresh database (bench/server.py: migrate, the demo content, static files);
2. two gunicorn servers (2 workers each, 127.0.0.1, production settings plus a
   trivial view: bench/pages_settings.py), one with the page cache
   (PAGE_CACHE_ENABLED=1) and one without (=0), on the same database and, when
   Redis answers on 127.0.0.1, the same Redis (as in production; its database
   --redis-url is flushed first);
3. the URL of each public page type, found in the database by page type (a
   type whose app or page does not exist yet is skipped with a note): home,
   standard page, section index, reception schedule, an official's page,
   events index, event, regulations index, regulation, reports index, report,
   the appeal form (anonymous first step), search, 404;
4. interleaved, round after round, each page on both servers, and the trivial
   view on both: a fixed-duration load with wrk (Debian's package; a
   multi-process Python client with keep-alive when wrk is missing), sending
   ``Accept-Encoding: gzip`` as browsers do.

Per page and mode it reports requests/s, p50/p99 latency, the server CPU per
request (user + system time of the gunicorn workers from /proc/<pid>/stat:
robust although the client shares the cores), the ratio to the trivial view,
and the cache state the page gets (hit, or bypass for pages that are never
stored); and each server's worker RSS after the run. It prints a Markdown
table and writes bench/results/pages-<date>.md. The targets are figures, not
tests: cached >= 80 % of the trivial view's requests/s, uncached <= 15 ms CPU
per request, worker RSS <= 150 MB. The run is bounded (--time-limit).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from http.client import HTTPConnection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import DEFAULT_DATABASE_URL, ROOT, bench_env, ensure_database, gunicorn, manage, percentile

RESULTS = ROOT / "bench" / "results"
TRIVIAL_PATH = "/bench/trivial/"
SETTINGS_MODULE = "bench.pages_settings"
TARGET_CACHED_RATIO = 0.8  # issue 19: "cached >= 80 % of the trivial view"
TARGET_UNCACHED_CPU_MS = 15.0
TARGET_RSS_MB = 150.0
# A cell counts when each worker did at least this share of the server's CPU (measure()).
MIN_WORKER_SHARE = 0.25
BALANCE_ATTEMPTS = 8

# (key, label, model label or None for a special URL)
PAGE_TYPES = [
    ("home", "Главная", "home.HomePage"),
    ("standard", "Текстовая страница", "home.StandardPage"),
    ("section", "Раздел", "home.SectionIndexPage"),
    ("schedule", "График приёма", "schedules.ReceptionSchedulePage"),
    ("official", "Страница должностного лица", None),
    ("event-index", "Мероприятия", "schedules.EventIndexPage"),
    ("event", "Мероприятие", "schedules.EventPage"),
    ("regulation-index", "Нормативные акты", "regulations.RegulationIndexPage"),
    ("regulation", "Нормативный акт", "regulations.RegulationPage"),
    ("report-index", "Отчёты", "reports.ReportIndexPage"),
    ("report", "Отчёт", "reports.ReportPage"),
    ("appeal-form", "Интернет-приёмная (первый шаг)", "appeals_form.AppealFormPage"),
    ("search", "Поиск", None),
    ("404", "Страница не найдена", None),
]

WRK_SCRIPT = r"""
done = function(summary, latency, requests)
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "connect_errors": %d, "read_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass
class Target:
    key: str
    label: str
    path: str
    status: int = 200
    note: str = ""


@dataclass
class Sample:
    requests: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)  # or the two percentiles from wrk
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    errors: int = 0
    cpu_seconds: float = 0.0


# -- Preparation ------------------------------------------------------------------------------------------------


def prepare(database_url: str, *, reuse: bool, env: dict[str, str]) -> None:
    """A database with the demo content: made afresh, or (--reuse-db) kept when it has a home page."""
    exists = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SELECT 1 FROM home_homepage LIMIT 1", database_url],
        capture_output=True,
        text=True,
        check=False,
    )
    if reuse and exists.returncode == 0 and exists.stdout.strip() == "1":
        manage(env, "migrate", "--noinput", "-v", "0")
    else:
        ensure_database(database_url, recreate=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo_content", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")


def discover(env: dict[str, str]) -> tuple[list[Target], list[str]]:
    """URLs of each page type, from the database (run in a child process with the servers' settings)."""
    code = r"""
import json, django
django.setup()
from django.apps import apps
found, notes = {}, []
for key, label, model_label in json.loads(TYPES):
    if model_label is None:
        continue
    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        notes.append(f"{key}: skipped, {model_label} does not exist yet")
        continue
    page = model.objects.live().public().order_by("path").first()
    if page is None:
        notes.append(f"{key}: skipped, no live {model_label} in the demo content")
        continue
    found[key] = page.get_url()
if "schedule" in found:
    from schedules.models import Official
    official = Official.objects.filter(is_active=True).order_by("order", "surname").first()
    if official is not None:
        found["official"] = found["schedule"] + official.slug + "/"
    else:
        notes.append("official: skipped, no active official")
print("DISCOVERED " + json.dumps({"found": found, "notes": notes}, ensure_ascii=False))
"""
    child_env = {**env, "TYPES": json.dumps(PAGE_TYPES)}
    result = subprocess.run(
        [sys.executable, "-c", "import os; TYPES = os.environ['TYPES']\n" + code],
        cwd=ROOT,
        env=child_env,
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("DISCOVERED "))
    data = json.loads(line.removeprefix("DISCOVERED "))
    found, notes = data["found"], data["notes"]
    found["search"] = "/search/?q=%D0%BE%D0%B1%D1%80%D0%B0%D1%89%D0%B5%D0%BD%D0%B8%D0%B5"  # «обращение»
    found["404"] = "/bench-net-takoy-stranicy/"
    targets = [
        Target(key=key, label=label, path=found[key], status=404 if key == "404" else 200)
        for key, label, _ in PAGE_TYPES
        if key in found
    ]
    return targets, notes


# -- Load generators --------------------------------------------------------------------------------------------


def run_wrk(url: str, *, duration: float, connections: int, script: Path) -> Sample:
    out = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{max(1, round(duration))}s",
            "--timeout",
            "5s",
            "-H",
            "Accept-Encoding: gzip",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK_JSON "))
    data = json.loads(line.removeprefix("WRK_JSON "))
    return Sample(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        errors=data["connect_errors"] + data["read_errors"] + data["timeouts"],
    )


def _python_worker(host: str, port: int, path: str, deadline: float, queue) -> None:
    latencies, errors = [], 0
    connection = HTTPConnection(host, port, timeout=5)
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept-Encoding": "gzip", "Connection": "keep-alive"})
            response = connection.getresponse()
            response.read()
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except OSError:
            errors += 1
            connection.close()
            connection = HTTPConnection(host, port, timeout=5)
            continue
        latencies.append((time.perf_counter() - started) * 1000)
    connection.close()
    queue.put((latencies, errors))


def run_python(url: str, *, duration: float, connections: int) -> Sample:
    """The fallback load generator: processes with keep-alive connections (gunicorn's sync workers close them)."""
    rest = url.split("://", 1)[1]
    hostport, _, path = rest.partition("/")
    host, port = hostport.split(":")
    queue = multiprocessing.Queue()
    deadline = time.monotonic() + duration
    started = time.perf_counter()
    workers = [
        multiprocessing.Process(target=_python_worker, args=(host, int(port), "/" + path, deadline, queue))
        for _ in range(connections)
    ]
    for worker in workers:
        worker.start()
    results = [queue.get() for _ in workers]
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - started
    latencies = [value for part, _ in results for value in part]
    return Sample(
        requests=len(latencies),
        seconds=seconds,
        latencies_ms=latencies,
        p50_ms=percentile(latencies, 50),
        p99_ms=percentile(latencies, 99),
        errors=sum(errors for _, errors in results),
    )


# -- Measuring ---------------------------------------------------------------------------------------------------


def probe(url: str, expected: int, *, times: int = 6) -> str:
    """Request a URL a few times (every worker renders it once); return its X-Page-Cache state."""
    state = ""
    for _ in range(times):
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, state = response.status, response.headers.get("X-Page-Cache", "")
        except urllib.error.HTTPError as error:
            status, state = error.code, error.headers.get("X-Page-Cache", "")
        if status != expected:
            raise RuntimeError(f"{url}: HTTP {status}, expected {expected}")
    return state or "-"


def static_headers(base_url: str, page_path: str) -> str:
    """Cache-Control and Content-Encoding of the stylesheet a page links to (WhiteNoise, hashed names)."""
    import re

    with urllib.request.urlopen(base_url + page_path, timeout=10) as response:
        html = response.read().decode()
    match = re.search(r'href="(/static/[^"]+\.css)"', html)
    if match is None:
        return "no stylesheet link found"
    request = urllib.request.Request(base_url + match.group(1), headers={"Accept-Encoding": "gzip, br"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return (
            f"`{match.group(1)}`: Cache-Control `{response.headers.get('Cache-Control')}`, "
            f"Content-Encoding `{response.headers.get('Content-Encoding')}`"
        )


def merge(samples: list[Sample]) -> dict:
    requests = sum(s.requests for s in samples)
    seconds = sum(s.seconds for s in samples)
    cpu = sum(s.cpu_seconds for s in samples)
    p50s = sorted(s.p50_ms for s in samples)
    return {
        "requests": requests,
        "rps": requests / seconds if seconds else 0.0,
        "p50_ms": p50s[len(p50s) // 2],
        "p99_ms": max(s.p99_ms for s in samples),
        "cpu_ms": cpu / requests * 1000 if requests else float("nan"),
        "errors": sum(s.errors for s in samples),
    }


def fmt(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}"


def report(results, targets, states, rss, meta, notes) -> str:
    trivial = {mode: results[("trivial", mode)] for mode in ("cached", "uncached")}
    lines = [
        f"# Page benchmark, {meta['date']}",
        "",
        f"- machine: {meta['cpus']} CPU, load average before the run {meta['load']}; Python {meta['python']}",
        f"- servers: gunicorn, 2 workers each, production settings ({SETTINGS_MODULE}), PostgreSQL; "
        f"cache: {meta['cache']}; load generator: {meta['client']}, {meta['connections']} connections, "
        f"{meta['duration']} s × {meta['rounds']} round(s) per cell, interleaved; Accept-Encoding: gzip",
        "- the client shares the cores with the servers: compare server CPU per request first",
        "",
        "| page | path | mode | cache | req/s | vs trivial | p50 ms | p99 ms | server CPU ms/req | errors |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = [Target("trivial", "Тривиальное представление Django", TRIVIAL_PATH), *targets]
    for target in rows:
        for mode in ("cached", "uncached"):
            result = results.get((target.key, mode))
            if result is None:
                continue
            ratio = result["rps"] / trivial[mode]["rps"] if trivial[mode]["rps"] else float("nan")
            lines.append(
                f"| {target.label} | `{target.path}` | {mode} | {states.get((target.key, mode), '-')} "
                f"| {fmt(result['rps'], 0)} | {fmt(ratio * 100, 0)} % | {fmt(result['p50_ms'])} "
                f"| {fmt(result['p99_ms'])} | {fmt(result['cpu_ms'], 2)} | {result['errors']} |"
            )
    lines += ["", "Worker RSS after the run (MB): " + "; ".join(f"{mode}: {values}" for mode, values in rss.items())]
    lines += ["", "## Targets (figures, not tests)", ""]
    for target in targets:
        cached, uncached = results.get((target.key, "cached")), results.get((target.key, "uncached"))
        if cached is None or uncached is None:
            continue
        stored = states.get((target.key, "cached")) == "hit"
        ratio = cached["rps"] / trivial["cached"]["rps"]
        cached_ok = "n/a (never stored)" if not stored else ("met" if ratio >= TARGET_CACHED_RATIO else "MISSED")
        cpu_ok = "met" if uncached["cpu_ms"] <= TARGET_UNCACHED_CPU_MS else "MISSED"
        lines.append(
            f"- {target.label}: cached {fmt(ratio * 100, 0)} % of trivial ({cached_ok}); "
            f"uncached {fmt(uncached['cpu_ms'], 2)} ms CPU/request ({cpu_ok})"
        )
    worst = max((value for values in rss.values() for value in values), default=float("nan"))
    lines.append(f"- worker RSS at most {fmt(worst)} MB ({'met' if worst <= TARGET_RSS_MB else 'MISSED'})")
    if notes:
        lines += ["", "## Notes", "", *[f"- {note}" for note in notes]]
    return "\n".join(lines) + "\n"


def measure(cells, servers, samples, *, args, client, script, started, notes) -> int:
    """Rounds of every cell (page x server), interleaved, within the time limit; the number of cells measured again.

    A cell in which one of the two workers did less than MIN_WORKER_SHARE of the
    CPU is measured again (up to BALANCE_ATTEMPTS times): gunicorn's gthread
    workers each accept keep-alive connections as they come, and when all of
    wrk's connections land in one worker the cell runs on one core (about half
    the requests per second, for the trivial view as for any page), which says
    nothing about the page.
    """
    retried = 0
    for round_no in range(args.rounds):
        for target in cells:
            for mode, server in servers.items():
                if time.monotonic() - started > args.time_limit:
                    notes.append(f"time limit reached in round {round_no + 1}: later cells were not measured")
                    return retried
                url = server.base_url + target.path
                for attempt in range(1, BALANCE_ATTEMPTS + 1):
                    before = server.cpu_by_worker()
                    if client == "wrk":
                        sample = run_wrk(url, duration=args.duration, connections=args.connections, script=script)
                    else:
                        sample = run_python(url, duration=args.duration, connections=args.connections)
                    after = server.cpu_by_worker()
                    spent = [after[pid] - before.get(pid, 0.0) for pid in after]
                    sample.cpu_seconds = sum(spent)
                    share = min(spent) / sample.cpu_seconds if len(spent) > 1 and sample.cpu_seconds else 1.0
                    if share >= MIN_WORKER_SHARE or attempt == BALANCE_ATTEMPTS:
                        break
                    # The kernel gave every keep-alive connection to one worker: the cell
                    # measured one core, not the server. Measure it again.
                    print(
                        f"  {target.key:18s} {mode:8s} one worker did {share:.0%} of the work: again", file=sys.stderr
                    )
                    retried += 1
                if share < MIN_WORKER_SHARE:
                    notes.append(
                        f"{target.key} ({mode}), round {round_no + 1}: still unbalanced after {BALANCE_ATTEMPTS} tries"
                    )
                samples.setdefault((target.key, mode), []).append(sample)
                rate = sample.requests / sample.seconds if sample.seconds else 0.0
                print(f"  {target.key:18s} {mode:8s} {rate:8.0f} req/s", file=sys.stderr)
    return retried


def redis_usable(url: str) -> bool:
    try:
        import redis
    except ImportError:
        return False
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except (redis.RedisError, OSError):
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke check: 1 s per cell, reuse the database")
    parser.add_argument("--duration", type=float, default=3.0, help="seconds of load per page and mode, per round")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--time-limit", type=float, default=420.0, help="seconds for the measuring, at most")
    parser.add_argument("--reuse-db", action="store_true", help="keep the database if it holds the demo content")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL.replace("portal_bench", "portal_bench_pages"))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/6", help="flushed first; '' for local memory")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    args = parser.parse_args()
    if args.quick:
        args.duration, args.rounds, args.reuse_db = 1.0, 1, True

    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    cache = "local memory (per worker)"
    extra = {"DJANGO_SETTINGS_MODULE": SETTINGS_MODULE, "PAGE_CACHE_HEADER": "1"}
    if args.redis_url and redis_usable(args.redis_url):
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()
        extra["REDIS_URL"] = args.redis_url
        cache = f"Redis ({args.redis_url})"
    env = bench_env(args.database_url, **extra)
    meta = {
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cpus": os.cpu_count(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "cache": cache,
        "client": client,
        "connections": args.connections,
        "duration": args.duration,
        "rounds": args.rounds,
    }
    print(f"preparing {args.database_url} ...", file=sys.stderr)
    prepare(args.database_url, reuse=args.reuse_db, env=env)
    targets, notes = discover(env)
    if client == "python":
        notes.append("wrk was not found: the Python client (more client CPU per request) measured")
    notes.append("search with a query is never cached (what people type may be personal data): both modes render it")

    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(WRK_SCRIPT)
    samples: dict[tuple[str, str], list[Sample]] = {}
    states: dict[tuple[str, str], str] = {}
    rss: dict[str, list[float]] = {}
    started = time.monotonic()
    cells = [Target("trivial", "trivial", TRIVIAL_PATH), *targets]
    try:
        with (
            gunicorn({**env, "PAGE_CACHE_ENABLED": "1"}, workers=2) as cached,
            gunicorn({**env, "PAGE_CACHE_ENABLED": "0"}, workers=2) as uncached,
        ):
            servers = {"cached": cached, "uncached": uncached}
            for target in cells:
                for mode, server in servers.items():
                    expected = 404 if target.key == "404" else 200
                    states[(target.key, mode)] = probe(server.base_url + target.path, expected)
            notes.append("static files: " + static_headers(cached.base_url, "/"))
            rss_start = {mode: [round(v, 1) for v in server.worker_rss_mb()] for mode, server in servers.items()}
            notes.append(f"worker RSS after start and one request per page (MB): {rss_start}")
            retried = measure(
                cells, servers, samples, args=args, client=client, script=script, started=started, notes=notes
            )
            if retried:
                notes.append(f"{retried} cell run(s) with one worker idle were measured again")
            rss = {mode: [round(v, 1) for v in server.worker_rss_mb()] for mode, server in servers.items()}
    finally:
        script.unlink(missing_ok=True)

    results = {cell: merge(values) for cell, values in samples.items()}
    if ("trivial", "cached") not in results or ("trivial", "uncached") not in results:
        print("the trivial view was not measured", file=sys.stderr)
        return 1
    text = report(results, targets, states, rss, meta, notes)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"pages-{datetime.now():%Y-%m-%d}.md"
    out.write_text(text)
    print(f"written: {out.relative_to(ROOT)}", file=sys.stderr)
    errors = sum(result["errors"] for result in results.values())
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
