"""Two hosts of one installation, checked from outside: an appeal and a publication crossing them.

    .venv/bin/python bench/multihost.py [--database-url URL] [--redis-url URL]

Not part of ``make test``; loopback only. Two gunicorn instances (host A and
host B: separate processes, as on two machines) with the production settings
share one PostgreSQL database (recreated), one Redis database (flushed) and
one ``MEDIA_ROOT`` / ``PRIVATE_MEDIA_ROOT`` (temporary directories, the shared
storage). A resident identified beforehand opens the appeal form on A and
sends «Продолжить» with a PDF to A, reads the check page on B, sends the
appeal on B and reads its status on A; the appeal must be registered once
with its file in the private storage. Then a page published from a third
process must be fresh on both hosts at their next request. Prints each step
and exits non-zero on the first failure.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import appeal_client as ac
from bench.server import bench_env, ensure_database, gunicorn, manage

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def check(condition: bool, what: str) -> None:
    print(("ok    " if condition else "FAILED ") + what)
    if not condition:
        raise SystemExit(1)


def _appeal_across_hosts(a: str, b: str, private: Path) -> None:
    from appeals_form.models import Appeal

    path = ac.form_path()
    [session] = ac.prepare_sessions(1, prefix="multihost")
    client = ac.new_client(session)
    form = ac._form_containing(client.get(a + path).text, "form_token")
    data = {
        "csrfmiddlewaretoken": ac._value(form, "csrfmiddlewaretoken"),
        "form_token": ac._value(form, "form_token"),
        "coauthor_rows": "0",
        "action": "preview",
        "surname": "Двухостов",
        "first_name": "Пётр",
        "email": session.email,
        "addressee": ac._first_option(form, "addressee"),
        "topic": ac._first_option(form, "topic"),
        "kind": "complaint",
        "text": ac.DEFAULT_TEXT,
        "consent": "on",
    }
    files = {"attachments": ("акт осмотра.pdf", PDF, "application/pdf")}
    preview = client.post(a + path, data=data, files=files, allow_redirects=False)
    check(preview.status_code == 303, f"«Продолжить» with a PDF on host A: HTTP {preview.status_code}")
    page = client.get(urljoin(b + path, preview.headers["Location"]))
    check(page.status_code == 200 and "акт осмотра.pdf" in page.text, "the check page on host B lists the file")
    checked = ac._form_containing(page.text, "form_token")
    sent = client.post(
        b + path,
        data={
            "csrfmiddlewaretoken": ac._value(checked, "csrfmiddlewaretoken"),
            "form_token": ac._value(checked, "form_token"),
            "action": "send",
        },
        allow_redirects=False,
    )
    check(sent.status_code == 303, f"«Отправить» on host B: HTTP {sent.status_code}")
    number = ac.read_number(client, urljoin(a + path, sent.headers["Location"]))
    appeals = list(Appeal.objects.filter(surname="Двухостов"))
    check(len(appeals) == 1 and appeals[0].number == number, f"the status on host A: {number}, registered once")
    stored = [attachment.file.name for attachment in appeals[0].attachments.all()]
    check(len(stored) == 1 and (private / stored[0]).is_file(), f"the file in the private storage: {stored}")


def _publication_across_hosts(a: str, b: str) -> None:
    from wagtail.models import Page

    page = Page.objects.live().filter(depth__gt=2).order_by("path").first().specific
    visitor = ac.LoopbackSession()
    for host in (a, b, a, b):  # each host caches the page
        visitor.get(urljoin(host, page.url))
    page.title = f"{page.title} (изменено)"
    page.save_revision().publish()
    time.sleep(0.5)
    for name, host in (("A", a), ("B", b)):
        fresh = "(изменено)" in visitor.get(urljoin(host, page.url)).text
        check(fresh, f"host {name} serves the page published from another process")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/portal_multihost")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    args = parser.parse_args()
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    with tempfile.TemporaryDirectory() as media, tempfile.TemporaryDirectory() as private:
        # One environment (secret key included) for both hosts and this process, as a deployment has.
        env = bench_env(args.database_url, REDIS_URL=args.redis_url, MEDIA_ROOT=media, PRIVATE_MEDIA_ROOT=private)
        ensure_database(args.database_url, recreate=True)
        for command in (("migrate", "--noinput"), ("load_demo_content",), ("collectstatic", "--noinput")):
            manage(env, *command, "-v", "0")
        with gunicorn(env) as host_a, gunicorn(env) as host_b:
            ac.django_setup(env)
            _appeal_across_hosts(host_a.base_url, host_b.base_url, Path(private))
            _publication_across_hosts(host_a.base_url, host_b.base_url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
