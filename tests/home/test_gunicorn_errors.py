"""gunicorn's own answers (before the site sees a request) are Russian pages, with gunicorn's status.

Found from outside: a request line over ``limit_request_line`` got gunicorn's English «URI Too Long» page,
and too many or too large headers «Request Header Fields Too Large». gunicorn 27 has no setting for the
page, so the project's worker (``home.gunicornworker``, ``worker_class`` in gunicorn.conf.py) sends a
Russian one; the limits stay gunicorn's. A real gunicorn with the project's gunicorn.conf.py answers on
loopback (one worker, a WSGI application of a few lines: started in about a second).
"""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from home.gunicornworker import PAGES, error_response

ROOT = Path(settings.BASE_DIR)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn_port():
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "tests.home.gunicorn_app:application"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _ask(port: int, request: bytes) -> tuple[str, dict[str, str], str]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value for name, _, value in (line.partition(": ") for line in lines)}
    return status, headers, body.decode()


@pytest.mark.parametrize(
    ("request_bytes", "status", "title"),
    [
        (b"GET /?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", "414", "Слишком длинный адрес"),
        (b"GET / HTTP/1.1\r\nHost: x\r\nCookie: " + b"c" * 9000 + b"\r\n\r\n", "431", "Слишком большой запрос"),
        (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-A: 1\r\n" * 120 + b"\r\n", "431", "Слишком большой запрос"),
        (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", "400", "Неверный запрос"),
    ],
    ids=["long-request-line", "large-header", "too-many-headers", "malformed"],
)
def test_gunicorns_own_answers_are_russian_pages(gunicorn_port, request_bytes, status, title):
    line, headers, body = _ask(gunicorn_port, request_bytes)
    assert line.split()[1] == status, line
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert int(headers["content-length"]) == len(body.encode())
    assert f"<h1>{title}</h1>" in body and '<html lang="ru">' in body
    assert "Too Long" not in body and "Too Large" not in body and "Bad Request" not in body


def test_a_request_within_the_limits_reaches_the_site(gunicorn_port):
    request = b"GET /?q=" + b"a" * 3000 + b" HTTP/1.0\r\nHost: x\r\n\r\n"
    line, _, body = _ask(gunicorn_port, request)
    assert line.split()[1] == "200" and body == "Сайт ответил"


@pytest.mark.parametrize("status", [*PAGES, 500])
def test_every_page_names_its_status_and_leads_home(status):
    head, _, body = error_response(status, "Reason").partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status} Reason\r\n".encode())
    assert b'<a href="/">' in body and f"Код ошибки: {status}.".encode() in body
