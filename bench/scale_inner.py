"""The in-process half of ``bench/scale.py``: requests through Django's test client on the scale database.

    DJANGO_SETTINGS_MODULE=portal.settings.production DATABASE_URL=... python -m bench.scale_inner --repeat 7

Server time here is the wall time of the request inside the process (no
network, no gunicorn), CPU time the process's CPU for it; queries are counted
with Django's CaptureQueriesContext. Prints one JSON document on the last line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
    django.setup()


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def measure(call, *, repeat: int) -> dict:
    """Run ``call`` once to warm, then ``repeat`` times: wall and CPU ms p50/p95, queries of the last run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = call()
    walls, cpus, dbs, queries = [], [], [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            wall, cpu = time.perf_counter(), time.process_time()
            result = call()
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        queries = len(captured.captured_queries)
        dbs.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
    status = getattr(result, "status_code", None)
    return {
        "p50_ms": percentile(walls, 50),
        "p95_ms": percentile(walls, 95),
        "cpu_p50_ms": percentile(cpus, 50),
        "cpu_p95_ms": percentile(cpus, 95),
        "db_p50_ms": percentile(dbs, 50),
        "db_p95_ms": percentile(dbs, 95),
        "queries": queries,
        "status": status,
        "sql": [q["sql"] for q in captured.captured_queries],
    }


def officer():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from appeals_form.workflow.actions import APPEALS_GROUP

    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username="bench-scale-officer", defaults={"first_name": "Ольга", "last_name": "Замерова"}
    )
    user.groups.add(Group.objects.get(name=APPEALS_GROUP))
    return user


def queue_cases() -> list[tuple[str, str]]:
    """(label, URL) of the queue's listing cases, with real values from the data."""
    from urllib.parse import urlencode

    from appeals_form.models import Appeal, CoAuthor

    sample = Appeal.objects.filter(idempotency_key__startswith="scale-").exclude(executor=None).order_by("pk")[5000]
    word = "батареи"  # a word of the appeal's text (PHRASES in appeals_form/scale.py)
    scale = Appeal.objects.filter(idempotency_key__startswith="scale-").order_by("pk")
    with_phone = scale.exclude(phone="").exclude(postal_address="")[5000]
    digits = "".join(ch for ch in with_phone.phone if ch.isdigit())
    typed_phone = f"8 ({digits[1:4]}) {digits[4:7]}-{digits[7:9]}-{digits[9:]}"  # as said on the phone, with 8
    street = with_phone.postal_address.split("ул. ")[1].split(",")[0].split()[0]
    co_author = CoAuthor.objects.filter(appeal__in=scale).order_by("pk")[min(200, CoAuthor.objects.count() - 1)]
    return [
        ("Список (фильтры по умолчанию)", "/admin/appeals/"),
        ("Статус «Дан ответ»", "/admin/appeals/?status=answered"),
        ("Статус «На рассмотрении»", "/admin/appeals/?status=in_work"),
        ("Просроченные", "/admin/appeals/?overdue=1"),
        ("Срок в течение 3 раб. дн.", "/admin/appeals/?due_within=3"),
        ("Тема", f"/admin/appeals/?topic={sample.topic_id}"),
        ("Раздел классификатора 0005", "/admin/appeals/?section=0005"),
        ("Адресат", f"/admin/appeals/?addressee={sample.addressee_id}"),
        ("Подразделение", f"/admin/appeals/?department={sample.department_id}"),
        ("Исполнитель", f"/admin/appeals/?executor={sample.executor_id}"),
        ("Способ идентификации", f"/admin/appeals/?identity_method={sample.identity_method}"),
        ("Вид обращения «Жалоба»", "/admin/appeals/?kind=complaint"),
        ("Период регистрации (месяц)", "/admin/appeals/?period_from=2025-03-01&period_to=2025-03-31"),
        ("Поиск по номеру", f"/admin/appeals/?q={sample.number}"),
        ("Поиск по фамилии", f"/admin/appeals/?q={sample.surname}"),
        ("Поиск по e-mail", f"/admin/appeals/?q={sample.email}"),
        ("Поиск по слову текста", f"/admin/appeals/?q={word}"),
        ("Поиск по телефону «8 (9xx) …»", f"/admin/appeals/?{urlencode({'q': typed_phone})}"),
        ("Поиск по улице почтового адреса", f"/admin/appeals/?{urlencode({'q': street})}"),
        ("Поиск по фамилии соавтора", f"/admin/appeals/?{urlencode({'q': co_author.name.split()[0]})}"),
        ("Сортировка по сроку (убыв.)", "/admin/appeals/?ordering=-due_date"),
        ("Сортировка по дате поступления", "/admin/appeals/?ordering=-received_at"),
        ("Страница 1", "/admin/appeals/?p=1"),
        ("Страница 400", "/admin/appeals/?p=400"),
        ("Карточка обращения", f"/admin/appeals/{sample.pk}/"),
        ("Панель на главной админки", "/admin/"),
    ]


def run_queue(*, repeat: int) -> list[dict]:
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(officer())
    rows = []
    for label, url in queue_cases():
        row = measure(lambda url=url: client.get(url), repeat=repeat)
        rows.append({"label": label, "url": url, **row})
        print(f"  {label}: p95 {row['p95_ms']:.0f} ms, {row['queries']} queries", file=sys.stderr)
    return rows


def run_jobs(*, repeat: int) -> list[dict]:
    from datetime import date

    from django.core import mail
    from django.utils import timezone

    from appeals_form.selectors import dashboard_counts
    from appeals_form.workflow.digest import send_due_digest
    from reports.public_statistics import build_statistics

    today = timezone.localdate()
    half = date(today.year - 1, 1, 1), date(today.year - 1, 6, 30)
    cases = [
        # What freezing a report's register block costs on a cold cache (reports.register_figures): the
        # half-year's cells with its year and the year before decided afresh.
        (
            "Статистика реестра за полугодие (блок отчёта: решения за два года заново)",
            lambda: build_statistics(start=half[0], end=half[1], years={}),
        ),
        ("Рассылка сроков (send_due_digest)", lambda: send_due_digest(on=today)),
        ("Счётчики панели (один запрос)", lambda: dashboard_counts(on=today)),
    ]
    rows = []
    for label, call in cases:
        row = measure(call, repeat=max(3, repeat // 2))
        rows.append({"label": label, **row})
        mail.outbox = []
        print(f"  {label}: p95 {row['p95_ms']:.0f} ms, {row['queries']} queries", file=sys.stderr)
    return rows


def run_pages(*, repeat: int, targets: dict[str, str]) -> list[dict]:
    """Public pages through the whole middleware stack: uncached (page cache off) and cached."""
    from django.test import Client, override_settings

    rows = []
    for key, path in targets.items():
        client = Client(SERVER_NAME="127.0.0.1")
        with override_settings(PAGE_CACHE_ENABLED=False):
            uncached = measure(lambda path=path, client=client: client.get(path), repeat=repeat)
        cached = measure(lambda path=path, client=client: client.get(path), repeat=repeat)
        rows.append({"key": key, "path": path, "uncached": uncached, "cached": cached})
        print(f"  {key}: uncached CPU {uncached['cpu_p50_ms']:.1f} ms, {uncached['queries']} q", file=sys.stderr)
    return rows


def explain(sql_list: list[str]) -> list[dict]:
    """EXPLAIN ANALYZE of the given statements (SELECTs only)."""
    from django.db import connection

    plans = []
    with connection.cursor() as cursor:
        for sql in sql_list:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
            plans.append({"sql": sql, "plan": "\n".join(row[0] for row in cursor.fetchall())})
    return plans


def sessions() -> dict[str, str]:
    """Session keys of an officer and of an officer allowed to export personal data (for the HTTP exports)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Permission
    from django.contrib.sessions.backends.db import SessionStore

    plain = officer()
    from django.contrib.auth import get_user_model

    exporter, _ = get_user_model().objects.get_or_create(username="bench-scale-exporter")
    exporter.groups.set(plain.groups.all())
    exporter.user_permissions.add(Permission.objects.get(codename="export_personal_data"))
    keys = {}
    for name, user in (("officer", plain), ("exporter", exporter)):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.save()
        keys[name] = store.session_key
    return keys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--pages", default="{}", help="JSON {key: path} of public pages")
    parser.add_argument("--skip", default="", help="queue,jobs,pages")
    parser.add_argument("--sessions", action="store_true", help="print session keys for the HTTP exports and stop")
    args = parser.parse_args()
    setup()
    if args.sessions:
        from django.conf import settings

        print("RESULT " + json.dumps({"cookie": settings.SESSION_COOKIE_NAME, **sessions()}))
        return 0
    skip = set(args.skip.split(","))
    out: dict = {}
    if "queue" not in skip:
        out["queue"] = run_queue(repeat=args.repeat)
        slowest = sorted(out["queue"], key=lambda row: -row["p95_ms"])[:4]
        statements = []
        for row in slowest:
            statements += [sql for sql in row["sql"] if "appeals_form_appeal" in sql][:2]
        out["explain"] = [{"label": row["label"]} for row in slowest]
        out["plans"] = explain(statements)
    if "jobs" not in skip:
        out["jobs"] = run_jobs(repeat=args.repeat)
    if "pages" not in skip:
        out["pages"] = run_pages(repeat=args.repeat, targets=json.loads(args.pages))
    for section in ("queue", "jobs"):
        for row in out.get(section, []):
            row.pop("sql", None)
    for row in out.get("pages", []):
        row["uncached"].pop("sql", None)
        row["cached"].pop("sql", None)
    print("RESULT " + json.dumps(out, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
