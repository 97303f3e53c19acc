"""Identification of the applicant (59-ФЗ as amended by 547-ФЗ, since 30.03.2025).

An electronic appeal counts only when the site identifies and authenticates the
applicant. Two methods are built in: a confirmation code sent to the reply
address (the embedded default) and OpenID Connect (ЕСИА through an OIDC gateway,
or a regional identity provider), enabled when configured. Every value can be
overridden from the environment; see identity/README.md.
"""

from .env import env, env_bool, env_int

# How long an identification stays valid in the resident's session.
IDENTITY_LIFETIME_SECONDS = env_int("IDENTITY_LIFETIME_SECONDS", 2 * 60 * 60)

# E-mail confirmation code.
IDENTITY_CODE_TTL_SECONDS = env_int("IDENTITY_CODE_TTL_SECONDS", 10 * 60)
IDENTITY_CODE_MAX_TRIES = env_int("IDENTITY_CODE_MAX_TRIES", 5)
# A new code for the same address not sooner than this after the previous one ...
IDENTITY_CODE_RESEND_INTERVAL_SECONDS = env_int("IDENTITY_CODE_RESEND_INTERVAL_SECONDS", 60)
# ... and at most this many per address and per client IP in a window.
IDENTITY_CODE_WINDOW_SECONDS = env_int("IDENTITY_CODE_WINDOW_SECONDS", 60 * 60)
IDENTITY_CODE_PER_ADDRESS = env_int("IDENTITY_CODE_PER_ADDRESS", 5)
IDENTITY_CODE_PER_IP = env_int("IDENTITY_CODE_PER_IP", 20)

# reCAPTCHA v2 (checkbox) on the "send code" step. Without both keys the
# captcha is off (development); the system check identity.W001 warns when
# DEBUG is off and the keys are missing. Empty strings (not the library's
# Google test keys) keep django-recaptcha's own key check quiet in development.
RECAPTCHA_PUBLIC_KEY = env("RECAPTCHA_PUBLIC_KEY", "")
RECAPTCHA_PRIVATE_KEY = env("RECAPTCHA_PRIVATE_KEY", "")
# www.recaptcha.net where www.google.com is unreachable from the hosting.
RECAPTCHA_DOMAIN = env("RECAPTCHA_DOMAIN", "www.google.com")
RECAPTCHA_VERIFY_REQUEST_TIMEOUT = env_int("RECAPTCHA_VERIFY_REQUEST_TIMEOUT", 5)

# OpenID Connect. Enabled when OIDC_CLIENT_ID and either OIDC_DISCOVERY_URL or
# OIDC_ISSUER are set (the discovery URL defaults to
# <issuer>/.well-known/openid-configuration).
OIDC_DISCOVERY_URL = env("OIDC_DISCOVERY_URL", "")
OIDC_ISSUER = env("OIDC_ISSUER", "")
OIDC_CLIENT_ID = env("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", "")
OIDC_SCOPES = env("OIDC_SCOPES", "openid email profile")
# "client_secret_basic" or "client_secret_post", as the provider expects.
OIDC_TOKEN_AUTH_METHOD = env("OIDC_TOKEN_AUTH_METHOD", "client_secret_basic")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
# The callback URL registered with the provider; built from the request when empty.
OIDC_REDIRECT_URI = env("OIDC_REDIRECT_URI", "")
OIDC_TIMEOUT_SECONDS = env_int("OIDC_TIMEOUT_SECONDS", 10)
# The provider's discovery document and keys are re-read after this long.
OIDC_METADATA_TTL_SECONDS = env_int("OIDC_METADATA_TTL_SECONDS", 60 * 60)
# Which claims hold the names and the e-mail address.
OIDC_CLAIM_SURNAME = env("OIDC_CLAIM_SURNAME", "family_name")
OIDC_CLAIM_FIRST_NAME = env("OIDC_CLAIM_FIRST_NAME", "given_name")
OIDC_CLAIM_PATRONYMIC = env("OIDC_CLAIM_PATRONYMIC", "middle_name")
OIDC_CLAIM_EMAIL = env("OIDC_CLAIM_EMAIL", "email")
# Shown on the button: «Войти через Госуслуги».
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", "Госуслуги")

# Rate limiting (home/ratelimit.py): how many reverse proxies in front of the
# site append to X-Forwarded-For. 0 = use REMOTE_ADDR (no proxy). Behind one
# TLS-terminating proxy set 1, or every resident shares the proxy's address.
RATELIMIT_TRUSTED_PROXY_COUNT = env_int("RATELIMIT_TRUSTED_PROXY_COUNT", 0)
