"""Benchmark of appeal intake: how many appeals per second the portal registers.

    .venv/bin/python bench/intake.py [--appeals 1000] [--flows 300] [--clients 16]

Starts the portal with production settings on PostgreSQL and Redis (the
shared cache, session cache and rate-limit store, as in production) under
gunicorn (2 workers, 127.0.0.1 only) and measures two things, one after the
other, with 16 concurrent clients:

1. **Submissions** (the issue's figure). Beforehand, not measured, like the
   identification: each resident is identified (e-mail code) and has filled in
   the form and reached the check page, through the real requests (GET the
   form, POST "Продолжить", GET the check page). Measured: the 16 clients send
   ("Отправить") as fast as the server answers; each send is one request that
   validates the draft again, applies the rate limits and registers the
   appeal in one transaction (number, deadline, history, outbox, e-mail task).
   Reported: submissions per second, p50/p99 latency, server CPU per
   submission. Afterwards every status page is read and its number checked.
2. **Complete visits**, for reference: the whole five-request flow of a
   browser without JavaScript (GET the form, POST "Продолжить", GET the check
   page, POST "Отправить", GET the status page): visits per second, p50/p99
   of the whole visit, server CPU per visit. ``--script``: as a browser running
   the form's script, which gets the check step and the status page as the
   POSTs' answers (three requests; ``bench/appeal_client.py``).

Both count the stored appeals against the appeals sent (zero lost) and the
distinct registration numbers. Loopback only; bounded by the counts and
--time-limit.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import appeal_client as ac
from bench.server import DEFAULT_DATABASE_URL, gunicorn, percentile, prepare


def _ms(values: list[float], pct: float) -> float:
    return round(percentile(values, pct) * 1000, 1)


class Phase:
    """Latencies, failures and results of one measured phase (thread-safe)."""

    def __init__(self, deadline: float):
        self.deadline = deadline
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self.results: list = []

    def run(self, fn, items, clients: int) -> float:
        def one(item):
            if time.monotonic() > self.deadline:
                with self.lock:
                    self.failures.append("time limit")
                return
            started = time.perf_counter()
            try:
                result = fn(item)
            except ac.SubmitError as exc:
                with self.lock:
                    self.failures.append(str(exc))
                return
            elapsed = time.perf_counter() - started
            with self.lock:
                self.latencies.append(elapsed)
                self.results.append(result)

        wall_started = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(one, items))
        return time.perf_counter() - wall_started


def measure_submissions(server, sessions, path, *, clients: int, deadline: float) -> dict:
    from appeals_form.models import Appeal

    # Not measured: each resident reaches the check page (one client per resident).
    prepared = Phase(deadline)

    def prepare_one(session):
        client = ac.new_client(session)
        return client, ac.prepare_draft(client, base_url=server.base_url, form_path=path, session=session)

    prepared.run(prepare_one, sessions, clients)
    if prepared.failures:
        raise SystemExit(f"preparing drafts failed: {prepared.failures[:3]}")

    before = Appeal.objects.count()
    cpu_before = server.cpu_seconds()
    phase = Phase(deadline)
    wall = phase.run(lambda pair: (pair[0], ac.send_draft(pair[0], pair[1])), prepared.results, clients)
    cpu = server.cpu_seconds() - cpu_before
    stored = Appeal.objects.count() - before

    # Not measured: every applicant reads the number on the status page.
    checked = Phase(deadline)
    checked.run(lambda pair: ac.read_number(pair[0], pair[1]), phase.results, clients)
    for client, _ in prepared.results:
        client.close()
    sent = len(phase.latencies)
    return {
        "submissions_sent": len(sessions),
        "submissions_registered": sent,
        "appeals_stored": stored,
        "distinct_numbers": len(set(checked.results)),
        "failures": len(phase.failures) + len(checked.failures),
        "first_failures": (phase.failures + checked.failures)[:3],
        "submissions_per_second": round(sent / wall, 1),
        "p50_ms": _ms(phase.latencies, 50),
        "p99_ms": _ms(phase.latencies, 99),
        "server_cpu_ms_per_submission": round(cpu / max(sent, 1) * 1000, 2),
    }


def measure_visits(server, sessions, path, *, clients: int, deadline: float, in_place: bool = False) -> dict:
    from appeals_form.models import Appeal

    before = Appeal.objects.count()
    cpu_before = server.cpu_seconds()
    phase = Phase(deadline)

    def visit(session):
        client = ac.new_client(session)
        try:
            return ac.submit_appeal(
                client, base_url=server.base_url, form_path=path, session=session, in_place=in_place
            )
        finally:
            client.close()

    wall = phase.run(visit, sessions, clients)
    cpu = server.cpu_seconds() - cpu_before
    stored = Appeal.objects.count() - before
    done = len(phase.latencies)
    return {
        "visits_sent": len(sessions),
        "visits_completed": done,
        "appeals_stored": stored,
        "distinct_numbers": len(set(phase.results)),
        "failures": len(phase.failures),
        "first_failures": phase.failures[:3],
        "visits_per_second": round(done / wall, 1),
        "p50_ms": _ms(phase.latencies, 50),
        "p99_ms": _ms(phase.latencies, 99),
        "server_cpu_ms_per_visit": round(cpu / max(done, 1) * 1000, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--appeals", type=int, default=1000, help="submissions measured (phase 1)")
    parser.add_argument("--flows", type=int, default=300, help="complete visits measured (phase 2); 0 to skip")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--script", action="store_true", help="visits as a browser running the form's script")
    parser.add_argument("--warmup", type=int, default=48)
    parser.add_argument("--time-limit", type=float, default=600.0)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL.replace("portal_bench", "portal_bench_intake"))
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/5",
        help="the shared cache, as in production (loopback); flushed first. '' for none",
    )
    args = parser.parse_args()

    env = prepare(args.database_url, recreate=True)
    # Every client is 127.0.0.1: lift the per-address sending limit for the run.
    env["APPEALS_SUBMIT_LIMIT_PER_IP"] = str(10 * (args.appeals + args.flows + args.warmup))
    if args.redis_url:
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()
        env["REDIS_URL"] = args.redis_url
    ac.django_setup(env)
    from django.conf import settings

    sessions = ac.prepare_sessions(args.warmup + args.appeals + args.flows)
    warmup = sessions[: args.warmup]
    submissions = sessions[args.warmup : args.warmup + args.appeals]
    visits = sessions[args.warmup + args.appeals :]
    path = ac.form_path()
    deadline = time.monotonic() + args.time_limit

    with gunicorn(env, workers=2) as server:
        flow = {"clients": args.clients, "deadline": deadline, "in_place": args.script}
        measure_visits(server, warmup, path, **flow)
        first = measure_submissions(server, submissions, path, clients=args.clients, deadline=deadline)
        second = measure_visits(server, visits, path, **flow) if visits else None
        rss = server.worker_rss_mb()

    result = {
        "clients": args.clients,
        "workers": 2,
        "stores": {"sessions": settings.SESSION_ENGINE.rsplit(".", 1)[-1], "rate_limits": settings.RATELIMIT_STORE},
        "submissions": first,
        "complete_visits": second,
        "worker_rss_mb": [round(v, 1) for v in rss],
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    ok = first["failures"] == 0 and first["appeals_stored"] == first["submissions_sent"] == first["distinct_numbers"]
    if second is not None:
        ok = ok and second["failures"] == 0 and second["appeals_stored"] == second["visits_sent"]
    print("RESULT:", "OK (zero lost)" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
