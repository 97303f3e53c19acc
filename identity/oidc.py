"""Identification by OpenID Connect: ЕСИА through an OIDC gateway, or a regional provider.

Authorization code flow with authlib's Django client: state, nonce and a PKCE
verifier are kept in the session; the ID token is checked for its signature
(the provider's JWKS, asymmetric algorithms only), issuer, audience, nonce and
lifetime; the userinfo endpoint (when the provider has one) adds claims for
the same subject. The e-mail address from the provider must still be in an
allowed zone (.ru, .рф, .su), because the answer is sent there.

Enabled when OIDC_CLIENT_ID and OIDC_DISCOVERY_URL (or OIDC_ISSUER) are set;
see portal/settings/identity.py.
"""

import logging
import threading
import time
import unicodedata
from collections.abc import Mapping
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from .errors import OidcError
from .types import METHOD_OIDC, Identity
from .validators import normalize_reply_email, zones_text

logger = logging.getLogger(__name__)

CLIENT_NAME = "portal_oidc"
NAME_MAX_LENGTH = 100
# Signatures we accept on ID tokens: keys from the provider's JWKS only.
ASYMMETRIC_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]
# The resident declined or the provider needs interaction: not a failure of ours.
USER_ERRORS = {"access_denied", "login_required", "consent_required", "interaction_required"}

_clients: dict[tuple, tuple[float, object]] = {}
_lock = threading.Lock()


def oidc_enabled() -> bool:
    return bool(settings.OIDC_CLIENT_ID and (settings.OIDC_DISCOVERY_URL or settings.OIDC_ISSUER))


def provider_name() -> str:
    return settings.OIDC_PROVIDER_NAME


def discovery_url() -> str:
    if settings.OIDC_DISCOVERY_URL:
        return settings.OIDC_DISCOVERY_URL
    return settings.OIDC_ISSUER.rstrip("/") + "/.well-known/openid-configuration"


def _scopes() -> str:
    scopes = settings.OIDC_SCOPES.split()
    if "openid" not in scopes:
        scopes.insert(0, "openid")
    return " ".join(scopes)


def get_client():
    """The authlib client for the configured provider (metadata cached for OIDC_METADATA_TTL_SECONDS)."""
    config = (
        discovery_url(),
        settings.OIDC_CLIENT_ID,
        settings.OIDC_CLIENT_SECRET,
        _scopes(),
        settings.OIDC_TOKEN_AUTH_METHOD,
        settings.OIDC_USE_PKCE,
        settings.OIDC_TIMEOUT_SECONDS,
    )
    now = time.monotonic()
    with _lock:
        cached = _clients.get(config)
        if cached and now - cached[0] < settings.OIDC_METADATA_TTL_SECONDS:
            return cached[1]
        client_kwargs = {
            "scope": config[3],
            "token_endpoint_auth_method": config[4],
            "default_timeout": config[6],
        }
        if config[5]:
            client_kwargs["code_challenge_method"] = "S256"
        # authlib is imported when a provider is used, not when the site starts:
        # it is ~16 MB per worker that most deployments (e-mail codes only) never need.
        from authlib.integrations.django_client import OAuth

        oauth = OAuth()
        oauth.register(
            CLIENT_NAME,
            client_id=config[1],
            client_secret=config[2],
            server_metadata_url=config[0],
            client_kwargs=client_kwargs,
        )
        client = oauth.create_client(CLIENT_NAME)
        _clients.clear()
        _clients[config] = (now, client)
        return client


def _metadata(client) -> dict:
    metadata = client.load_server_metadata()
    offered = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    # Never let the provider's document widen what we accept (no "none", no HMAC).
    metadata["id_token_signing_alg_values_supported"] = [alg for alg in offered if alg in ASYMMETRIC_ALGORITHMS]
    return metadata


def _unavailable() -> OidcError:
    return OidcError(
        f"Сервис «{provider_name()}» сейчас не отвечает. Попробуйте ещё раз через несколько минут "
        "или подтвердите личность по коду из письма.",
        status=503,
    )


def _refused() -> OidcError:
    return OidcError(
        f"Ответ сервиса «{provider_name()}» не прошёл проверку подлинности, вход не выполнен. "
        "Попробуйте войти ещё раз или подтвердите личность по коду из письма.",
        status=400,
    )


def begin_login(request, *, redirect_uri: str):
    """Redirect to the provider's authorization endpoint (state, nonce, PKCE saved in the session)."""
    import requests  # loaded on first use: public pages never need it

    client = get_client()
    try:
        _metadata(client)
        return client.authorize_redirect(request, redirect_uri)
    except (requests.RequestException, ValueError, RuntimeError) as exc:
        logger.warning("OIDC provider unavailable at login: %s", type(exc).__name__)
        raise _unavailable() from exc


def _clean_name(value) -> str:
    if not isinstance(value, str):
        return ""
    value = unicodedata.normalize("NFC", " ".join(value.split()))
    if any(unicodedata.category(char)[0] == "C" for char in value):
        return ""
    return value[:NAME_MAX_LENGTH]


def identity_from_claims(*, claims: Mapping, issuer: str, now: datetime | None = None) -> Identity:
    """Map the provider's claims to an Identity; the e-mail must be in an allowed zone."""
    name = provider_name()
    raw_email = claims.get(settings.OIDC_CLAIM_EMAIL)
    if not isinstance(raw_email, str) or not raw_email.strip():
        raise OidcError(
            f"Сервис «{name}» не передал адрес электронной почты, а ответ на обращение направляется по "
            "электронной почте. Укажите адрес в учётной записи и войдите снова или подтвердите личность "
            "по коду, отправленному на ваш адрес."
        )
    try:
        email = normalize_reply_email(raw_email)
    except ValidationError as exc:
        if exc.code == "zone":
            message = (
                f"Адрес электронной почты из учётной записи «{name}» находится вне доменных зон {zones_text()}, "
                f"а ответ на обращение может быть направлен только на адрес в зонах {zones_text()}. "
                "Подтвердите личность по коду, отправленному на адрес в одной из этих зон."
            )
        else:
            message = (
                f"Адрес электронной почты из учётной записи «{name}» не подходит для ответа на обращение. "
                "Подтвердите личность по коду, отправленному на ваш адрес."
            )
        raise OidcError(message) from exc
    return Identity(
        method=METHOD_OIDC,
        verified_at=now or timezone.now(),
        email=email,
        surname=_clean_name(claims.get(settings.OIDC_CLAIM_SURNAME)),
        first_name=_clean_name(claims.get(settings.OIDC_CLAIM_FIRST_NAME)),
        patronymic=_clean_name(claims.get(settings.OIDC_CLAIM_PATRONYMIC)),
        subject=str(claims.get("sub", "")),
        issuer=str(claims.get("iss", issuer)),
    )


def complete_login(request) -> Identity:
    """Handle the provider's redirect back; return the identity or raise ``OidcError``.

    Nothing is stored on failure. The state is single-use: it is removed from
    the session before anything else happens.
    """
    client = get_client()
    state_data = _take_state(client, request)
    _raise_provider_error(request)
    code = request.GET.get("code")
    if not code or "nonce" not in state_data:
        raise _refused()
    claims, issuer = _fetch_claims(client, state_data=state_data, code=code)
    return identity_from_claims(claims=claims, issuer=issuer)


def _take_state(client, request) -> dict:
    """The state saved when the login started, removed from the session (single use)."""
    state = request.GET.get("state", "")
    state_data = client.framework.get_state_data(request.session, state) if state else None
    if not state_data:
        raise OidcError(
            "Ссылка для входа недействительна или устарела (вход мог быть начат в другом окне или браузере). "
            "Начните вход заново.",
            status=400,
        )
    client.framework.clear_state_data(request.session, state)
    return state_data


def _raise_provider_error(request) -> None:
    """The provider's ``error`` in the redirect: the resident cancelled, or the provider failed."""
    error = request.GET.get("error")
    if not error:
        return
    name = provider_name()
    logger.info("OIDC provider returned error %s", error[:64])
    if error in USER_ERRORS:
        raise OidcError(
            f"Вход через «{name}» не выполнен: вы отменили вход или не дали согласие на передачу данных. "
            "Попробуйте войти ещё раз или подтвердите личность по коду из письма."
        )
    raise OidcError(
        f"Сервис «{name}» сообщил об ошибке, вход не выполнен. Попробуйте ещё раз через несколько минут "
        "или подтвердите личность по коду из письма.",
        status=502,
    )


def _fetch_claims(client, *, state_data: dict, code: str) -> tuple[dict, str]:
    """Exchange the code for tokens; the verified ID token's claims (with userinfo's) and the issuer."""
    import requests
    from authlib.common.errors import AuthlibBaseError  # see get_client: imported on use
    from joserfc.errors import JoseError

    params = {"code": code, "redirect_uri": state_data.get("redirect_uri")}
    if state_data.get("code_verifier"):
        params["code_verifier"] = state_data["code_verifier"]
    try:
        metadata = _metadata(client)
        token = client.fetch_access_token(**params)
        if "id_token" not in token:
            raise _refused()
        issuer = settings.OIDC_ISSUER or metadata.get("issuer", "")
        claims_options = {
            "iss": {"essential": True, "values": [issuer]},
            "aud": {"essential": True, "values": [settings.OIDC_CLIENT_ID]},
            "sub": {"essential": True},
        }
        claims = dict(client.parse_id_token(token, nonce=state_data["nonce"], claims_options=claims_options))
        if metadata.get("userinfo_endpoint"):
            userinfo = dict(client.userinfo(token=token))
            if userinfo.get("sub") != claims.get("sub"):
                logger.warning("OIDC userinfo subject differs from the ID token subject")
                raise _refused()
            # Userinfo adds to the ID token's claims; who issued it and for whom stays the ID token's.
            claims = {**claims, **userinfo, "iss": claims["iss"], "sub": claims["sub"]}
    except OidcError:
        raise
    except JoseError as exc:
        # e.g. "InvalidClaimError: invalid_claim: Invalid claim: 'nonce'" (claim names, no personal data)
        logger.warning("OIDC ID token refused: %s: %s", type(exc).__name__, exc)
        raise _refused() from exc
    except AuthlibBaseError as exc:
        logger.warning("OIDC answer refused: %s", type(exc).__name__)
        raise _refused() from exc
    except (requests.RequestException, ValueError, RuntimeError) as exc:
        logger.warning("OIDC provider unavailable at callback: %s", type(exc).__name__)
        raise _unavailable() from exc
    return claims, issuer
