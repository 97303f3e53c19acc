"""Fault test of forwarding: 1,000 appeals, a receiver down half the time, a worker killed twice.

    .venv/bin/python bench/fault_forwarding.py [--appeals 1000] [--database-url postgres://...]

Not part of ``make test``. Everything runs on loopback, on PostgreSQL:

1. a fresh database (bench/server.py: migrate, demo content), identified
   sessions prepared in it (bench/appeal_client.py);
2. a local receiver on 127.0.0.1 that, like a document system, deduplicates by
   the Idempotency-Key header and counts accepted deliveries;
3. gunicorn (2 workers, production settings), two ``manage.py db_worker``
   processes and ``manage.py run_scheduler`` (the forwarding sweep);
4. the appeals are submitted over HTTP through the real form, 8 at a time.
   During the middle half of the submissions the receiver is down: first it
   answers 503, then it refuses connections. Twice (before and after the
   outage) the receiver accepts a delivery and holds its answer, and the
   worker sending it is killed with SIGKILL at that moment; a new worker is
   started. The lease of the killed worker expires, the sweep enqueues the
   delivery again, and the receiver gets it a second time with the same key;
5. the script waits (bounded) until the outbox drains and prints: appeals
   registered, deliveries accepted (unique keys), duplicates the receiver
   discarded, failed deliveries. It exits non-zero unless every appeal was
   registered and exactly as many deliveries were accepted.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import appeal_client
from bench.server import ROOT, VENV_BIN, bench_env, free_port, gunicorn, prepare

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_fault"
SECRET = secrets.token_hex(16)


# --------------------------------------------------------------------------
# The receiver


@dataclass
class Receiver:
    """Accepts each Idempotency-Key once; later copies are answered 200 and counted as duplicates."""

    port: int
    mode: str = "up"  # "up", "503" or "refuse" (not listening)
    accepted: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    unavailable: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None
    stall_armed: threading.Event = field(default_factory=threading.Event)
    stalled: threading.Event = field(default_factory=threading.Event)
    stalled_key: str = ""
    release: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sed/inbox"

    @property
    def duplicates(self) -> int:
        return sum(count - 1 for count in self.accepted.values())

    def handle(self, key: str) -> tuple[int, bool]:
        """(status, stall): record the request as the receiver's database would."""
        with self.lock:
            self.requests += 1
            if self.mode == "503":
                self.unavailable += 1
                return 503, False
            self.accepted[key] = self.accepted.get(key, 0) + 1
            stall = self.stall_armed.is_set() and self.accepted[key] == 1
            if stall:
                self.stall_armed.clear()
                self.stalled_key = key
                self.stalled.set()
            return 200, stall

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                key = self.headers.get("Idempotency-Key", "")
                if not key or not body:
                    self.send_response(400)
                    self.end_headers()
                    return
                status, stall = receiver.handle(key)
                if stall:
                    # Accepted and stored; the answer waits until the sender has been killed.
                    receiver.release.wait(60)
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except OSError:
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()

    def stop_listening(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def set_mode(self, mode: str) -> None:
        with self.lock:
            self.mode = mode
        if mode == "refuse":
            self.stop_listening()
        elif self.server is None:
            self.start()


# --------------------------------------------------------------------------
# Processes


class Workers:
    """``manage.py db_worker`` processes, and the scheduler."""

    def __init__(self, env: dict[str, str], log):
        self.env = env
        self.log = log
        self.processes: dict[int, subprocess.Popen] = {}
        self.killed: list[int] = []

    def _spawn(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [str(VENV_BIN / "python"), "manage.py", *args], cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log
        )

    def start_worker(self) -> int:
        process = self._spawn("db_worker", "--queue-name", "*", "--no-reload", "--interval", "0.2")
        self.processes[process.pid] = process
        return process.pid

    def start_scheduler(self) -> None:
        process = self._spawn("run_scheduler", "--interval", "1")
        self.processes[process.pid] = process

    def kill(self, pid: int) -> None:
        os.kill(pid, signal.SIGKILL)
        self.processes.pop(pid).wait(10)
        self.killed.append(pid)

    def stop_all(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()


# --------------------------------------------------------------------------
# The run


def db_counts(baseline: dict[str, int] | None = None) -> dict[str, int]:
    """Counts in the database, less ``baseline`` (what the demo content had before the run)."""
    from appeals_form.models import Appeal, AppealEvent, OutboxMessage
    from forwarding.models import Delivery

    counts = {
        "appeals": Appeal.objects.count(),
        "outbox_unsent": OutboxMessage.objects.exclude(state=OutboxMessage.State.SENT).count(),
        "accepted": Delivery.objects.filter(state=Delivery.State.ACCEPTED).count(),
        "failed": Delivery.objects.filter(state=Delivery.State.FAILED).count(),
        "pending": Delivery.objects.filter(state=Delivery.State.PENDING).count(),
        "forwarded_events": AppealEvent.objects.filter(kind=AppealEvent.Kind.FORWARDED).count(),
    }
    return {key: value - (baseline or {}).get(key, 0) for key, value in counts.items()}


def kill_mid_delivery(receiver: Receiver, workers: Workers, say) -> bool:
    """Let the receiver accept one delivery and hold its answer; SIGKILL the worker sending it."""
    from forwarding.models import Delivery

    receiver.stalled.clear()
    receiver.release.clear()
    receiver.stall_armed.set()
    if not receiver.stalled.wait(60):
        receiver.stall_armed.clear()
        say("no delivery arrived to interrupt")
        return False
    delivery = Delivery.objects.filter(idempotency_key=receiver.stalled_key).first()
    # locked_by is "host:pid:thread" (forwarding.services.worker_name).
    pid = int(delivery.locked_by.split(":")[-2]) if delivery and delivery.locked_by else None
    if pid not in workers.processes:
        receiver.release.set()
        say(
            f"the delivery {receiver.stalled_key} is not held by one of our workers ({delivery and delivery.locked_by})"
        )
        return False
    workers.kill(pid)
    receiver.release.set()
    new_pid = workers.start_worker()
    say(f"killed worker {pid} (SIGKILL) in the middle of delivery {delivery.pk}; started worker {new_pid}")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--appeals", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--database-url", default=os.environ.get("FAULT_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--drain-timeout", type=float, default=300, help="seconds to wait for the outbox to drain")
    args = parser.parse_args()
    started = time.monotonic()

    def say(message: str) -> None:
        print(f"[{time.monotonic() - started:7.1f}s] {message}", flush=True)

    say(f"preparing a fresh database ({args.database_url.rsplit('/', 1)[1]})")
    prepare(args.database_url, recreate=True)
    receiver = Receiver(port=free_port())
    receiver.start()
    destination = {"name": "sed", "type": "webhook", "url": receiver.url, "secret": SECRET, "timeout": 3}
    env = bench_env(
        args.database_url,
        FORWARDING_DESTINATIONS=json.dumps([destination]),
        FORWARDING_RETRY_BASE_SECONDS="1",
        FORWARDING_RETRY_FACTOR="2",
        FORWARDING_RETRY_MAX_DELAY_SECONDS="8",
        FORWARDING_MAX_ATTEMPTS="1000",
        FORWARDING_LEASE_SECONDS="10",
        EMAIL_TIMEOUT="3",
        FORWARDING_SWEEP_SECONDS="2",
        FORWARDING_REQUEUE_AFTER_SECONDS="5",
        APPEALS_SUBMIT_LIMIT_PER_IP=str(10 * args.appeals),
    )
    appeal_client.django_setup(env)
    sessions = appeal_client.prepare_sessions(args.appeals, prefix="fault")
    path = appeal_client.form_path()
    baseline = db_counts()
    say(f"{len(sessions)} identified sessions prepared; form at {path}; receiver on {receiver.url}")
    say(f"before the run (demo content): {baseline}")

    log_path = Path(tempfile.gettempdir()) / "fault_forwarding.log"
    log = open(log_path, "w")  # noqa: SIM115 (closed at the end)
    say(f"logs of gunicorn's neighbours (workers, scheduler): {log_path}")
    workers = Workers(env, log)
    numbers: list[str] = []
    errors: list[str] = []
    outage = {"start": 0.0, "end": 0.0}
    kills = 0
    submit_start = submit_end = drain_end = time.monotonic()
    counts = {}
    try:
        with gunicorn(env, workers=2) as server:
            workers.start_worker()
            workers.start_worker()
            workers.start_scheduler()
            say(f"gunicorn (2 workers) on {server.base_url}, 2 db_workers, scheduler started")

            done = 0
            milestones = {
                int(args.appeals * 0.15): "kill",
                int(args.appeals * 0.25): "503",
                int(args.appeals * 0.50): "refuse",
                int(args.appeals * 0.75): "up",
                int(args.appeals * 0.85): "kill",
            }
            progress = threading.Condition()
            described = {"503": "answers 503", "refuse": "refuses connections", "up": "is up again"}

            def submit(session) -> str:
                client = appeal_client.new_client(session)
                try:
                    return appeal_client.submit_appeal(
                        client, base_url=server.base_url, form_path=path, session=session
                    )
                finally:
                    client.close()

            def orchestrate():
                nonlocal kills
                for at, action in sorted(milestones.items()):
                    with progress:
                        progress.wait_for(lambda at=at: done >= at)
                    if action == "kill":
                        kills += kill_mid_delivery(receiver, workers, say)
                    else:
                        receiver.set_mode(action)
                        if action == "503":
                            outage["start"] = time.monotonic()
                        if action == "up":
                            outage["end"] = time.monotonic()
                        say(f"{done} appeals sent: the receiver {described[action]}")

            conductor = threading.Thread(target=orchestrate, daemon=True)
            conductor.start()
            submit_start = time.monotonic()
            with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
                futures = [pool.submit(submit, session) for session in sessions]
                for future in as_completed(futures):
                    try:
                        numbers.append(future.result())
                    except Exception as exc:  # noqa: BLE001 - every failed submission is counted
                        errors.append(f"{type(exc).__name__}: {exc}")
                    with progress:
                        done += 1
                        progress.notify_all()
            submit_end = time.monotonic()
            conductor.join(120)
            if receiver.mode != "up":
                receiver.set_mode("up")
                outage["end"] = outage["end"] or time.monotonic()
            say(f"submitted: {len(numbers)} registered, {len(errors)} errors in {submit_end - submit_start:.1f} s")
            for error in errors[:5]:
                say(f"  error: {error}")

            deadline = time.monotonic() + args.drain_timeout
            counts = db_counts(baseline)
            while counts["outbox_unsent"] and time.monotonic() < deadline:
                time.sleep(1)
                counts = db_counts(baseline)
            drain_end = time.monotonic()
            say(
                f"outbox {'drained' if not counts['outbox_unsent'] else 'NOT drained'} {drain_end - submit_end:.1f} s "
                "after the last submission"
            )
            time.sleep(2)  # let a late duplicate (if any) reach the receiver before counting
            counts = db_counts(baseline)
    finally:
        workers.stop_all()
        receiver.stop_listening()
        log.close()

    run_seconds = drain_end - submit_start
    down_seconds = (outage["end"] or drain_end) - outage["start"] if outage["start"] else 0.0
    unique_numbers = len(set(numbers))
    result = {
        "appeals": args.appeals,
        "registered": counts["appeals"],
        "registration_numbers_returned": unique_numbers,
        "accepted_deliveries_unique_keys": len(receiver.accepted),
        "duplicates_discarded_by_receiver": receiver.duplicates,
        "failed": counts["failed"],
        "accepted_in_portal": counts["accepted"],
        "forwarded_events": counts["forwarded_events"],
        "outbox_unsent": counts["outbox_unsent"],
        "receiver_requests": receiver.requests,
        "receiver_503": receiver.unavailable,
        "workers_killed": kills,
        "receiver_down_seconds": round(down_seconds, 1),
        "run_seconds": round(run_seconds, 1),
        "submission_errors": len(errors),
    }
    print()
    print(f"appeals registered:                   {result['registered']} of {args.appeals}")
    print(f"accepted deliveries (unique keys):    {result['accepted_deliveries_unique_keys']}")
    print(f"duplicates discarded by the receiver: {result['duplicates_discarded_by_receiver']}")
    print(f"failed:                               {result['failed']}")
    print(
        f"(receiver down {down_seconds:.0f} s of a {run_seconds:.0f} s run: {receiver.unavailable} answers 503, "
        f"then refusing connections; workers killed mid-delivery: {kills}; "
        f"FORWARDED events: {counts['forwarded_events']})"
    )
    print("RESULT " + json.dumps(result, ensure_ascii=False))
    ok = (
        result["registered"] == args.appeals
        and unique_numbers == args.appeals
        and result["accepted_deliveries_unique_keys"] == args.appeals
        and result["accepted_in_portal"] == args.appeals
        and result["forwarded_events"] == args.appeals
        and result["failed"] == 0
        and kills == 2
    )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
