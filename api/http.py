"""The API's HTTP rules, in one place: JSON bodies, errors, CORS, caching and the rate limit.

Every endpoint view is wrapped by ``endpoint``: only GET and HEAD (OPTIONS answers
a CORS preflight), the rate limit per client address (``home.ratelimit``, 429
with Retry-After), then the kept response (the page cache's store, keyed by the
content generation: a published change is seen at once) or the view's data as
UTF-8 JSON with ``Cache-Control: public, max-age`` and
``Access-Control-Allow-Origin: *`` (public read-only data). Every 200 carries an
``ETag`` (a hash of the body): ``If-None-Match`` gets 304, and a browser client
may send it (preflight) and read ``ETag``/``Retry-After``.

A view returns plain data or raises ``ApiError`` (400, a Russian message naming
the parameter) or ``NotFound`` (404).
"""

from __future__ import annotations

import hashlib
import json
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

from home import ratelimit
from home.pagecache import generation
from home.pagecache.generation import cache_alias

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/json; charset=utf-8"
RATE_SCOPE = "api.ip"
CACHE_PREFIX = "api:v1"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
#: Request headers a browser client may send (revalidation) and response headers its script may read.
ALLOWED_HEADERS = "If-None-Match, If-Modified-Since"
EXPOSED_HEADERS = "ETag, Retry-After"


#: Every ``error.code`` the API answers, with its meaning: a stable list clients may rely on (the OpenAPI
#: description's enum); an ApiError with any other code is a programming error.
ERROR_CODES: dict[str, str] = {
    "invalid": "значение параметра не разобрано (не дата, не число, нет такого значения)",
    "repeated": "параметр указан несколько раз",
    "unknown": "неизвестный параметр",
    "required": "не указан обязательный параметр",
    "out_of_range": "число вне допустимых границ",
    "too_long": "слишком длинный текст",
    "range": "конец периода раньше начала",
    "period": "статистика: не целый месяц, квартал, полугодие или год",
    "future": "статистика: период ещё не начался",
    "running": "статистика: период ещё не закончился",
    "not_found": "нет такого адреса или записи",
    "method_not_allowed": "API только для чтения",
    "rate_limited": "слишком много запросов",
}


class ApiError(Exception):
    """A bad request: 400 with ``{"error": {"code", "message", "field"}}``; ``code`` one of ERROR_CODES."""

    status = 400

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"API error code {code!r} is not in api.http.ERROR_CODES")
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


class NotFound(ApiError):
    status = 404

    def __init__(self, message: str = "Такого адреса в API нет.", *, field: str | None = None) -> None:
        super().__init__(message, code="not_found", field=field)


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    response["X-Content-Type-Options"] = "nosniff"
    return response


def json_response(data, *, status: int = 200, cache_seconds: int = 0) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    response = HttpResponse(body.encode("utf-8"), status=status, content_type=CONTENT_TYPE)
    if cache_seconds > 0:
        response["Cache-Control"] = f"public, max-age={cache_seconds}"
    else:
        response["Cache-Control"] = "no-cache"
    return _cors(response)


def error_response(error: ApiError) -> HttpResponse:
    body = {"error": {"code": error.code, "message": error.message, "field": error.field}}
    return json_response(body, status=error.status)


def not_found(request, exception=None) -> HttpResponse:
    """404 for any unknown address under /api/ (the catch-all route)."""
    return error_response(NotFound())


def _too_many(seconds: int) -> HttpResponse:
    response = error_response(
        ApiError(
            f"Слишком много запросов с вашего адреса. Повторите через {seconds} с.",
            code="rate_limited",
        )
    )
    response.status_code = 429
    response["Retry-After"] = str(seconds)
    return response


def _method_not_allowed() -> HttpResponse:
    response = error_response(ApiError("API только для чтения: используйте GET.", code="method_not_allowed"))
    response.status_code = 405
    response["Allow"] = ALLOWED_METHODS
    return response


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Allow"] = ALLOWED_METHODS
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response["Access-Control-Max-Age"] = "86400"
    return _cors(response)


def _key(request, token: str) -> str:
    query = sorted(request.GET.lists())
    # The host and scheme too: links in the answers (next, previous, servers) are absolute.
    raw = json.dumps([request.scheme, request.get_host(), request.path, query], ensure_ascii=False)
    return f"{CACHE_PREFIX}:{token}:{hashlib.sha256(raw.encode('utf-8')).hexdigest()}"


def _kept(request):
    if not getattr(settings, "PAGE_CACHE_ENABLED", False):
        return None, None
    token = generation.current()
    if not token:
        return None, None
    key = _key(request, token)
    try:
        entry = caches[cache_alias()].get(key)
    except Exception:  # a cache outage is a miss
        logger.warning("API cache unavailable", exc_info=True)
        return None, None
    return key, entry


def _keep(key: str | None, response: HttpResponse) -> None:
    if key is None or response.status_code != 200:
        return
    try:
        caches[cache_alias()].set(key, response.content, settings.API_CACHE_SECONDS)
    except Exception:
        logger.warning("API cache unavailable", exc_info=True)


def _fresh(request, body: bytes, seconds: int) -> HttpResponse:
    """A 200 with its ETag (a hash of the body), or 304 when the client's copy is still this one."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={seconds}"
    return _cors(response)


def endpoint(view):
    """An API view: ``view(request, **kwargs)`` returns JSON-ready data or raises ApiError."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _preflight()
        if request.method not in ("GET", "HEAD"):
            return _method_not_allowed()
        window = settings.API_RATE_WINDOW_SECONDS
        if not ratelimit.hit(
            scope=RATE_SCOPE, key=ratelimit.client_ip(request), limit=settings.API_RATE_LIMIT, window_seconds=window
        ):
            return _too_many(ratelimit.retry_after(window_seconds=window))
        seconds = settings.API_CACHE_SECONDS
        key, entry = _kept(request)
        if entry is not None:
            return _fresh(request, entry, seconds)
        try:
            data = view(request, *args, **kwargs)
        except ApiError as error:
            return error_response(error)
        response = json_response(data, cache_seconds=seconds)
        _keep(key, response)
        return _fresh(request, response.content, seconds)

    return wrapped
