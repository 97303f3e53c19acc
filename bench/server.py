"""Start the portal under gunicorn with production settings, for benchmarks.

Loopback only: the server binds 127.0.0.1 and the load generators talk to it
and nothing else. Used by the benchmark scripts in this folder.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "http://127.0.0.1,http://localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


def ensure_database(database_url: str, *, recreate: bool = False) -> None:
    """Create (or recreate) the PostgreSQL database named in the URL."""
    name = database_url.rsplit("/", 1)[1]
    parts = urlsplit(database_url)
    base = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", parts.username or "postgres"]
    if recreate:
        subprocess.run(["dropdb", *base, "--if-exists", "--force", name], check=True)
    created = subprocess.run(["createdb", *base, name], capture_output=True, text=True, check=False)
    if created.returncode != 0 and "already exists" not in created.stderr:
        raise RuntimeError(created.stderr)


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(VENV_BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(database_url: str, *, recreate: bool = False) -> dict[str, str]:
    """Create the database, migrate, load the demo content, collect static files."""
    ensure_database(database_url, recreate=recreate)
    env = bench_env(database_url)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo_content", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    return env


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    env: dict[str, str]
    worker_pids: list[int] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def refresh_workers(self) -> list[int]:
        out = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        self.worker_pids = [int(pid) for pid in out]
        return self.worker_pids

    def cpu_by_worker(self) -> dict[int, float]:
        """User + system CPU of each gunicorn worker so far."""
        ticks = os.sysconf("SC_CLK_TCK")
        spent = {}
        for pid in self.refresh_workers():
            with contextlib.suppress(FileNotFoundError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                spent[pid] = (int(fields[11]) + int(fields[12])) / ticks
        return spent

    def cpu_seconds(self) -> float:
        """User + system CPU of the gunicorn workers so far."""
        return sum(self.cpu_by_worker().values())

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.refresh_workers():
            with contextlib.suppress(FileNotFoundError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
        return sizes


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 2, port: int | None = None) -> Iterator[Server]:
    port = port or free_port()
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "portal.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=sys.stderr,
        stderr=sys.stderr,
    )
    server = Server(process=process, port=port, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{server.base_url}/healthz/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]
