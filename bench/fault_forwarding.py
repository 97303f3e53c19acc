"""Fault test of the whole intake: 1,000 appeals while everything a server room can lose is lost.

    make fault                                   # both modes, one after the other
    .venv/bin/python bench/fault_forwarding.py --mode database [--appeals 1000]
    .venv/bin/python bench/fault_forwarding.py --mode redis

Not part of ``make test``. Loopback only, bounded in count and time. The run
starts its OWN PostgreSQL cluster (initdb in a temporary folder, port 55415)
and, in ``redis`` mode, its own ``redis-server`` (port 16315), so that it can
restart and stop them without disturbing the machine's servers
(bench/fault_infra.py). Modes: ``database`` (no Redis at all: rate limits,
sessions and cache in the database / local memory, the default of a fresh
clone) and ``redis`` (REDIS_URL set: rate limits and cache in Redis).

1. a fresh database (migrate, demo content), identified sessions prepared in
   it (bench/appeal_client.py); a local receiver on 127.0.0.1 that, like a
   document system, deduplicates by the Idempotency-Key header;
2. gunicorn (2 workers, production settings), two ``manage.py db_worker``
   processes and ``manage.py run_scheduler``, kept running by a supervisor
   that restarts one that exits on its own (as systemd's Restart=always);
3. the appeals are submitted over HTTP through the real form, 8 at a time. A
   resident who meets «попробуйте ещё раз» (503) presses the button again a
   second later; the page must say so and keep the draft. Faults, by the
   number of appeals sent:

   - 10 % and 85 %: the receiver accepts a delivery and holds its answer;
     the worker sending it is SIGKILLed (the receiver gets it again later
     with the same key and discards the copy);
   - 20 %: the receiver answers 503; 45 %: it refuses connections; 70 %: up;
   - 30 %: Redis is stopped (redis mode); 60 %: started again;
   - 35 %: a second scheduler starts: two at once until the end;
   - 40 %: PostgreSQL is restarted (fast shutdown: open connections cut);
   - 55 %: the first scheduler is SIGKILLed, started again 5 s later;

4. every second a sampler counts the waiting tasks of forwarding and the
   deliveries still to make: waiting tasks <= due + workers at every sample
   ("due": deliveries not yet accepted or failed, plus messages whose
   deliveries do not exist yet);
5. the script waits (bounded) until the outbox and the queue drain and
   prints the figures. It exits non-zero on any loss, duplicate registration,
   half-registered appeal, failed delivery, stuck queue, a broken queue rule,
   or a periodic job enqueued twice for one slot.
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
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests

from bench import appeal_client
from bench.fault_infra import PrivatePostgres, PrivateRedis, Supervisor
from bench.server import ROOT, VENV_BIN, bench_env, free_port, gunicorn, prepare

SECRET = secrets.token_hex(16)
RETRY_PHRASE = "попробуйте ещё раз"
WORKERS = 2


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
# The resident


@dataclass
class Resident:
    """Counts what residents met: pages asking to try again, and how many times they did."""

    retries: int = 0
    step_503: int = 0  # 503 pages met while opening the form or the status page
    retry_pages: int = 0
    retry_pages_without_phrase: int = 0
    draft_lost: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, response: requests.Response | None, draft: appeal_client.CheckedDraft | None = None) -> None:
        with self.lock:
            self.retries += 1
            if response is None or response.status_code != 503:
                return
            self.retry_pages += 1
            text = response.text
            if RETRY_PHRASE not in text:
                self.retry_pages_without_phrase += 1
            if draft is not None and draft.form_token not in text:
                self.draft_lost += 1


def submit(resident: Resident, session, *, base_url: str, form_path: str, attempts: int = 60) -> str:
    """One appeal through the form; on a 503/connection error, try the step again a second later."""
    client = appeal_client.new_client(session)
    try:
        draft = None
        for _ in range(attempts):
            try:
                draft = appeal_client.prepare_draft(client, base_url=base_url, form_path=form_path, session=session)
                break
            except (appeal_client.SubmitError, requests.RequestException) as exc:
                resident.note(None)
                resident.step_503 += "HTTP 503" in str(exc)
                time.sleep(1)
        if draft is None:
            raise appeal_client.SubmitError("the form never opened")
        status_url = None
        for _ in range(attempts):
            try:
                sent = client.post(
                    draft.form_url,
                    data={"csrfmiddlewaretoken": draft.csrf_token, "form_token": draft.form_token, "action": "send"},
                    timeout=60,
                    allow_redirects=False,
                )
            except requests.RequestException:
                resident.note(None)
                time.sleep(1)
                continue
            if sent.status_code == 303:
                status_url = urljoin(draft.form_url, sent.headers["Location"])
                break
            if sent.status_code == 429:
                raise appeal_client.RateLimited("send: HTTP 429 (sending limit)")
            # «Попробовать ещё раз» posts the same fields again.
            resident.note(sent, draft)
            time.sleep(1)
        if status_url is None:
            raise appeal_client.SubmitError("send: never accepted")
        for _ in range(attempts):
            try:
                return appeal_client.read_number(client, status_url)
            except (appeal_client.SubmitError, requests.RequestException):
                resident.note(None)
                time.sleep(1)
        raise appeal_client.SubmitError("status page never answered")
    finally:
        client.close()


# --------------------------------------------------------------------------
# Measuring


@dataclass
class Sampler:
    """Every second: waiting forwarding tasks vs deliveries still due (the queue rule)."""

    workers: int
    samples: int = 0
    skipped: int = 0
    violations: list[dict] = field(default_factory=list)
    peak_pending: int = 0
    peak_due: int = 0
    peak_all_waiting: int = 0
    stop: threading.Event = field(default_factory=threading.Event)

    def sample(self) -> dict:
        from django_tasks_db.models import DBTaskResult

        from forwarding.models import Delivery, OutboxMessage

        waiting = DBTaskResult.objects.filter(status="READY")
        pending = waiting.filter(task_path__startswith="forwarding.tasks.").count()
        due = (
            Delivery.objects.filter(state=Delivery.State.PENDING).count()
            + OutboxMessage.objects.exclude(state=OutboxMessage.State.SENT).filter(deliveries__isnull=True).count()
        )
        return {"pending": pending, "due": due, "all_waiting": waiting.count()}

    def run(self) -> None:
        from django.db import DatabaseError, InterfaceError, connection

        while not self.stop.wait(1.0):
            try:
                figures = self.sample()
            except (DatabaseError, InterfaceError):  # the database restarts under the fault run
                self.skipped += 1
                connection.close()
                continue
            self.samples += 1
            self.peak_pending = max(self.peak_pending, figures["pending"])
            self.peak_due = max(self.peak_due, figures["due"])
            self.peak_all_waiting = max(self.peak_all_waiting, figures["all_waiting"])
            if figures["pending"] > figures["due"] + self.workers:
                self.violations.append(figures)


def with_db(function, *args, attempts: int = 30, **kwargs):
    """Call ``function`` (ORM queries in this thread); while the database restarts, reconnect and retry."""
    from django.db import InterfaceError, OperationalError, connection

    for attempt in range(attempts):
        try:
            return function(*args, **kwargs)
        except (OperationalError, InterfaceError):
            connection.close()
            if attempt == attempts - 1:
                raise
            time.sleep(1)
    return None


def db_counts(baseline: dict[str, int] | None = None) -> dict[str, int]:
    """Counts in the database, less ``baseline`` (what the demo content had before the run)."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from appeals_form.models import Appeal, AppealEvent
    from forwarding.models import Delivery, OutboxMessage

    registered = OutboxMessage.EVENT_APPEAL_REGISTERED
    counts = {
        "appeals": Appeal.objects.count(),
        # An appeal without exactly one registration message would be half-registered.
        "appeals_without_one_message": Appeal.objects.annotate(
            n=Count("outbox_messages", filter=models_q(event=registered))
        )
        .exclude(n=1)
        .count(),
        "outbox_unsent": OutboxMessage.objects.exclude(state=OutboxMessage.State.SENT).count(),
        "accepted": Delivery.objects.filter(state=Delivery.State.ACCEPTED).count(),
        "failed": Delivery.objects.filter(state=Delivery.State.FAILED).count(),
        "pending": Delivery.objects.filter(state=Delivery.State.PENDING).count(),
        "forwarded_events": AppealEvent.objects.filter(kind=AppealEvent.Kind.FORWARDED).count(),
        "waiting_tasks": DBTaskResult.objects.filter(status="READY").count(),
    }
    return {key: value - (baseline or {}).get(key, 0) for key, value in counts.items()}


def idle_queue_count() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status="READY").count()


def models_q(**kwargs):
    from django.db.models import Q

    return Q(**{f"outbox_messages__{key}": value for key, value in kwargs.items()})


def scheduler_figures(since) -> dict:
    """Each periodic job once per slot: runs per (job, slot), tasks per run, hosts that claimed runs."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from home.models import ScheduledRun

    runs = ScheduledRun.objects.filter(enqueued_at__gte=since)
    doubled = runs.values("job", "slot").annotate(n=Count("id")).filter(n__gt=1).count()
    sweep_runs = runs.filter(job="forwarding.sweep").count()
    sweep_tasks = DBTaskResult.objects.filter(task_path="forwarding.tasks.sweep", enqueued_at__gte=since).count()
    return {
        "runs": runs.count(),
        "slots_enqueued_twice": doubled,
        "sweep_runs": sweep_runs,
        "sweep_tasks": sweep_tasks,
        "scheduler_processes_that_enqueued": runs.values("host").distinct().count(),
    }


def kill_mid_delivery(receiver: Receiver, supervisor: Supervisor, say) -> bool:
    """Let the receiver accept one delivery and hold its answer; SIGKILL the worker sending it."""
    from forwarding.models import Delivery

    receiver.stalled.clear()
    receiver.release.clear()
    receiver.stall_armed.set()
    if not receiver.stalled.wait(60):
        receiver.stall_armed.clear()
        say("no delivery arrived to interrupt")
        return False
    delivery = with_db(lambda: Delivery.objects.filter(idempotency_key=receiver.stalled_key).first())
    # locked_by is "host:pid:thread" (forwarding.services.worker_name).
    pid = int(delivery.locked_by.split(":")[-2]) if delivery and delivery.locked_by else None
    if pid not in supervisor.pids("worker"):
        receiver.release.set()
        say(f"the delivery {receiver.stalled_key} is not held by one of our workers")
        return False
    supervisor.kill(pid, restart_after=0)
    receiver.release.set()
    say(f"killed worker {pid} (SIGKILL) in the middle of delivery {delivery.pk}; a new one started")
    return True


# --------------------------------------------------------------------------
# The run


def run(args, say) -> dict:
    from django.utils import timezone

    # Never the machine's Redis: none at all (database mode) or the private one.
    os.environ.pop("REDIS_URL", None)
    pg = PrivatePostgres(args.pg_port)
    redis = PrivateRedis(args.redis_port) if args.mode == "redis" else None
    receiver = Receiver(port=args.receiver_port or free_port())
    log_path = Path(tempfile.gettempdir()) / f"fault_{args.mode}.log"
    log = open(log_path, "w")  # noqa: SIM115 (closed at the end)
    supervisor = None
    sampler = Sampler(workers=WORKERS)
    try:
        pg.start()
        if redis:
            redis.start()
        database_url = pg.url("portal_fault")
        say(f"[{args.mode}] private PostgreSQL on 127.0.0.1:{pg.port}" + (f", Redis on {redis.url}" if redis else ""))
        extra = {"REDIS_URL": redis.url} if redis else {}
        prepare(database_url, recreate=False)
        receiver.start()
        destination = {"name": "sed", "type": "webhook", "url": receiver.url, "secret": SECRET, "timeout": 3}
        env = bench_env(
            database_url,
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
            DATABASE_CONN_MAX_AGE="60",
            **extra,
        )
        if not redis:
            env.pop("REDIS_URL", None)
        appeal_client.django_setup(env)
        sessions = appeal_client.prepare_sessions(args.appeals, prefix="fault")
        path = appeal_client.form_path()
        baseline = with_db(db_counts)
        since = timezone.now()
        say(f"{len(sessions)} identified sessions; form at {path}; receiver on {receiver.url}; logs: {log_path}")

        def spawn(role: str) -> subprocess.Popen:
            command = (
                ["db_worker", "--queue-name", "*", "--no-reload", "--interval", "0.2"]
                if role == "worker"
                else ["run_scheduler", "--interval", "1"]
            )
            return subprocess.Popen(
                [str(VENV_BIN / "python"), "manage.py", *command], cwd=ROOT, env=env, stdout=log, stderr=log
            )

        supervisor = Supervisor(spawn, say)
        numbers: list[str] = []
        errors: list[str] = []
        resident = Resident()
        events = {"kills": 0, "pg_restart_seconds": 0.0, "redis_down_seconds": 0.0, "receiver_down_seconds": 0.0}
        marks: dict[str, float] = {}
        with gunicorn(env, workers=2, port=args.port or None) as server:
            for _ in range(WORKERS):
                supervisor.start("worker")
            first_scheduler = supervisor.start("scheduler")
            supervisor.run()
            threading.Thread(target=sampler.run, daemon=True).start()
            say(f"gunicorn (2 workers) on {server.base_url}, {WORKERS} db_workers, a scheduler")
            # The demo content leaves search-index tasks behind: let the workers finish them first.
            settle = time.monotonic() + 300
            while with_db(lambda: idle_queue_count()) and time.monotonic() < settle:
                time.sleep(1)
            baseline = with_db(db_counts)
            say(f"the demo content's tasks are done; submitting {args.appeals} appeals, {args.concurrency} at a time")

            plan = [
                (0.10, "kill"),
                (0.20, "503"),
                (0.30, "redis-down"),
                (0.35, "second-scheduler"),
                (0.40, "pg-restart"),
                (0.45, "refuse"),
                (0.55, "scheduler-kill"),
                (0.60, "redis-up"),
                (0.70, "up"),
                (0.85, "kill"),
            ]
            done = 0
            progress = threading.Condition()
            killers: list[threading.Thread] = []

            def act(action: str) -> None:
                nonlocal first_scheduler
                if action == "kill":

                    def kill():
                        events["kills"] += kill_mid_delivery(receiver, supervisor, say)

                    killer = threading.Thread(target=kill, daemon=True)
                    killer.start()
                    killers.append(killer)
                elif action in ("503", "refuse", "up"):
                    receiver.set_mode(action)
                    if action == "503":
                        marks["receiver"] = time.monotonic()
                    if action == "up":
                        events["receiver_down_seconds"] = time.monotonic() - marks["receiver"]
                    say(f"{done} sent: the receiver {'is up again' if action == 'up' else action}")
                elif action == "redis-down" and redis:
                    redis.stop()
                    marks["redis"] = time.monotonic()
                    say(f"{done} sent: Redis stopped")
                elif action == "redis-up" and redis:
                    redis.start()
                    events["redis_down_seconds"] = time.monotonic() - marks["redis"]
                    say(f"{done} sent: Redis started again ({events['redis_down_seconds']:.0f} s down)")
                elif action == "second-scheduler":
                    supervisor.start("scheduler")
                    say(f"{done} sent: a second scheduler started (two at once from now on)")
                elif action == "pg-restart":
                    events["pg_restart_seconds"] = pg.restart()
                    say(f"{done} sent: PostgreSQL restarted ({events['pg_restart_seconds']:.1f} s)")
                elif action == "scheduler-kill":
                    supervisor.kill(first_scheduler, restart_after=5)
                    say(f"{done} sent: scheduler {first_scheduler} killed (SIGKILL), started again in 5 s")

            def orchestrate():
                for share, action in plan:
                    with progress:
                        progress.wait_for(lambda share=share: done >= int(args.appeals * share))
                    act(action)

            conductor = threading.Thread(target=orchestrate, daemon=True)
            conductor.start()
            submit_start = time.monotonic()
            with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
                futures = [
                    pool.submit(submit, resident, session, base_url=server.base_url, form_path=path)
                    for session in sessions
                ]
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
            for killer in killers:
                killer.join(90)
            if receiver.mode != "up":
                receiver.set_mode("up")
            say(f"submitted: {len(numbers)} registered, {len(errors)} errors in {submit_end - submit_start:.1f} s")
            for error in errors[:5]:
                say(f"  error: {error}")

            deadline = time.monotonic() + args.drain_timeout
            counts = with_db(db_counts, baseline)
            while (counts["outbox_unsent"] or counts["waiting_tasks"] > 2) and time.monotonic() < deadline:
                time.sleep(1)
                counts = with_db(db_counts, baseline)
            drained = not counts["outbox_unsent"]
            drain_seconds = time.monotonic() - submit_end
            say(f"outbox {'drained' if drained else 'NOT drained'} {drain_seconds:.1f} s after the last submission")
            time.sleep(3)  # a late duplicate (if any) reaches the receiver; a last sweep runs
            sampler.stop.set()
            counts = with_db(db_counts, baseline)
            schedule = with_db(scheduler_figures, since)
    finally:
        sampler.stop.set()
        if supervisor:
            supervisor.stop_all()
        receiver.stop_listening()
        log.close()
        if redis:
            redis.stop()
        pg.stop()

    return {
        "mode": args.mode,
        "appeals": args.appeals,
        "registered": counts["appeals"],
        "registration_numbers_returned": len(set(numbers)),
        "half_registered": counts["appeals_without_one_message"],
        "accepted_deliveries_unique_keys": len(receiver.accepted),
        "duplicates_discarded_by_receiver": receiver.duplicates,
        "accepted_in_portal": counts["accepted"],
        "forwarded_events": counts["forwarded_events"],
        "failed": counts["failed"],
        "outbox_unsent": counts["outbox_unsent"],
        "drained": drained,
        "drain_seconds": round(drain_seconds, 1),
        "submit_seconds": round(submit_end - submit_start, 1),
        "submission_errors": len(errors),
        "resident_retries": resident.retries,
        "retry_pages_503": resident.retry_pages,
        "other_steps_503": resident.step_503,
        "retry_pages_without_phrase": resident.retry_pages_without_phrase,
        "retry_pages_without_draft": resident.draft_lost,
        "workers_killed_mid_delivery": events["kills"],
        "processes_restarted_by_supervisor": dict(supervisor.restarts) if supervisor else {},
        "receiver_down_seconds": round(events["receiver_down_seconds"], 1),
        "receiver_503": receiver.unavailable,
        "redis_down_seconds": round(events["redis_down_seconds"], 1),
        "pg_restarts": pg.restarts,
        "pg_restart_seconds": round(events["pg_restart_seconds"], 1),
        "queue_samples": sampler.samples,
        "queue_samples_skipped": sampler.skipped,
        "queue_rule_violations": len(sampler.violations),
        "first_violations": sampler.violations[:3],
        "peak_waiting_forwarding_tasks": sampler.peak_pending,
        "peak_due_deliveries": sampler.peak_due,
        "peak_waiting_tasks_all": sampler.peak_all_waiting,
        "waiting_tasks_at_end": counts["waiting_tasks"],
        "scheduler": schedule,
    }


def verdict(result: dict) -> list[str]:
    """What went wrong (empty: the run passed)."""
    n = result["appeals"]
    checks = {
        "appeals lost or registered twice": result["registered"] == n == result["registration_numbers_returned"],
        "half-registered appeals": result["half_registered"] == 0,
        "deliveries lost or duplicated": result["accepted_deliveries_unique_keys"] == n == result["accepted_in_portal"],
        "FORWARDED events": result["forwarded_events"] == n,
        "failed deliveries": result["failed"] == 0,
        "outbox not drained (stuck queue)": result["drained"],
        "pending tasks > due deliveries + workers": result["queue_rule_violations"] == 0,
        "too few queue samples": result["queue_samples"] >= 10,
        "a 503 page without «попробуйте ещё раз» or without the draft": (
            result["retry_pages_without_phrase"] == 0 == result["retry_pages_without_draft"]
        ),
        "a periodic job enqueued twice for one slot": result["scheduler"]["slots_enqueued_twice"] == 0
        and result["scheduler"]["sweep_runs"] == result["scheduler"]["sweep_tasks"],
        "workers not killed mid-delivery twice": result["workers_killed_mid_delivery"] == 2,
        "PostgreSQL not restarted": result["pg_restarts"] == 1,
    }
    if result["mode"] == "redis":
        checks["Redis not stopped"] = result["redis_down_seconds"] > 0
    return [name for name, ok in checks.items() if not ok]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=["database", "redis"], default="database")
    parser.add_argument("--appeals", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("FAULT_PG_PORT", 55415)))
    parser.add_argument("--redis-port", type=int, default=int(os.environ.get("FAULT_REDIS_PORT", 16315)))
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--receiver-port", type=int, default=0, help="the receiver's port (default: a free one)")
    parser.add_argument("--drain-timeout", type=float, default=180, help="seconds to wait for the queue to drain")
    args = parser.parse_args()
    started = time.monotonic()
    # SIGTERM (timeout, Ctrl-C from make) still stops every process and server this run started.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))

    def say(message: str) -> None:
        print(f"[{time.monotonic() - started:7.1f}s] {message}", flush=True)

    result = run(args, say)
    failures = verdict(result)
    n = args.appeals
    print()
    print(f"mode:                                 {result['mode']}")
    half = result["half_registered"]
    print(f"appeals registered:                   {result['registered']} of {n} (half-registered: {half})")
    print(f"accepted deliveries (unique keys):    {result['accepted_deliveries_unique_keys']}")
    print(f"duplicates discarded by the receiver: {result['duplicates_discarded_by_receiver']}")
    print(f"failed:                               {result['failed']}")
    drained = f"{result['drained']} ({result['drain_seconds']} s after the last submission)"
    print(f"queue drained:                        {drained}")
    print(
        f"peak waiting forwarding tasks:        {result['peak_waiting_forwarding_tasks']} "
        f"(rule: <= due + {WORKERS}; broken at {result['queue_rule_violations']} of {result['queue_samples']} samples)"
    )
    met = f"{result['retry_pages_503']} pages, {result['resident_retries']} retries"
    print(f"residents who met «попробуйте ещё раз»: {met}")
    print("RESULT " + json.dumps(result, ensure_ascii=False))
    print("PASS" if not failures else "FAIL: " + "; ".join(failures))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
