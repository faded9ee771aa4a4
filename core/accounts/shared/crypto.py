"""Keys derived from the instance's secrets: encryption of stored secrets, keyed hashes.

``[accounts] encryption_key`` (or, when empty, ``[app] secret_key``) is stretched
with HKDF-SHA256 into independent keys, one per purpose (``info``), so that
leaking one derived key reveals nothing about the others.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

__all__ = ["InvalidToken", "decrypt", "encrypt", "fernet_for", "keyed_hash", "same_hash"]


def _master_key() -> bytes:
    config = current_app.extensions["tremplin"].config
    key = config.get("accounts", "encryption_key") or config.get("app", "secret_key")
    if not key:
        raise RuntimeError("no [accounts] encryption_key nor [app] secret_key configured")
    return str(key).encode()


def derive_key(purpose: str, length: int = 32) -> bytes:
    """A key for one purpose, derived from the master key."""
    hkdf = HKDF(
        algorithm=hashes.SHA256(), length=length, salt=b"tremplin-accounts", info=purpose.encode()
    )
    return hkdf.derive(_master_key())


def fernet_for(purpose: str) -> Fernet:
    """Authenticated encryption (Fernet) with the key of one purpose."""
    return Fernet(base64.urlsafe_b64encode(derive_key(purpose)))


def _fernet() -> Fernet:
    return fernet_for("totp-secret")


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    """Raises ``InvalidToken`` when the key changed or the value was tampered with."""
    return _fernet().decrypt(token.encode()).decode()


def keyed_hash(value: str, purpose: str) -> str:
    """HMAC-SHA256 of a short code: a stolen database alone cannot brute-force
    6-digit codes without the server's key."""
    return hmac.new(derive_key("code-" + purpose), value.encode(), hashlib.sha256).hexdigest()


def same_hash(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
