"""The identified applicant, kept in the resident's session.

The appeal form (and, later, reception sign-ups) reads it with
``get_identity(request)``; identification stores it with ``set_identity``.
An identity is valid for ``settings.IDENTITY_LIFETIME_SECONDS`` (2 hours by
default) from ``verified_at``.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.middleware.csrf import rotate_token
from django.utils import timezone

from .types import Identity

logger = logging.getLogger(__name__)

SESSION_KEY = "identity"
# The e-mail code waiting to be typed: {"code_id", "email", "next"}.
PENDING_KEY = "identity_pending"
# Where to return after identification by OpenID Connect.
OIDC_NEXT_KEY = "identity_oidc_next"


def _lifetime() -> timedelta:
    return timedelta(seconds=settings.IDENTITY_LIFETIME_SECONDS)


def get_identity(request, *, now: datetime | None = None) -> Identity | None:
    """The identity in the session, or None when absent, malformed or expired."""
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    try:
        identity = Identity.from_dict(data)
    except (TypeError, ValueError, KeyError):
        logger.warning("Discarding a malformed identity in a session")
        request.session.pop(SESSION_KEY, None)
        return None
    verified_at = identity.verified_at
    if timezone.is_naive(verified_at):
        return None
    if verified_at + _lifetime() <= (now or timezone.now()):
        return None
    return identity


def expires_at(identity: Identity) -> datetime:
    """When ``identity`` stops being accepted."""
    return identity.verified_at + _lifetime()


def set_identity(request, identity: Identity) -> None:
    """Bind ``identity`` to the session, under a new session key and CSRF token (as Django's login does)."""
    request.session.cycle_key()
    rotate_token(request)
    request.session[SESSION_KEY] = identity.to_dict()
    request.session.pop(PENDING_KEY, None)


def clear_identity(request) -> None:
    """Forget the identity (and any pending code) and change the session key and CSRF token."""
    request.session.pop(SESSION_KEY, None)
    request.session.pop(PENDING_KEY, None)
    request.session.pop(OIDC_NEXT_KEY, None)
    request.session.cycle_key()
    rotate_token(request)
