"""Keep secrets that travel in URLs out of every log and error report.

The status link of an appeal (``/appeals/status/<token>/``) and the cancel
link of a reception sign-up (``/priem/otmena/<token>/``) are bearer keys to a
resident's personal data; so are OpenID Connect's ``code`` and ``state``.
One function, ``redact()``, masks them; it is applied by:

- ``RedactSecretsFilter``: a logging filter on the console handler (settings
  ``LOGGING``) and on gunicorn's loggers;
- ``GunicornLogger``: gunicorn's ``--logger-class`` (access and error logs,
  scripts/serve.sh);
- ``RedactingExceptionReporter`` / ``RedactingReporterFilter``: Django's
  error reports (the 500 e-mail and the debug page): the URL masked, and
  local variables named like a token, code or secret hidden.
"""

import logging
import re

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

MASK = "[скрыто]"

# Path segments that are keys: the segment after these prefixes.
_SECRET_PATHS = re.compile(r"(/(?:appeals/status|priem/otmena)/)(?!\?|/|\s)[^/?#\s\"']+")
# Query parameters that are keys (OpenID Connect's callback, any ?token=).
# OpenID Connect's ``state`` only as a URL parameter: a bare ``state=`` is also
# how the task worker logs a task's state (``state=SUCCESSFUL``), which is no secret.
_SECRET_QUERY = re.compile(
    r"((?:(?:^|[?&;>\s\"'])(?:code|token|id_token|access_token)|[?&;]state)=)[^&#\s\"']*",
    re.IGNORECASE | re.MULTILINE,
)


def redact(text: str) -> str:
    """``text`` with every status/cancel token and secret query value masked."""
    if not text or "/" not in text and "=" not in text:
        return text
    return _SECRET_QUERY.sub(rf"\1{MASK}", _SECRET_PATHS.sub(rf"\1{MASK}", text))


class RedactSecretsFilter(logging.Filter):
    """Formats the record's message once, masked; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError, KeyError):  # a broken record is logged as it is
            return True
        masked = redact(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class RedactingReporterFilter(SafeExceptionReporterFilter):
    """Also hides local variables whose name says token, code or secret."""

    hidden_variables = re.compile(r"TOKEN|SECRET|PASS|SIGNATURE|^CODE$|COOKIE", flags=re.IGNORECASE)

    def get_traceback_frame_variables(self, request, tb_frame):
        variables = super().get_traceback_frame_variables(request, tb_frame)
        return [
            (name, self.cleansed_substitute if self.hidden_variables.search(name) else value)
            for name, value in variables
        ]


class RedactingExceptionReporter(ExceptionReporter):
    """The error report (HTML and text) with secrets in URLs and GET parameters masked."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if data.get("request_GET_items"):
            hidden = RedactingReporterFilter.hidden_variables
            data["request_GET_items"] = [
                (name, MASK if hidden.search(name) or name.lower() == "state" else value)
                for name, value in data["request_GET_items"]
            ]
        return data

    def get_traceback_html(self):
        return redact(str(super().get_traceback_html()))

    def get_traceback_text(self):
        return redact(str(super().get_traceback_text()))


try:  # gunicorn is a dependency of the server, not of every process that imports this module
    from gunicorn.glogging import Logger as _GunicornBase
except ImportError:  # pragma: no cover
    _GunicornBase = None


if _GunicornBase is not None:

    class GunicornLogger(_GunicornBase):
        """gunicorn's logger with the access and error logs masked (``--logger-class``)."""

        def setup(self, cfg):
            super().setup(cfg)
            for log in (self.error_log, self.access_log):
                if not any(isinstance(f, RedactSecretsFilter) for f in log.filters):
                    log.addFilter(RedactSecretsFilter())
