"""Identification by a confirmation code e-mailed to the reply address.

Rules (numbers in portal/settings/identity.py):

- a 6-digit code from ``secrets``, stored as an HMAC, valid for
  IDENTITY_CODE_TTL_SECONDS (10 minutes), at most IDENTITY_CODE_MAX_TRIES (5)
  attempts; a new code replaces the previous one for the same address;
- a new code for an address not sooner than IDENTITY_CODE_RESEND_INTERVAL_SECONDS
  (60 s) after the previous one, and at most IDENTITY_CODE_PER_ADDRESS (5) per
  address and IDENTITY_CODE_PER_IP (20) per client address in
  IDENTITY_CODE_WINDOW_SECONDS (an hour);
- the mail is sent by a task enqueued after the transaction commits.
"""

import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from home import ratelimit

from . import oidc
from .crypto import seal
from .errors import CodeExpired, CodeNotFound, RateLimited, TooManyTries, WrongCode
from .models import EmailCode
from .tasks import send_email_code
from .types import METHOD_EMAIL_CODE, Identity
from .validators import email_key, mailbox_key, normalize_reply_email

SCOPE_IP = "identity.code.ip"
SCOPE_ADDRESS = "identity.code.address"
CODE_DIGITS = 6


@dataclass(frozen=True)
class CodeSent:
    code_id: int
    email: str
    expires_at: datetime


def email_hash(email: str) -> str:
    return salted_hmac("identity.email", email_key(email), algorithm="sha256").hexdigest()


def _code_hash(*, salt: str, code: str) -> str:
    return salted_hmac("identity.email_code", f"{salt}:{code}", algorithm="sha256").hexdigest()


def _check_interval(*, address_hash: str, now: datetime) -> None:
    interval = settings.IDENTITY_CODE_RESEND_INTERVAL_SECONDS
    if interval <= 0:
        return
    last = (
        EmailCode.objects.filter(email_hash=address_hash)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last is not None and last + timedelta(seconds=interval) > now:
        wait = (last + timedelta(seconds=interval) - now).total_seconds()
        raise RateLimited(retry_after=math.ceil(wait), now=now, interval=True)


def _hit(*, scope: str, key: str, limit: int, now: datetime) -> None:
    window = settings.IDENTITY_CODE_WINDOW_SECONDS
    if not ratelimit.hit(scope=scope, key=key, limit=limit, window_seconds=window, now=now):
        raise RateLimited(
            retry_after=ratelimit.retry_after(window_seconds=window, now=now),
            now=now,
            limited=RateLimited.NETWORK if scope == SCOPE_IP else RateLimited.ADDRESS,
            other_method=oidc.provider_name() if oidc.oidc_enabled() else "",
        )


def request_email_code(*, email: str, ip: str, now: datetime | None = None) -> CodeSent:
    """Create a code for ``email`` and e-mail it (after commit).

    Raises ``ValidationError`` for an unacceptable address and ``RateLimited``
    when the address or the client address asked too often.
    """
    email = normalize_reply_email(email)
    now = now or timezone.now()
    address_hash = email_hash(email)
    _check_interval(address_hash=address_hash, now=now)
    _hit(scope=SCOPE_IP, key=ip, limit=settings.IDENTITY_CODE_PER_IP, now=now)
    _hit(scope=SCOPE_ADDRESS, key=mailbox_key(email), limit=settings.IDENTITY_CODE_PER_ADDRESS, now=now)

    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    salt = secrets.token_hex(16)
    expires_at = now + timedelta(seconds=settings.IDENTITY_CODE_TTL_SECONDS)
    with transaction.atomic():
        # Only the newest code for an address is valid.
        EmailCode.objects.filter(email_hash=address_hash, confirmed_at__isnull=True).delete()
        row = EmailCode.objects.create(
            email_hash=address_hash,
            salt=salt,
            code_hash=_code_hash(salt=salt, code=code),
            created_at=now,
            expires_at=expires_at,
        )
        transaction.on_commit(partial(send_email_code.enqueue, seal({"email": email, "code": code})))
    return CodeSent(code_id=row.pk, email=email, expires_at=expires_at)


def confirm_email_code(*, code_id: int, email: str, code: str, now: datetime | None = None) -> Identity:
    """Check a typed code; on success return the identity to bind to the session.

    The code's row is locked while an attempt is counted and compared, so
    parallel guesses cannot exceed the limit and each learns its exact number
    of tries left. Raises ``CodeNotFound``, ``CodeExpired``, ``TooManyTries``
    or ``WrongCode`` (with the tries left).
    """
    now = now or timezone.now()
    max_tries = settings.IDENTITY_CODE_MAX_TRIES
    with transaction.atomic():
        row = EmailCode.objects.select_for_update().filter(pk=code_id, email_hash=email_hash(email)).first()
        if row is None or row.confirmed_at is not None:
            error = CodeNotFound()
        elif row.expires_at <= now:
            error = CodeExpired(ttl_minutes=max(1, settings.IDENTITY_CODE_TTL_SECONDS // 60))
        elif row.attempts >= max_tries:
            error = TooManyTries(max_tries=max_tries)
        else:
            error = None
            row.attempts += 1
            matched = constant_time_compare(_code_hash(salt=row.salt, code=code), row.code_hash)
            if matched:
                row.confirmed_at = now
            row.save(update_fields=["attempts", "confirmed_at"])
    # Raised outside the transaction, so that the counted attempt is kept.
    if error is not None:
        raise error
    if not matched:
        tries_left = max_tries - row.attempts
        if tries_left <= 0:
            raise TooManyTries(max_tries=max_tries)
        raise WrongCode(tries_left=tries_left)
    return Identity(method=METHOD_EMAIL_CODE, verified_at=now, email=email)


def prune_email_codes(*, now: datetime | None = None) -> int:
    """Delete codes that have expired. Returns the number deleted."""
    deleted, _ = EmailCode.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
