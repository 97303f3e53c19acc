"""Submit appeals over HTTP through the real form flow, as identified residents.

The benchmark scripts use it against a server started by ``bench/server.py``
(loopback only). Identification is prepared beforehand, directly in the
database: each prepared session holds an ``identity`` exactly as the e-mail code
step leaves it, so the load measures the appeal form, not the mailbox.

    from bench import appeal_client as ac

    ac.django_setup(env)                   # the server's env: same DATABASE_URL and SECRET_KEY
    sessions = ac.prepare_sessions(1000)   # identified sessions in the database
    path = ac.form_path()                  # the live appeal form page
    client = ac.new_client(sessions[0])    # a requests.Session with that session's cookie
    number = ac.submit_appeal(client, base_url=server.base_url, form_path=path)

    # or in two parts, as the intake benchmark measures the submission alone:
    draft = ac.prepare_draft(client, base_url=server.base_url, form_path=path, session=sessions[0])
    sent = ac.send_draft(client, draft)           # .status_url; read_number(client, sent) reads the number

``submit_appeal`` follows the form as a browser without JavaScript does:
GET the form, POST "Продолжить" (action=preview), GET the check page, POST
"Отправить" (action=send), GET the status page and read the registration
number from it. With ``in_place=True`` (``prepare_draft``, ``send_draft``) the client
sends what the form's script adds (``in_place=1``) and takes the check step and
the status page from the POSTs' answers when the server gives them there (three
requests instead of five); a server that answers with a redirect is followed.
Each session is meant for one appeal at a time (the form keeps its draft in the
session); the server's per-identity limit (APPEALS_SUBMIT_LIMIT_PER_IDENTITY, 5
an hour) applies to each session, and the per-address limit should be raised for a
load run (``APPEALS_SUBMIT_LIMIT_PER_IP`` in the server's env; every client here is 127.0.0.1).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import requests
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXT = (
    "Во дворе дома по улице Садовой не горят фонари уже месяц, вечером темно и небезопасно. "
    "Прошу принять меры и сообщить о сроках ремонта."
)
NUMBER_RE = re.compile(r"Обращение №\s*(\S+)")
# What the form's script adds to its POSTs (appeals_form.views.IN_PLACE_FIELD), and the check step's mark.
IN_PLACE = "in_place"
_CHECK_STEP = "appeal-preview"


class SubmitError(Exception):
    """The form did not lead to a registered appeal; the message says at which step."""


class RateLimited(SubmitError):
    """The server refused the sending with 429 (per-address or per-identity limit)."""


@dataclass(frozen=True)
class PreparedSession:
    session_key: str
    email: str
    surname: str = "Тестова"
    first_name: str = "Анна"
    patronymic: str = "Сергеевна"


# --------------------------------------------------------------------------
# Database side (in this process, with the server's settings)


def django_setup(env: Mapping[str, str]) -> None:
    """Configure Django in this process exactly as the server is (its env) and set it up."""
    import django

    os.environ.update(env)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    django.setup()


def prepare_sessions(count: int, *, prefix: str = "bench") -> list[PreparedSession]:
    """Create ``count`` sessions, each identified (e-mail code) with its own address, valid now."""
    from importlib import import_module

    from django.conf import settings
    from django.utils import timezone

    from identity.session import SESSION_KEY
    from identity.types import METHOD_EMAIL_CODE, Identity

    store = import_module(settings.SESSION_ENGINE).SessionStore
    run = secrets.token_hex(4)
    prepared = []
    for index in range(count):
        email = f"{prefix}-{run}-{index}@example.ru"
        identity = Identity(method=METHOD_EMAIL_CODE, verified_at=timezone.now(), email=email)
        session = store()
        session[SESSION_KEY] = identity.to_dict()
        session.create()
        prepared.append(PreparedSession(session_key=session.session_key, email=email))
    return prepared


def form_path() -> str:
    """The path of the live appeal form page (the demo content has one)."""
    from appeals_form.selectors import live_form_page

    page = live_form_page()
    if page is None:
        raise RuntimeError("No live appeal form page: load the demo content first.")
    return page.get_url()


# --------------------------------------------------------------------------
# HTTP side


class LoopbackSession(requests.Session):
    """A client for the loopback server: the production settings mark cookies "Secure",
    which a client sends over HTTPS only, while the benchmark talks plain HTTP to
    127.0.0.1. After each response the cookies are kept as plain ones.

    A request on a kept-alive connection that gunicorn's gthread worker closed as
    idle (``keepalive``, 2 s) meets "connection reset" or "closed without
    response": it is sent once more on a new connection, as Chromium does for a
    reused connection that answered nothing (a GET by urllib3's retry; a POST
    here, only for those two errors: the server never read it, and a replayed
    "Отправить" lands on the same appeal anyway, by its form token).
    """

    def __init__(self):
        super().__init__()
        from urllib3.util.retry import Retry

        retry = Retry(total=1, connect=1, read=1, status=0, allowed_methods=frozenset({"GET", "HEAD"}))
        self.mount("http://", requests.adapters.HTTPAdapter(max_retries=retry))

    def request(self, method, *args, **kwargs):
        try:
            response = super().request(method, *args, **kwargs)
        except requests.ConnectionError as exc:
            if method.upper() != "POST" or not _closed_unanswered(exc):
                raise
            response = super().request(method, *args, **kwargs)
        for cookie in self.cookies:
            cookie.secure = False
        return response


def _closed_unanswered(exc: BaseException, depth: int = 4) -> bool:
    """The connection was closed or reset before any answer (a kept-alive one the server dropped as idle).

    requests wraps urllib3's ``ProtocolError("Connection aborted.", <the socket's error>)``: the
    socket's error is among the arguments, one or two levels down.
    """
    if isinstance(exc, (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)):
        return True
    nested = [arg for arg in exc.args if isinstance(arg, BaseException)]
    return depth > 0 and any(_closed_unanswered(arg, depth - 1) for arg in nested)


def new_client(session: PreparedSession, *, cookie_name: str = "sessionid") -> requests.Session:
    """A client carrying ``session``'s cookie (one client per concurrent resident)."""
    client = LoopbackSession()
    client.cookies.set(cookie_name, session.session_key, domain="127.0.0.1", path="/")
    client.headers["User-Agent"] = "appeals-portal-bench/1"
    return client


# The happy path reads the pages with a few regular expressions over Django's
# own, predictable markup: the client shares the machine's cores with the
# server, and an HTML parser per page would cost more CPU than the server's
# work. Failures are described with BeautifulSoup (see _errors).
_FORM_RE = re.compile(r"<form\b[^>]*>(.*?)</form>", re.S | re.I)
_ATTR_RE = re.compile(r'\bvalue="([^"]*)"')
_TITLE_RE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
# The address a page answering a POST puts in the history (templates/base.html, escapejs'd).
_HISTORY_RE = re.compile(r'history\.replaceState\(history\.state, "", "([^"]*)"\)')


def _form_containing(html: str, field: str) -> str | None:
    """The inner HTML of the first form with a control named ``field``."""
    marker = f'name="{field}"'
    for match in _FORM_RE.finditer(html):
        if marker in match.group(1):
            return match.group(1)
    return None


def _value(form: str, name: str) -> str:
    tag = re.search(rf'<(?:input|textarea)\b[^>]*\bname="{re.escape(name)}"[^>]*>', form)
    if tag is None:
        return ""
    value = _ATTR_RE.search(tag.group(0))
    return unescape(value.group(1)) if value else ""


def _first_option(form: str, name: str) -> str:
    select = re.search(rf'<select\b[^>]*\bname="{re.escape(name)}"[^>]*>(.*?)</select>', form, re.S)
    if select is None:
        raise SubmitError(f"the form has no {name!r} list")
    for option in re.finditer(r"<option\b[^>]*>", select.group(1)):
        value = _ATTR_RE.search(option.group(0))
        if value and value.group(1):
            return unescape(value.group(1))
    raise SubmitError(f"the {name!r} list is empty")


def _errors(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    found = soup.select(".error-summary, .errorlist, [role=alert]")
    return " | ".join(" ".join(node.get_text(" ").split()) for node in found)[:500] or "no error text"


@dataclass(frozen=True)
class CheckedDraft:
    """An appeal filled in and shown on the check page, ready for "Отправить"."""

    form_url: str
    csrf_token: str
    form_token: str


def preview_data(
    form: str, session: PreparedSession | None = None, *, text: str = DEFAULT_TEXT, kind: str = "complaint"
) -> dict[str, str]:
    """What a resident sends with «Продолжить»: the form's own hidden values, the identity's names, the first
    addressee and topic (``form``: the inner HTML of the appeal form)."""
    identity = session or PreparedSession(session_key="", email=_value(form, "email"))
    return {
        "csrfmiddlewaretoken": _value(form, "csrfmiddlewaretoken"),
        "form_token": _value(form, "form_token"),
        "coauthor_rows": _value(form, "coauthor_rows") or "0",
        "action": "preview",
        "surname": identity.surname,
        "first_name": identity.first_name,
        "patronymic": identity.patronymic,
        "email": _value(form, "email") or identity.email,
        "phone": "",
        "postal_address": "",
        "addressee": _first_option(form, "addressee"),
        "topic": _first_option(form, "topic"),
        "kind": kind,
        "text": text,
        "consent": "on",
        "website_url": "",
    }


def prepare_draft(
    client: requests.Session,
    *,
    base_url: str,
    form_path: str,
    session: PreparedSession | None = None,
    text: str = DEFAULT_TEXT,
    kind: str = "complaint",
    timeout: float = 60,
    after_each: Callable[[], object] | None = None,
    in_place: bool = False,
) -> CheckedDraft:
    """The first three steps of the form: GET the form, POST "Продолжить", the check page (GET after the
    redirect, or the POST's own answer with ``in_place``).

    ``after_each`` is called after each of the three steps (a benchmark's CPU mark)."""
    after_each = after_each or (lambda: None)
    form_url = urljoin(base_url, form_path)
    page = client.get(form_url, timeout=timeout)
    after_each()
    if page.status_code != 200:
        raise SubmitError(f"form page: HTTP {page.status_code}")
    form = _form_containing(page.text, "form_token")
    if form is None or 'name="surname"' not in form:
        raise SubmitError("form page: no appeal form (is the session identified?)")
    data = preview_data(form, session, text=text, kind=kind) | ({IN_PLACE: "1"} if in_place else {})
    preview = client.post(form_url, data=data, timeout=timeout, allow_redirects=False)
    after_each()
    if preview.status_code == 303:
        check = client.get(urljoin(form_url, preview.headers["Location"]), timeout=timeout)
    elif in_place and preview.status_code == 200 and _CHECK_STEP in preview.text:
        check = preview
    else:
        raise SubmitError(f"preview: HTTP {preview.status_code}: {_errors(preview.text)}")
    after_each()
    check_form = _form_containing(check.text, "form_token")
    if check.status_code != 200 or check_form is None:
        raise SubmitError(f"check page: HTTP {check.status_code}: {_errors(check.text)}")
    return CheckedDraft(
        form_url=form_url,
        csrf_token=_value(check_form, "csrfmiddlewaretoken"),
        form_token=_value(check_form, "form_token"),
    )


@dataclass(frozen=True)
class Sent:
    """An accepted «Отправить»: the status page's address, or the page itself when it was the answer."""

    status_url: str
    page: str | None = None


def send_draft(client: requests.Session, draft: CheckedDraft, *, timeout: float = 60, in_place: bool = False) -> Sent:
    """POST "Отправить" (the submission that registers the appeal)."""
    data = {"csrfmiddlewaretoken": draft.csrf_token, "form_token": draft.form_token, "action": "send"}
    sent = client.post(
        draft.form_url, data=data | ({IN_PLACE: "1"} if in_place else {}), timeout=timeout, allow_redirects=False
    )
    if sent.status_code == 429:
        raise RateLimited("send: HTTP 429 (sending limit)")
    if in_place and sent.status_code == 200 and _TITLE_RE.search(sent.text):
        # The status page as the answer: its address is the one the page puts in the browser's history.
        found = _HISTORY_RE.search(sent.text)
        address = json.loads(f'"{found.group(1)}"') if found else ""
        return Sent(status_url=urljoin(draft.form_url, address), page=sent.text)
    if sent.status_code != 303:
        raise SubmitError(f"send: HTTP {sent.status_code}: {_errors(sent.text)}")
    return Sent(status_url=urljoin(draft.form_url, sent.headers["Location"]))


def read_number(client: requests.Session, sent: Sent | str, *, timeout: float = 60) -> str:
    """The registration number from the status page's title (GET it unless it was the POST's answer)."""
    if isinstance(sent, str):
        sent = Sent(status_url=sent)
    if sent.page is not None:
        text, status_code = sent.page, 200
    else:
        status = client.get(sent.status_url, timeout=timeout)
        text, status_code = (status.text if status.ok else ""), status.status_code
    title = _TITLE_RE.search(text)
    match = NUMBER_RE.search(unescape(title.group(1))) if title else None
    if match is None:
        raise SubmitError(f"status page: HTTP {status_code}, no registration number")
    return match.group(1)


def submit_appeal(
    client: requests.Session,
    *,
    base_url: str,
    form_path: str,
    session: PreparedSession | None = None,
    text: str = DEFAULT_TEXT,
    kind: str = "complaint",
    timeout: float = 60,
    in_place: bool = False,
) -> str:
    """Fill in and send one appeal through all five steps; returns its registration number."""
    draft = prepare_draft(
        client,
        base_url=base_url,
        form_path=form_path,
        session=session,
        text=text,
        kind=kind,
        timeout=timeout,
        in_place=in_place,
    )
    return read_number(client, send_draft(client, draft, timeout=timeout, in_place=in_place), timeout=timeout)
