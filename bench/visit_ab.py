"""A resident's complete visit over HTTP, two or more checkouts side by side, visits interleaved.

    .venv/bin/python bench/visit_ab.py [--visits 200] CHECKOUT[::GUNICORN ARGS] CHECKOUT[::...] ...

    # the commit the issue was filed at against this one:
    git worktree add /tmp/wt-base 066f9a7 && ln -s "$PWD/.venv" /tmp/wt-base/.venv
    .venv/bin/python bench/visit_ab.py /tmp/wt-base .
    # one checkout, two gunicorn settings:
    .venv/bin/python bench/visit_ab.py ".::--threads 4" ".::--threads 1"

This VM's speed drifts by a third or more within an hour (the host's load):
the same code measured minutes apart differs more than most changes do.
Here every checkout runs its own gunicorn (one worker, its own
``gunicorn.conf.py``, production settings, its own PostgreSQL database and
Redis database, each prepared by that checkout's own ``bench/server.py``), and
one client alternates complete visits between them (the order reversed every
round), so all of them meet the same phase of the machine. A visit is the five
steps of ``bench/intake.py``: GET the form, POST «Продолжить», the check page,
POST «Отправить», the status page (the number read from it), as a browser
running the form's script: since 2026-12-06 a checkout answers a successful
POST with the next page itself (the client sends ``in_place=1`` as the script
does), so the check and status steps cost nothing of their own there (three
requests); an older checkout redirects and is followed (five requests).
``--no-script``: as a browser without JavaScript (five requests everywhere).
The appeal's text is the client's own 134 characters; ``--text-chars 1500``
sends a resident's usual length (its URL-encoded body grows six-fold with
Cyrillic: ``bench/querystring.py``). Reported per checkout: the worker's CPU per visit and per step (the
process's CPU clock, nanoseconds, all its threads), and its ratio to the
first checkout. A checkout measured against itself gives the same figure
(18.17 and 18.20 ms, 10 visits). Loopback only. A checkout older than 2026-12-02 (without
``bench/appeal_client.py``) cannot be measured this way.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import appeal_client as ac
from bench.server import free_port

STEPS = ("form", "preview", "check", "send", "status")

# Run with the checkout as the working directory: its own bench helpers prepare its database
# (its migrations, its demo content) and identified sessions in its own session format.
_PREPARE = """
import json, os, sys
sys.path.insert(0, os.getcwd())
from bench import appeal_client as ac
from bench.server import prepare
env = prepare(sys.argv[1], recreate=True)
env["APPEALS_SUBMIT_LIMIT_PER_IP"] = "1000000"
ac.django_setup(env)
sessions = ac.prepare_sessions(int(sys.argv[2]), prefix="ab")
pairs = [[s.session_key, s.email] for s in sessions]
print("PREPARED" + json.dumps({"env": env, "path": ac.form_path(), "sessions": pairs}))
"""

_libc = ctypes.CDLL(None, use_errno=True)


def process_cpu_clock(pid: int) -> int:
    """The clock id of another process's CPU time (all its threads), as clock_getcpuclockid(3) gives it."""
    clock = ctypes.c_int()
    if _libc.clock_getcpuclockid(pid, ctypes.byref(clock)) != 0:
        raise OSError(f"no CPU clock for process {pid}")
    return clock.value


@dataclass
class Side:
    spec: str
    root: Path
    gunicorn_args: str
    database_url: str
    redis_url: str
    env: dict = field(default_factory=dict)
    path: str = ""
    sessions: list = field(default_factory=list)
    process: subprocess.Popen | None = None
    base_url: str = ""
    clocks: list[int] = field(default_factory=list)
    spent: dict = field(default_factory=lambda: dict.fromkeys(STEPS, 0.0))
    measured: int = 0

    def prepare(self, count: int) -> None:
        done = subprocess.run(
            [str(self.root / ".venv" / "bin" / "python"), "-c", _PREPARE, self.database_url, str(count)],
            cwd=self.root,
            capture_output=True,
            text=True,
            check=False,
        )
        line = next((x for x in done.stdout.splitlines() if x.startswith("PREPARED")), None)
        if line is None:
            raise SystemExit(f"{self.spec}: preparing failed\n{done.stderr[-3000:]}")
        prepared = json.loads(line.removeprefix("PREPARED"))
        self.env = {**prepared["env"], "REDIS_URL": self.redis_url, "GUNICORN_CMD_ARGS": self.gunicorn_args}
        self.path = prepared["path"]
        self.sessions = [ac.PreparedSession(session_key=key, email=email) for key, email in prepared["sessions"]]

    def start(self) -> None:
        import redis

        redis.Redis.from_url(self.redis_url).flushdb()
        port = free_port()
        self.base_url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [str(self.root / ".venv" / "bin" / "gunicorn"), "portal.wsgi:application", "--workers", "1"]
            + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=self.root,
            env=self.env,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz/", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise SystemExit(f"{self.spec}: gunicorn did not start") from None
                time.sleep(0.2)
        workers = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False)
        self.clocks = [process_cpu_clock(int(pid)) for pid in workers.stdout.split()]

    def cpu(self) -> float:
        return sum(time.clock_gettime(clock) for clock in self.clocks)

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


def appeal_text(chars: int) -> str:
    """A Russian appeal of ``chars`` characters (0: the client's own short text, 134 characters)."""
    if not chars:
        return ac.DEFAULT_TEXT
    sentence = "Прошу проверить начисления за отопление в доме № 5 по улице Садовой, квартира 12. "
    return (sentence * (chars // len(sentence) + 1))[:chars].strip()


def visit(
    side: Side, session: ac.PreparedSession, *, measure: bool, text: str = ac.DEFAULT_TEXT, in_place: bool = True
) -> None:
    """The five steps of a visit; each step's worker CPU added to the side's totals.

    ``in_place``: as a browser running the form's script (the check step and the status page are the POSTs'
    answers where the checkout gives them so: three requests); False: as one without it (five requests).
    """
    client = ac.new_client(session)
    marks = [side.cpu()]

    def mark() -> None:
        marks.append(side.cpu())

    try:
        draft = ac.prepare_draft(
            client,
            base_url=side.base_url,
            form_path=side.path,
            session=session,
            text=text,
            after_each=mark,
            in_place=in_place,
        )
        sent = ac.send_draft(client, draft, in_place=in_place)
        mark()
        ac.read_number(client, sent)
        mark()
    finally:
        client.close()
    if measure:
        for name, before, after in zip(STEPS, marks[:-1], marks[1:], strict=True):
            side.spent[name] += after - before
        side.measured += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkouts", nargs="+", help="a checkout directory, optionally '::' and gunicorn arguments")
    parser.add_argument("--visits", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--text-chars", type=int, default=0, help="the appeal's length (default: 134 characters)")
    parser.add_argument(
        "--no-script", action="store_true", help="as a browser without JavaScript: a redirect after each POST"
    )
    parser.add_argument("--database-prefix", default="postgres://postgres@127.0.0.1:5432/portal_visit_ab_")
    parser.add_argument("--redis-prefix", default="redis://127.0.0.1:6379/", help="each checkout its own db from 11")
    args = parser.parse_args()
    if len(args.checkouts) < 2:
        parser.error("two checkouts or more: they are measured against each other")

    sides = []
    for index, spec in enumerate(args.checkouts):
        root, _, gunicorn_args = spec.partition("::")
        sides.append(
            Side(
                spec=spec,
                root=Path(root).resolve(),
                gunicorn_args=gunicorn_args,
                database_url=f"{args.database_prefix}{index}",
                redis_url=f"{args.redis_prefix}{11 + index}",
            )
        )
    total = args.warmup + args.visits
    text = appeal_text(args.text_chars)
    for side in sides:
        side.prepare(total)
    with contextlib.ExitStack() as stack:
        for side in sides:
            stack.callback(side.stop)
            side.start()
        for round_ in range(total):
            for side in sides if round_ % 2 == 0 else reversed(sides):
                measure = round_ >= args.warmup
                visit(side, side.sessions[round_], measure=measure, text=text, in_place=not args.no_script)

    first = sum(sides[0].spent.values()) / sides[0].measured
    print(f"{args.visits} visits per checkout, interleaved; worker CPU per visit (ms), and per step:")
    for side in sides:
        per_visit = sum(side.spent.values()) / side.measured
        steps = " ".join(f"{name} {side.spent[name] / side.measured * 1000:.2f}" for name in STEPS)
        print(f"{per_visit * 1000:7.2f} ms  ×{per_visit / first:.2f}  {steps}  [{side.spec}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
