"""A gunicorn configuration that splits one worker's CPU per request into parts, without a profiler.

    .venv/bin/python bench/visit_ab.py --visits 300 ".::--config bench/gunicorn_timers.py" .
    cat /tmp/timers-<pid>.txt

cProfile (``bench/gunicorn_profile.py``) triples a worker's cost and inflates call-heavy code; this
configuration reads the thread's CPU clock at a few boundaries only (about 1 µs each), so its
milliseconds are the worker's own. It reads the project's ``gunicorn.conf.py`` and wraps:

- gunicorn's ``handle`` (everything the thread does for one request),
- Django's WSGI handler (middleware, view, response),
- the view (what the URL resolved to, Wagtail's ``serve`` included),
- top-level template renders (``django.template.backends.django.Template.render``, outermost only),
- database statements (``connection.execute_wrapper`` on every connection the thread opens).

At the worker's exit it writes ``$PROFILE_DIR/timers-<pid>.txt`` (default ``/tmp``): for each step (the
request's method and its path with digits and tokens folded) the request count and the mean CPU of each
part in milliseconds: "gunicorn" is ``handle`` minus the handler, "middleware" the handler minus
``_get_response`` (the middleware around the view, Django's signals), "view" ``_get_response`` minus URL
resolving (the views' middleware such as the CSRF check, the view, a template response's render); under each
step, the middleware whose own time (its call minus the call of what it wraps) is 0.02 ms or more. Another
checkout is measured with this file's absolute path (its own ``gunicorn.conf.py`` is read):
``visit_ab.py /tmp/wt-filed::"--config $PWD/bench/gunicorn_timers.py" ".::--config bench/gunicorn_timers.py"``.
"""

import collections
import os
import re
import threading
import time

_project_settings = os.path.join(os.getcwd(), "gunicorn.conf.py")
if os.path.exists(_project_settings):  # an older checkout has none (gunicorn's defaults, sync workers)
    exec(open(_project_settings).read())  # noqa: S102,SIM115 (the project's own settings)

_clock = time.thread_time_ns
_local = threading.local()
_totals: dict = collections.defaultdict(lambda: collections.Counter())
_lock = threading.Lock()
_PARTS = ("handle", "handler", "view", "templates", "database", "statements")


def _step(environ) -> str:
    path = re.sub(r"/[\w-]{20,}/", "/TOKEN/", environ.get("PATH_INFO", ""))
    path = re.sub(r"\d+", "N", path)
    query = "?" + re.sub(r"=[^&]*", "=…", environ["QUERY_STRING"]) if environ.get("QUERY_STRING") else ""
    return f"{environ.get('REQUEST_METHOD', '')} {path}{query}"


def _add(part: str, value: int) -> None:
    counts = getattr(_local, "counts", None)
    if counts is not None:
        counts[part] += value


def _timed(method, part: str):
    """``method`` with its thread CPU added to ``part`` of the current request."""

    def timed(self, request):
        start = _clock()
        try:
            return method(self, request)
        finally:
            _add(part, _clock() - start)

    return timed


def post_fork(server, worker):
    # Before the worker loads the application: Django's handler binds ``_get_response`` when it
    # builds its middleware chain, so the class is patched first.
    from django.core.handlers import base
    from django.core.handlers.base import BaseHandler
    from django.db.backends.signals import connection_created
    from django.template.backends import django as django_backend

    _time_each_middleware(base)

    # _get_response: URL resolving, the views' middleware (the CSRF check), the view, a template response's render.
    BaseHandler._get_response = _timed(BaseHandler._get_response, "view")
    BaseHandler.resolve_request = _timed(BaseHandler.resolve_request, "resolve")

    render = django_backend.Template.render

    def timed_render(self, context=None, request=None):
        depth = getattr(_local, "depth", 0)
        _local.depth = depth + 1
        start = _clock()
        try:
            return render(self, context, request)
        finally:
            _local.depth = depth
            if depth == 0:
                _add("templates", _clock() - start)

    django_backend.Template.render = timed_render

    def timed_execute(execute, sql, params, many, context):
        start = _clock()
        try:
            return execute(sql, params, many, context)
        finally:
            _add("database", _clock() - start)
            _add("statements", 1)

    def wrap(sender, connection, **kwargs):
        connection.execute_wrappers.append(timed_execute)

    connection_created.connect(wrap, weak=False)


_middleware_order: list[str] = []  # outermost first


def _time_each_middleware(base) -> None:
    """Each middleware's whole call ("mw:<class>"); its own time is that minus the next one's (at the report)."""
    import_string = base.import_string

    def timed_import(path):
        imported = import_string(path)
        if not path.endswith("Middleware"):
            return imported
        name = path.rsplit(".", 1)[-1]

        def factory(get_response):
            instance = imported(get_response)
            _middleware_order.insert(0, name)  # Django builds the chain from the innermost out

            class Timed:
                def __getattr__(self, attribute):  # process_view, process_exception, ... as the instance has them
                    return getattr(instance, attribute)

                def __call__(self, request):
                    start = _clock()
                    try:
                        return instance(request)
                    finally:
                        _add(f"mw:{name}", _clock() - start)

            return Timed()

        return factory

    base.import_string = timed_import


def post_worker_init(worker):
    wsgi = worker.wsgi
    handle = worker.handle

    def timed_wsgi(environ, start_response):
        _local.step = _step(environ)
        start = _clock()
        try:
            return wsgi(environ, start_response)
        finally:
            _add("handler", _clock() - start)

    worker.wsgi = timed_wsgi

    def timed_handle(*args, **kwargs):
        _local.counts = collections.Counter()
        _local.step = "?"
        start = _clock()
        try:
            return handle(*args, **kwargs)
        finally:
            counts = _local.counts
            counts["handle"] += _clock() - start
            counts["requests"] += 1
            with _lock:
                _totals[_local.step].update(counts)
            _local.counts = None

    worker.handle = timed_handle


_HEADER = (
    "step | requests | gunicorn | middleware | resolving | view | of it templates | of it database (statements) | total"
)


def _report() -> str:
    lines = [_HEADER, "--- | " * 8 + "---"]
    for step, counts in sorted(_totals.items(), key=lambda item: -item[1]["handle"]):
        n = counts["requests"] or 1

        def ms(value, n=n):
            return f"{value / n / 1e6:.2f}"

        parts = (
            counts["handle"] - counts["handler"],
            counts["handler"] - counts["view"],
            counts["resolve"],
            counts["view"] - counts["resolve"],
            counts["templates"],
        )
        database = f"{ms(counts['database'])} ({counts['statements'] / n:.1f})"
        lines.append(
            f"{step} | {counts['requests']} | " + " | ".join(map(ms, parts)) + f" | {database} | {ms(counts['handle'])}"
        )
        # Each middleware's own time: its whole call minus the next one's (the innermost: minus the view's).
        wholes = [counts[f"mw:{name}"] for name in _middleware_order] + [counts["view"]]
        own = sorted(((wholes[i] - wholes[i + 1], name) for i, name in enumerate(_middleware_order)), reverse=True)
        lines.append("  middleware: " + ", ".join(f"{name} {ms(value)}" for value, name in own if value / n >= 20_000))
    return "\n".join(lines) + "\n"


def worker_exit(server, worker):
    path = os.path.join(os.environ.get("PROFILE_DIR", "/tmp"), f"timers-{os.getpid()}.txt")  # noqa: S108
    with open(path, "w") as out:
        out.write(_report())
