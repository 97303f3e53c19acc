"""A gunicorn configuration that profiles one worker's requests over HTTP (cProfile, CPU time per thread).

    .venv/bin/python bench/visit_ab.py --visits 300 ".::--config bench/gunicorn_profile.py" .
    .venv/bin/python -c "import pstats; pstats.Stats('/tmp/worker-<pid>.pstats').sort_stats('tottime').print_stats(40)"

It reads the project's ``gunicorn.conf.py`` (run from the checkout) and adds two hooks: each request
thread's ``handle`` (gunicorn's parsing and writing, Django's handler, middleware and view) runs under
its own ``cProfile.Profile`` on the thread's CPU clock, and at the worker's exit the threads' profiles
are added up into ``$PROFILE_DIR/worker-<pid>.pstats`` (default ``/tmp``). The profiled worker costs
about three times the plain one: compare the shares of functions, not the milliseconds. One finding
(2026-12-06): Wagtail's view-restriction check compiled a query for the empty queryset on every page
(``wagtail_compat.evaluated_empty``).
"""

import cProfile
import os
import threading
import time

exec(open(os.path.join(os.getcwd(), "gunicorn.conf.py")).read())  # noqa: S102,SIM115 (the project's own settings)

_profiles: list[cProfile.Profile] = []
_local = threading.local()


def post_worker_init(worker):
    handle = worker.handle

    def profiled(*args, **kwargs):
        profile = getattr(_local, "profile", None)
        if profile is None:
            profile = _local.profile = cProfile.Profile(time.thread_time)
            _profiles.append(profile)
        profile.enable()
        try:
            return handle(*args, **kwargs)
        finally:
            profile.disable()

    worker.handle = profiled


def worker_exit(server, worker):
    import pstats

    if _profiles:
        stats = pstats.Stats(_profiles[0])
        for profile in _profiles[1:]:
            stats.add(profile)
        stats.dump_stats(os.path.join(os.environ.get("PROFILE_DIR", "/tmp"), f"worker-{os.getpid()}.pstats"))  # noqa: S108
