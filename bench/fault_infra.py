"""Private servers for the fault run: a PostgreSQL cluster and a Redis that the run may restart.

The fault run never touches the machine's own PostgreSQL or Redis: it starts
its own, in a temporary folder, on loopback ports of its own (PostgreSQL
55415, Redis 16315 by default), and removes them at the end. As root,
PostgreSQL runs as the ``postgres`` user (``runuser``), as initdb requires.

Also here: ``Supervisor``, which restarts a task worker or a scheduler that
exits unexpectedly (as systemd's ``Restart=always`` does in production).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("FAULT_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


class PrivatePostgres:
    """``initdb`` + ``pg_ctl`` in a temporary folder; trust authentication on 127.0.0.1 only."""

    def __init__(self, port: int):
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="portal-fault-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.restarts = 0

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(_as_postgres(list(args)), capture_output=True, text=True, check=check)

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, user="postgres")
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"
        )
        self._pg_ctl("start")

    def _pg_ctl(self, action: str, *extra: str) -> None:
        # fsync off: a throwaway cluster; the run measures the portal, not the disk.
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off -c max_connections=200"
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60",
            action, *extra,
        )  # fmt: skip

    def restart(self) -> float:
        """Restart the server (fast shutdown: open connections are cut). Returns the seconds it took."""
        started = time.monotonic()
        self._pg_ctl("restart", "-m", "fast")
        self.restarts += 1
        return time.monotonic() - started

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)


class PrivateRedis:
    """``redis-server`` on 127.0.0.1, no persistence; ``stop()``/``start()`` make an outage."""

    def __init__(self, port: int):
        self.port = port
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True, check=False
            )
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("the private redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None


class Supervisor:
    """Keeps named processes running: one that exits unexpectedly is started again (like systemd)."""

    def __init__(self, spawn, say):
        self.spawn = spawn  # (role) -> Popen
        self.say = say
        self.processes: dict[int, tuple[str, subprocess.Popen]] = {}
        self.restarts: dict[str, int] = {}
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def start(self, role: str) -> int:
        process = self.spawn(role)
        with self.lock:
            self.processes[process.pid] = (role, process)
        return process.pid

    def kill(self, pid: int, *, restart_after: float | None) -> str:
        """SIGKILL a process on purpose; start its role again after ``restart_after`` seconds (None: never)."""
        with self.lock:
            role, process = self.processes.pop(pid)
        os.kill(pid, signal.SIGKILL)
        process.wait(10)
        if restart_after is not None:
            threading.Timer(restart_after, lambda: self.stopping.is_set() or self.start(role)).start()
        return role

    def pids(self, role: str) -> list[int]:
        with self.lock:
            return [pid for pid, (name, _) in self.processes.items() if name == role]

    def _watch(self) -> None:
        while not self.stopping.wait(0.5):
            with self.lock:
                exited = [(pid, role) for pid, (role, process) in self.processes.items() if process.poll() is not None]
                for pid, _ in exited:
                    self.processes.pop(pid)
            for pid, role in exited:
                if self.stopping.is_set():
                    return
                self.restarts[role] = self.restarts.get(role, 0) + 1
                new = self.start(role)
                self.say(f"{role} {pid} exited on its own; restarted as {new}")

    def run(self) -> None:
        self.thread.start()

    def stop_all(self) -> None:
        self.stopping.set()
        with self.lock:
            processes = [process for _, process in self.processes.values()]
            self.processes.clear()
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
