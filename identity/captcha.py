"""reCAPTCHA v2 (checkbox) on the "send code" step.

On when both RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY are set. The
verification request goes to RECAPTCHA_DOMAIN (www.recaptcha.net where
www.google.com is unreachable). When the verification service does not answer
(timeout, DNS failure, refused connection, garbage), the form shows a clear
message instead of failing the request.
"""

import http.client
import logging
from urllib.error import URLError

from django.conf import settings
from django.core.exceptions import ValidationError
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox

logger = logging.getLogger(__name__)

MSG_REQUIRED = "Подтвердите, что вы не робот: отметьте флажок «Я не робот»."
MSG_INVALID = "Проверка «я не робот» не пройдена. Отметьте флажок ещё раз."
MSG_UNAVAILABLE = "Сервис проверки «я не робот» временно недоступен, попробуйте ещё раз через минуту."


def captcha_enabled() -> bool:
    return bool(settings.RECAPTCHA_PUBLIC_KEY and settings.RECAPTCHA_PRIVATE_KEY)


class CaptchaField(ReCaptchaField):
    widget = ReCaptchaV2Checkbox(api_params={"hl": "ru"})
    default_error_messages = {
        "required": MSG_REQUIRED,
        "captcha_invalid": MSG_INVALID,
        "captcha_error": MSG_UNAVAILABLE,
    }

    def __init__(self, *, remote_ip: str | None = None, **kwargs):
        kwargs.setdefault("label", "Проверка «я не робот»")
        super().__init__(**kwargs)
        self.remote_ip = remote_ip

    def get_remote_ip(self):
        # The library walks the call stack for a request and trusts
        # X-Forwarded-For; we pass the address we determined ourselves.
        return self.remote_ip or ""

    def validate(self, value):
        try:
            super().validate(value)
        except (URLError, OSError, http.client.HTTPException, ValueError, KeyError) as exc:
            # URLError covers DNS failures and refused connections, OSError
            # timeouts and resets, ValueError/KeyError an answer that is not
            # the expected JSON.
            logger.warning("reCAPTCHA verification unavailable: %s", type(exc).__name__)
            raise ValidationError(self.error_messages["captcha_error"], code="captcha_unavailable") from exc
