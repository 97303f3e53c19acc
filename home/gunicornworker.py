"""gunicorn's own error answers in Russian (``worker_class`` in gunicorn.conf.py).

gunicorn answers a request it refuses before the site sees it (a request line over
``limit_request_line``: 414; too many or too large headers: 431; a malformed request: 400) with
an English page of its own («URI Too Long», «Request Header Fields Too Large»). gunicorn 27 has no
setting for that page's body, and raising the limits would only move them (gunicorn allows a
request line of 8190 bytes at most) while weakening the server's protection. So the limits stay
gunicorn's, and this worker (gunicorn's gthread worker) keeps gunicorn's decision, its status and
its log line, and sends the same status with a Russian page instead of gunicorn's.
"""

from __future__ import annotations

import html
import re

from gunicorn import util
from gunicorn.workers.gthread import ThreadWorker

# What a resident can do about each status gunicorn answers with.
PAGES = {
    400: ("Неверный запрос", "Сайт не понял запрос браузера. Проверьте адрес страницы и откройте её снова."),
    403: ("Доступ запрещён", "Сайт не может ответить на этот запрос."),
    414: (
        "Слишком длинный адрес",
        "Адрес страницы слишком длинный. Если вы искали по сайту, сократите запрос; если переходили по "
        "ссылке, откройте главную страницу и найдите нужный раздел в меню.",
    ),
    417: ("Запрос не выполнен", "Сайт не может выполнить запрос в таком виде. Откройте страницу снова."),
    431: (
        "Слишком большой запрос",
        "Браузер прислал слишком много служебных данных (обычно это файлы cookie). Удалите cookie этого "
        "сайта в настройках браузера и откройте страницу снова.",
    ),
    501: ("Запрос не поддерживается", "Сайт не поддерживает такой запрос. Откройте страницу снова."),
}
DEFAULT = ("Ошибка на сервере", "Сайт не смог ответить. Попробуйте открыть страницу через несколько минут.")
_STATUS_LINE = re.compile(rb"^HTTP/1\.[01] (\d{3}) ([^\r\n]*)\r\n")


def error_response(status: int, reason: str) -> bytes:
    """The whole HTTP answer for ``status`` (``reason``: gunicorn's status phrase), with a Russian page."""
    title, text = PAGES.get(status, DEFAULT)
    body = (
        '<!DOCTYPE html>\n<html lang="ru">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>{html.escape(title)}</title>\n"
        "<style>body{font:1.125rem/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:0;"
        "padding:1.5rem;max-width:40rem}a{color:#0b4f9c}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{html.escape(title)}</h1>\n<p>{html.escape(text)}</p>\n"
        f'<p><a href="/">Перейти на главную страницу</a></p>\n<p>Код ошибки: {status}.</p>\n'
        "</main>\n</body>\n</html>\n"
    ).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n"
        f"Content-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body


class _Kept:
    """The client's socket for gunicorn's ``handle_error``, keeping what it writes (its English page)."""

    def __init__(self, sock):
        self._sock = sock
        self.written = b""

    def __getattr__(self, name):
        return getattr(self._sock, name)

    def gettimeout(self):
        return 0.0

    def setblocking(self, flag):
        pass

    def sendall(self, data):
        self.written += data


class RussianErrorsWorker(ThreadWorker):
    """gunicorn's gthread worker whose own error pages are Russian (the status and the log are gunicorn's)."""

    def handle_error(self, req, client, addr, exc):
        kept = _Kept(client)
        super().handle_error(req, kept, addr, exc)
        status = _STATUS_LINE.match(kept.written)
        if status is None:
            return
        try:
            util.write_nonblock(client, error_response(int(status.group(1)), status.group(2).decode("latin-1")))
        except Exception:  # noqa: BLE001 (the client went away: as gunicorn's own)
            self.log.debug("Failed to send error message.")
