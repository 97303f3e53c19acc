"""System checks of identification settings."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def check_captcha_keys(app_configs, **kwargs):
    if settings.DEBUG or (settings.RECAPTCHA_PUBLIC_KEY and settings.RECAPTCHA_PRIVATE_KEY):
        return []
    return [
        checks.Warning(
            "reCAPTCHA keys are not set: the 'send code' step of identification has no captcha.",
            hint="Set RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY (and RECAPTCHA_DOMAIN=www.recaptcha.net "
            "if www.google.com is unreachable from the hosting).",
            id="identity.W001",
        )
    ]


@checks.register()
def check_oidc_settings(app_configs, **kwargs):
    has_provider = bool(settings.OIDC_DISCOVERY_URL or settings.OIDC_ISSUER)
    if bool(settings.OIDC_CLIENT_ID) == has_provider:
        return []
    return [
        checks.Warning(
            "OpenID Connect is half configured and stays off.",
            hint="Set both OIDC_CLIENT_ID and OIDC_DISCOVERY_URL (or OIDC_ISSUER), or neither.",
            id="identity.W002",
        )
    ]
