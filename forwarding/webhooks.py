"""POST /forwarding/webhook/status/: statuses reported by the document system.

Authentication: an HMAC-SHA256 with the shared secret FORWARDING_INBOUND_SECRET
over ``<X-Timestamp>.<raw body>``, sent as ``X-Signature: sha256=<hex>``;
``X-Timestamp`` is Unix time in seconds and must be within
FORWARDING_INBOUND_MAX_AGE_SECONDS of ours, so a captured request cannot be
replayed later; within that window the ``event_id`` makes a repeat harmless.
The body: forwarding/schema/status-report.v1.schema.json. Answers are JSON.
CSRF does not apply: the caller is a machine with a signature, not a browser.
"""

import json
import logging
import re
import time

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from forwarding import inbound
from forwarding.destinations import signature_matches

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
# ASCII digits only, and few of them: str.isdigit() accepts «²» and int() any length.
_UNSIGNED = re.compile(r"[0-9]{1,12}")


def header_int(request, name: str, default: str = "") -> int | None:
    """The header as a non-negative integer of at most 12 ASCII digits, or None."""
    value = request.headers.get(name, "").strip() or default
    return int(value) if _UNSIGNED.fullmatch(value) else None


def _error(status: int, code: str, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": code, "message": message, **extra}, status=status)


def signed_payload(timestamp: str, body: bytes) -> bytes:
    return timestamp.encode() + b"." + body


def _authenticate(request, body: bytes) -> JsonResponse | None:
    secret = settings.FORWARDING_INBOUND_SECRET
    if not secret:
        return _error(503, "not_configured", "Приём статусов не настроен (FORWARDING_INBOUND_SECRET).")
    if "X-Timestamp" not in request.headers or "X-Signature" not in request.headers:
        return _error(401, "unsigned", "Нужны заголовки X-Timestamp и X-Signature.")
    timestamp = header_int(request, "X-Timestamp")
    if timestamp is None:
        return _error(400, "bad_header", "X-Timestamp: целое число секунд (Unix time).", header="X-Timestamp")
    signature = request.headers["X-Signature"].strip()
    if not signature.isascii() or len(signature) > 200:
        return _error(400, "bad_header", "X-Signature: sha256=<64 шестнадцатеричных знака>.", header="X-Signature")
    if not signature_matches(secret, signed_payload(request.headers["X-Timestamp"].strip(), body), signature):
        return _error(401, "bad_signature", "Подпись не совпадает.")
    if abs(time.time() - timestamp) > settings.FORWARDING_INBOUND_MAX_AGE_SECONDS:
        return _error(401, "stale", "Метка времени устарела: запрос мог быть повторён.")
    return None


@csrf_exempt
@require_POST
def status_webhook(request):
    length = header_int(request, "Content-Length", "0")
    if length is None:
        return _error(400, "bad_header", "Content-Length: целое число байт.", header="Content-Length")
    if length > MAX_BODY_BYTES:
        return _error(413, "too_large", "Тело запроса слишком большое.")
    body = request.body
    refused = _authenticate(request, body)
    if refused is not None:
        logger.warning("Status webhook refused: %s", json.loads(refused.content)["error"])
        return refused
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _error(400, "bad_json", "Тело запроса не является JSON.")
    try:
        update = inbound.parse(data)
        applied = inbound.apply(update=update)
    except inbound.InvalidReport as exc:
        return _error(400, "invalid", "Данные не прошли проверку.", fields=exc.errors)
    except inbound.UnknownAppeal:
        return _error(404, "unknown_appeal", "Обращение не найдено.")
    logger.info("Status report %s applied (duplicate=%s)", update.event_id, applied.duplicate)
    return JsonResponse(
        {"status": "duplicate" if applied.duplicate else "applied", "event_id": update.event_id},
        status=200,
    )
