"""Benchmark of appeal intake: how many appeals per second the portal registers.

    .venv/bin/python bench/intake.py [--appeals 800] [--clients 16]

Starts the portal with production settings on PostgreSQL and Redis (the
shared cache and session cache, as in production) under gunicorn (2 workers,
127.0.0.1 only), prepares identified sessions beforehand (the e-mail-code step
is not measured), then 16 concurrent clients each submit
appeals through the real form flow, as a browser without JavaScript does:
GET the form, POST "Продолжить", GET the check page, POST "Отправить", GET
the status page. It reports:

- appeals registered per second (complete flows / wall time),
- p50/p99 latency of the "Отправить" POST (the registration transaction),
- p50/p99 latency of the whole five-request flow,
- server CPU per appeal, and
- the count of stored appeals against the count sent (must be equal: zero lost).

Loopback only; bounded by --appeals and a time limit.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import appeal_client as ac
from bench.server import DEFAULT_DATABASE_URL, gunicorn, percentile, prepare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--appeals", type=int, default=800)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=32)
    parser.add_argument("--time-limit", type=float, default=300.0)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL.replace("portal_bench", "portal_bench_intake"))
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/5",
        help="the shared cache, as in production (loopback); flushed first. '' for none",
    )
    args = parser.parse_args()

    env = prepare(args.database_url, recreate=True)
    # Every client is 127.0.0.1: lift the per-address sending limit for the run.
    env["APPEALS_SUBMIT_LIMIT_PER_IP"] = str(10 * (args.appeals + args.warmup))
    if args.redis_url:
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()
        env["REDIS_URL"] = args.redis_url
    ac.django_setup(env)
    from appeals_form.models import Appeal

    sessions = ac.prepare_sessions(args.appeals + args.warmup)
    path = ac.form_path()

    with gunicorn(env, workers=2) as server:
        send_latencies: list[float] = []
        flow_latencies: list[float] = []
        failures: list[str] = []
        deadline = time.monotonic() + args.time_limit

        def one(session: ac.PreparedSession, record: bool) -> None:
            if time.monotonic() > deadline:
                failures.append("time limit")
                return
            client = ac.new_client(session)
            responses = []
            client.hooks["response"].append(lambda response, *a, **k: responses.append(response))
            started = time.perf_counter()
            try:
                ac.submit_appeal(client, base_url=server.base_url, form_path=path, session=session)
            except ac.SubmitError as exc:
                failures.append(str(exc))
                return
            finally:
                client.close()
            if record:
                flow_latencies.append(time.perf_counter() - started)
                for response in responses:
                    body = response.request.body or ""
                    if isinstance(body, bytes):
                        body = body.decode("latin-1")
                    if response.request.method == "POST" and "action=send" in body:
                        send_latencies.append(response.elapsed.total_seconds())

        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(lambda s: one(s, False), sessions[: args.warmup]))
        before = Appeal.objects.count()
        cpu_before = server.cpu_seconds()
        wall_started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(lambda s: one(s, True), sessions[args.warmup :]))
        wall = time.perf_counter() - wall_started
        cpu = server.cpu_seconds() - cpu_before
        stored = Appeal.objects.count() - before
        rss = server.worker_rss_mb()

    sent = len(flow_latencies)
    result = {
        "appeals_sent": args.appeals,
        "appeals_completed": sent,
        "appeals_stored": stored,
        "failures": len(failures),
        "clients": args.clients,
        "appeals_per_second": round(sent / wall, 1),
        "send_p50_ms": round(percentile(send_latencies, 50) * 1000, 1),
        "send_p99_ms": round(percentile(send_latencies, 99) * 1000, 1),
        "flow_p50_ms": round(percentile(flow_latencies, 50) * 1000, 1),
        "flow_p99_ms": round(percentile(flow_latencies, 99) * 1000, 1),
        "server_cpu_ms_per_appeal": round(cpu / max(sent, 1) * 1000, 1),
        "worker_rss_mb": [round(v, 1) for v in rss],
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if failures:
        print("first failures:", failures[:5], file=sys.stderr)
    ok = not failures and stored == args.appeals == sent
    print("RESULT:", "OK (zero lost)" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
