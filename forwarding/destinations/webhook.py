"""HTTP webhook: a signed JSON POST.

Options: ``url``; ``secret`` or ``secret_env`` (required: every body is signed);
``timeout`` (seconds, default FORWARDING_WEBHOOK_TIMEOUT_SECONDS).

Request: the JSON body described by forwarding/schema/appeal-forwarded.v2.schema.json (v1 when pinned),
headers ``Idempotency-Key`` (the delivery's key, the same on every retry),
``X-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>`` and
``X-Portal-Event``. Redirects are not followed.

Outcome: 2xx = accepted (a JSON answer may carry ``registration_number``);
408, 429, 5xx, timeouts and connection errors = retry; any other status
(other 4xx, 3xx) = permanent failure.
"""

from django.conf import settings

from .base import Destination, Envelope, PermanentFailure, Receipt, TemporaryFailure, resolve_secret, sign

RETRY_STATUSES = frozenset({408, 429})
USER_AGENT = "appeals-portal-forwarding/1"


class WebhookDestination(Destination):
    type = "webhook"
    required = ("url",)

    def __init__(self, config: dict):
        super().__init__(config)
        self.url: str = config["url"]
        self.secret = resolve_secret(config)

    @classmethod
    def default_timeout(cls) -> float:
        return settings.FORWARDING_WEBHOOK_TIMEOUT_SECONDS

    @classmethod
    def config_errors(cls, config: dict) -> list[str]:
        errors = super().config_errors(config)
        url = str(config.get("url") or "")
        if url and not url.startswith(("http://", "https://")):
            errors.append(f"«{config.get('name')}»: адрес должен начинаться с http:// или https://")
        if not resolve_secret(config):
            errors.append(f"«{config.get('name')}»: не задан секрет подписи (secret или secret_env)")
        return errors

    def describe(self) -> str:
        return f"HTTP: {self.url}"

    def headers(self, envelope: Envelope, body: bytes) -> dict[str, str]:
        return {
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": envelope.idempotency_key,
            "X-Signature": sign(self.secret, body),
            "X-Portal-Event": envelope.event,
            "User-Agent": USER_AGENT,
        }

    def send(self, envelope: Envelope) -> Receipt:
        import requests  # loaded on first use: web workers that never deliver don't carry it

        body = envelope.json_bytes()
        try:
            response = requests.post(
                self.url,
                data=body,
                headers=self.headers(envelope, body),
                timeout=self.timeout,
                allow_redirects=False,
            )
        except requests.Timeout as exc:
            raise TemporaryFailure(f"Нет ответа за {self.timeout:g} с") from exc
        except requests.RequestException as exc:
            raise TemporaryFailure(f"Ошибка соединения ({type(exc).__name__})") from exc
        status = response.status_code
        if 200 <= status < 300:
            return Receipt(remote_number=_registration_number(response), detail=f"HTTP {status}")
        if status in RETRY_STATUSES or status >= 500:
            raise TemporaryFailure(f"HTTP {status}")
        raise PermanentFailure(f"HTTP {status}: получатель отклонил сообщение")


def _registration_number(response) -> str:
    if "json" not in response.headers.get("Content-Type", ""):
        return ""
    try:
        data = response.json()
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return ""
    number = data.get("registration_number") or ""
    return str(number)[:64] if isinstance(number, str | int) else ""
