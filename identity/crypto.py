"""Sealing short-lived secrets for the task queue.

The task that e-mails a confirmation code needs the address and the code, and
its arguments are stored in the task queue's table. They are encrypted there
(Fernet: AES-128-CBC + HMAC-SHA256) with a key derived from SECRET_KEY (and
SECRET_KEY_FALLBACKS, so a key rotation does not lose codes in flight).
"""

import base64
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac

__all__ = ["InvalidToken", "seal", "unseal"]


def _fernet(secret: str) -> Fernet:
    key = salted_hmac("identity.crypto.seal", "fernet-key", secret=secret, algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _keys() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet(secret) for secret in secrets])


def seal(data: dict) -> str:
    """Encrypt a JSON-serialisable dict into an opaque ASCII token."""
    return _keys().encrypt(json.dumps(data).encode("utf-8")).decode("ascii")


def unseal(token: str, *, max_age: int | None = None) -> dict:
    """Decrypt a token made by ``seal``; raises ``InvalidToken`` if forged or older than ``max_age`` seconds."""
    return json.loads(_keys().decrypt(token.encode("ascii"), ttl=max_age))
