"""Status and cancel tokens never reach a log line or an error report (issue 13, item 7)."""

import io
import logging
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.views.debug import get_default_exception_reporter_filter, get_exception_reporter_class
from gunicorn.config import Config

from home.logredact import MASK, GunicornLogger, RedactSecretsFilter, redact

TOKEN = "s3cr3t-T0ken_abcdefghijklmnop"


@pytest.mark.parametrize(
    "line",
    [
        f"GET /appeals/status/{TOKEN}/ 200",
        f'"GET /priem/otmena/{TOKEN}/ HTTP/1.1" 404',
        f"Not Found: /appeals/status/{TOKEN}",
        f"/identity/oidc/callback/?state={TOKEN}&code={TOKEN}",
        f"https://portal.example.ru/appeals/status/{TOKEN}/?token={TOKEN}",
    ],
)
def test_redact_masks_every_kind_of_key(line):
    masked = redact(line)
    assert TOKEN not in masked
    assert MASK in masked


def test_redact_keeps_the_rest_of_the_line():
    assert redact("GET /appeals/status/ 200") == "GET /appeals/status/ 200"
    assert redact("GET /grafik-priema/?page=2 200") == "GET /grafik-priema/?page=2 200"
    # The task worker's own lines stay readable: a task's state is no secret
    # (make run's log showed every task as «state=[скрыто]»).
    line = "Task id=b7cd path=home.tasks.publish_scheduled state=SUCCESSFUL"
    assert redact(line) == line
    assert TOKEN not in redact(f"redirect to /identity/oidc/callback/?code=1&state={TOKEN}")


def _gunicorn_line(url: str) -> str:
    cfg = Config()
    cfg.set("accesslog", "-")
    cfg.set("access_log_format", '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms')
    stream = io.StringIO()
    logger = GunicornLogger(cfg)
    for handler in logger.access_log.handlers:
        handler.stream = stream

    class Response:
        status = "200 OK"
        response_length = 10
        headers = ()
        sent = 10

    class Request:
        headers = ()
        uri = path = url
        query, method, version = "", "GET", (1, 1)

    environ = {"REQUEST_METHOD": "GET", "RAW_URI": url, "PATH_INFO": url, "QUERY_STRING": ""}
    environ |= {"SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1"}
    logger.access(Response(), Request(), environ, timedelta(milliseconds=3))
    return stream.getvalue()


def test_gunicorn_access_log_masks_the_status_token():
    line = _gunicorn_line(f"/appeals/status/{TOKEN}/")
    assert "/appeals/status/" in line
    assert TOKEN not in line


def test_gunicorn_config_and_serve_script_use_the_masking_logger():
    root = settings.BASE_DIR
    assert 'logger_class = "home.logredact.GunicornLogger"' in (root / "gunicorn.conf.py").read_text()
    assert "--logger-class home.logredact.GunicornLogger" in (root / "scripts" / "serve.sh").read_text()


def test_django_console_handler_masks_tokens(client, db, capsys):
    handlers = logging.getLogger().handlers
    handler = next(h for h in handlers if any(isinstance(f, RedactSecretsFilter) for f in h.filters))
    stream = io.StringIO()
    old_stream = handler.setStream(stream)
    try:
        logging.getLogger("django.request").error("Not Found: %s", f"/appeals/status/{TOKEN}/")
        logging.getLogger("appeals_form").warning("visited %s", f"/priem/otmena/{TOKEN}/")
    finally:
        handler.setStream(old_stream or sys.stderr)
    output = stream.getvalue()
    assert "Not Found: /appeals/status/" in output
    assert TOKEN not in output


def test_error_report_masks_the_url_and_token_variables(rf: RequestFactory):
    request = rf.get(f"/appeals/status/{TOKEN}/", {"code": TOKEN})

    def view(request, token):
        raise ValueError("boom")

    try:
        view(request, TOKEN)
    except ValueError:
        exc_info = sys.exc_info()
    reporter = get_exception_reporter_class(request)(request, *exc_info)
    assert get_default_exception_reporter_filter().__class__.__name__ == "RedactingReporterFilter"
    assert TOKEN not in reporter.get_traceback_text()
    assert TOKEN not in reporter.get_traceback_html()


def test_dev_settings_send_mail_to_private_files_not_the_console():
    from portal.settings import dev

    assert dev.EMAIL_DELIVERY_BACKEND == "django.core.mail.backends.filebased.EmailBackend"
    assert str(dev.EMAIL_FILE_PATH).startswith(str(dev.PRIVATE_MEDIA_ROOT))
