"""CPU of one resident's complete visit, request by request, in one process.

    .venv/bin/python bench/visit_profile.py [--visits 200] [--profile form|preview|check|send|status] [--no-js]

Production settings on PostgreSQL and Redis (sessions, rate limits, the shared
cache: as bench/intake.py), Django's test client in this process: GET the form,
POST "Продолжить" (URL-encoded, as the form's script sends it without a file,
with its ``in_place=1``: the check step is the answer), POST "Отправить" (the
status page is the answer); ``--no-js``: multipart, as without JavaScript, a GET
of the check page and of the status page after each redirect.
Each resident is identified beforehand like the intake benchmark does. Prints
the median CPU (process time) of each request, its SQL statements and Redis
commands (a pipeline or a script counts once: one round trip); ``--profile
STEP`` prints cProfile's top functions for that step, timed in CPU (process
time, so waits on PostgreSQL do not count; ``PROFILE_SORT``,
``PROFILE_FILTER``: pstats' sort key and a regular expression of file names),
``SQL_LOG=1`` every statement and Redis command of each request. ``--time MODULE:QUALNAME`` (repeatable)
reads the thread's CPU clock around that function instead, without a profiler's inflation, and prints per
step its CPU per visit (calls inside a call of the same function not counted twice) and its calls per visit:
``--time appeals_form.services:register_appeal --time django.db.models.base:Model.save_base``.
Needs a prepared database (``--prepare`` migrates and loads the demo content).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import appeal_client as ac
from bench.server import bench_env, prepare

STEPS = ("form", "preview", "check", "send", "status")


def _count_redis():
    """Count Redis commands (each pipeline counts once: one round trip)."""
    import redis

    counter = REDIS
    original = redis.Redis.execute_command
    original_pipe = redis.client.Pipeline.execute

    def counted(self, *args, **kwargs):
        if not isinstance(self, redis.client.Pipeline):
            counter["n"] += 1
            if os.environ.get("SQL_LOG"):
                print("   REDIS", str(args)[:150])
        return original(self, *args, **kwargs)

    def counted_pipe(self, *args, **kwargs):
        counter["n"] += 1
        if os.environ.get("SQL_LOG"):
            print("   REDIS pipeline", [str(c[0])[:60] for c in self.command_stack])
        return original_pipe(self, *args, **kwargs)

    redis.Redis.execute_command = counted
    redis.client.Pipeline.execute = counted_pipe


TIMED: dict = {}  # (step, label) -> [thread CPU ns, calls]
CURRENT = {"step": None}


def _time_functions(targets: list[str]) -> None:
    """Wrap each ``module:Qual.name`` with a thread-CPU timer (outermost call only), counted per step."""
    import functools
    import importlib
    import inspect

    for target in targets:
        module_name, _, qualname = target.partition(":")
        *owners, attribute = qualname.split(".")
        owner = importlib.import_module(module_name)
        for name in owners:
            owner = getattr(owner, name)
        declared = inspect.getattr_static(owner, attribute)
        # A classmethod or staticmethod is wrapped as what it is, so that it binds as before.
        kind = type(declared) if isinstance(declared, classmethod | staticmethod) else None
        original = declared.__func__ if kind else getattr(owner, attribute)
        depth = [0]

        def timed(*args, _original=original, _label=qualname, _depth=depth, **kwargs):
            if _depth[0]:
                return _original(*args, **kwargs)
            _depth[0] += 1
            started = time.thread_time_ns()
            try:
                return _original(*args, **kwargs)
            finally:
                _depth[0] -= 1
                cell = TIMED.setdefault((CURRENT["step"], _label), [0, 0])
                cell[0] += time.thread_time_ns() - started
                cell[1] += 1

        wrapped = functools.wraps(original)(timed)
        setattr(owner, attribute, kind(wrapped) if kind else wrapped)


def _visit(client, path, session, timings, profiles, profile_step, multipart=False):
    def step(name, call):
        CURRENT["step"] = name
        queries_before = SQL["n"]
        redis_before = REDIS["n"]
        profiler = cProfile.Profile(time.process_time) if name == profile_step else None
        started = time.process_time()
        if profiler:
            profiler.enable()
        if os.environ.get("SQL_LOG"):
            print("--", name)
        response = call()
        if profiler:
            profiler.disable()
            profiles.append(profiler)
        timings[name].append((time.process_time() - started, SQL["n"] - queries_before, REDIS["n"] - redis_before))
        return response

    page = step("form", lambda: client.get(path))
    form = ac._form_containing(page.content.decode(), "form_token")
    data = ac.preview_data(form, session)
    # Without a file a browser running the form's script sends it URL-encoded (static/js/appeal-form.js);
    # without JavaScript, multipart as the form says (--no-js).
    # With the script, the check step and the status page are the POSTs' answers (``in_place``): their own steps
    # cost nothing. Without it (--no-js), each POST redirects and the page is a GET of its own.
    in_place = {} if multipart else {ac.IN_PLACE: "1"}
    if multipart:
        preview = step("preview", lambda: client.post(path, data))
    else:
        body = urlencode(data | in_place)
        preview = step(
            "preview",
            lambda: client.post(path, body, content_type="application/x-www-form-urlencoded"),
        )
    if in_place:
        assert preview.status_code == 200, preview.status_code
        check = step("check", lambda: preview)
    else:
        assert preview.status_code == 303, preview.status_code
        check = step("check", lambda: client.get(preview["Location"]))
    check_form = ac._form_containing(check.content.decode(), "form_token")
    # The check step's form has no file field: a browser sends it URL-encoded (the form step's is multipart).
    sent = step(
        "send",
        lambda: client.post(
            path,
            urlencode(
                {
                    "csrfmiddlewaretoken": ac._value(check_form, "csrfmiddlewaretoken"),
                    "form_token": ac._value(check_form, "form_token"),
                    "action": "send",
                }
                | in_place
            ),
            content_type="application/x-www-form-urlencoded",
        ),
    )
    assert sent.status_code == (200 if in_place else 303), (sent.status_code, sent.content[:2000])
    status = step("status", (lambda: sent) if in_place else (lambda: client.get(sent["Location"])))
    assert "Обращение №" in status.content.decode()


REDIS = {"n": 0}
SQL = {"n": 0}


def _count_sql():
    """Count SQL statements (every cursor's execute/executemany)."""
    from django.db.backends import utils

    original = utils.CursorWrapper._execute_with_wrappers

    def counted(self, *args, **kwargs):
        SQL["n"] += 1
        if os.environ.get("SQL_LOG"):
            print("   SQL", str(args[0])[:150])
        return original(self, *args, **kwargs)

    utils.CursorWrapper._execute_with_wrappers = counted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--profile", choices=STEPS)
    parser.add_argument("--prepare", action="store_true", help="migrate and load the demo content first")
    parser.add_argument("--no-js", action="store_true", help="send the form multipart, as a browser without JavaScript")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/portal_bench_visit")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/10")
    parser.add_argument("--time", action="append", default=[], metavar="MODULE:QUALNAME", help="time this function")
    args = parser.parse_args()

    env = prepare(args.database_url) if args.prepare else bench_env(args.database_url)
    env["DJANGO_ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    env["APPEALS_SUBMIT_LIMIT_PER_IP"] = str(10 * (args.visits + args.warmup))
    if args.redis_url:
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()
        env["REDIS_URL"] = args.redis_url
    ac.django_setup(env)
    from http.cookies import SimpleCookie

    from django.conf import settings
    from django.test import Client

    settings.DEBUG = False
    _count_sql()
    _count_redis()
    _time_functions(args.time)
    sessions = ac.prepare_sessions(args.warmup + args.visits)
    path = ac.form_path()
    timings = {name: [] for name in STEPS}
    profiles: list = []
    client = Client(HTTP_USER_AGENT="appeals-portal-bench/1")
    for index, session in enumerate(sessions):
        if index == args.warmup:
            timings = {name: [] for name in STEPS}
            profiles = []
            TIMED.clear()
        client.cookies = SimpleCookie()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        _visit(client, path, session, timings, profiles, args.profile, multipart=args.no_js)
    total = 0.0
    for name in STEPS:
        cpu = statistics.median(t[0] for t in timings[name]) * 1000
        total += cpu
        queries = statistics.median(t[1] for t in timings[name])
        commands = statistics.median(t[2] for t in timings[name])
        print(f"{name:8} {cpu:6.2f} ms CPU  {queries:4.0f} SQL  {commands:4.0f} Redis")
    print(f"{'visit':8} {total:6.2f} ms CPU (sum of medians, {len(timings['form'])} visits)")
    visits = len(timings["form"])
    for name in STEPS if TIMED else ():
        cells = sorted(((v, label) for (s, label), v in TIMED.items() if s == name), reverse=True)
        parts = [f"{label} {ns / visits / 1000:.0f} µs ×{calls / visits:g}" for (ns, calls), label in cells]
        print(f"{name}: " + ("; ".join(parts) or "none of them called"))
    if profiles:
        stats = pstats.Stats(profiles[0])
        for extra in profiles[1:]:
            stats.add(extra)
        stats.sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(
            os.environ.get("PROFILE_FILTER", ""), 60
        )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
