"""gunicorn's defaults for this project (read from the working directory; production unless overridden).

Access and error logs never carry a status or cancel token or an OpenID code
(home/logredact.py); the access line has no query string and no referrer.

Workers are ``gthread`` (issue 19; ``home.gunicornworker``: its own error
pages in Russian). A sync worker reports to the arbiter only between requests,
so a request longer than ``timeout`` is killed even while it streams: an
export of the whole queue sent to a slow client, or made on a loaded machine,
ended in a killed worker and HTTP 500. A gthread worker's main thread keeps
reporting while its threads serve, so ``timeout`` only catches a worker that
is really stuck, and a long export never blocks the worker's other threads.
The exports themselves are fast and flat in memory (at 20,000 appeals CSV
3.7–3.8 s, XLSX 4.1–6.9 s, peak RSS ≤ 149 MB on a loaded machine; see ``make
bench-scale``), so the thread count does not multiply a large buffer.

``GUNICORN_THREADS`` (default 4) threads per worker, ``WEB_CONCURRENCY``
workers (scripts/serve.sh); each thread keeps its own database connection.
``GUNICORN_TIMEOUT`` (default 120 s) bounds a worker that stops answering.

gunicorn's control socket (``gunicornc``: reload, shutdown, kill a worker) is
off unless ``GUNICORN_CONTROL_SOCKET`` names a path for this installation.
gunicorn's default path is one per user (``~/.gunicorn/gunicorn.ctl``): a
second installation on the host (another town's portal, a benchmark's or a
test's server) took the socket over, so ``gunicornc shutdown`` stopped
whichever started last, and the first to stop deleted the other's socket.
"""

import os

logger_class = "home.logredact.GunicornLogger"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
# gunicorn's gthread worker, whose own error pages (414, 431, 400: before the site sees the request) are Russian.
worker_class = "home.gunicornworker.RussianErrorsWorker"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]

# The workers' heartbeat file is touched on every turn of a worker's loop (about
# twice a request): on a tmpfs, not the disk (gunicorn's own advice for
# containers). Server CPU of a resident's visit, bench/intake.py: 28.1–28.7 ms
# with /tmp on the disk, 26.8–27.9 ms with /dev/shm.
if os.path.isdir("/dev/shm"):  # noqa: S108 (a RAM-backed directory, not a shared temporary file)
    worker_tmp_dir = "/dev/shm"  # noqa: S108
