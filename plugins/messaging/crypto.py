"""Encryption at rest of message bodies and attachments (Fernet, AES-128-CBC with
HMAC-SHA256, through ``cryptography``'s MultiFernet).

Keys come from ``[messaging] keys`` or from the file named by ``[messaging]
key_file`` (one key a line), never from the database. The first key seals; every
key listed opens, so old keys keep reading until ``tremplin keys rotate`` has
re-sealed everything with the first one. Without any key outside production, a
development key is derived from the app's secret key.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app

from tremplin.core.api import app_cache, setting

CACHE = app_cache("messaging_keyring")


class MissingKey(RuntimeError):
    """No usable key: the configuration must give one."""


@dataclass(frozen=True)
class Keyring:
    """The configured keys: ``current_id`` names the sealing key."""

    fernet: MultiFernet
    current_id: str
    ids: tuple[str, ...]

    def seal(self, data: bytes) -> bytes:
        return self.fernet.encrypt(data)

    def open(self, token: bytes) -> bytes:
        return self.fernet.decrypt(token)

    def reseal(self, token: bytes) -> bytes:
        return self.fernet.rotate(token)


def key_id(key: str) -> str:
    """A short public name of a key (a hash prefix: it reveals nothing of the key)."""
    return hashlib.sha256(key.strip().encode()).hexdigest()[:12]


def generate_key() -> str:
    return Fernet.generate_key().decode()


def configured_keys() -> list[str]:
    keys = [k.strip() for k in setting("messaging", "keys") or () if k.strip()]
    path = str(setting("messaging", "key_file") or "")
    if path:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        keys += [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if keys:
        return keys
    if current_app.extensions["tremplin"].config.is_production:
        raise MissingKey("[messaging] keys or key_file must give an encryption key in production")
    digest = hashlib.sha256(b"tremplin-messaging-dev:" + str(current_app.secret_key).encode())
    return [base64.urlsafe_b64encode(digest.digest()).decode()]


def keyring() -> Keyring:
    """The app's keyring, built once per process from the configuration."""
    found: Keyring | None = current_app.extensions.get(CACHE)
    if found is None:
        keys = configured_keys()
        found = Keyring(
            MultiFernet([Fernet(k.encode()) for k in keys]),
            key_id(keys[0]),
            tuple(key_id(k) for k in keys),
        )
        current_app.extensions[CACHE] = found
    return found


def seal_text(text: str) -> tuple[bytes, str]:
    ring = keyring()
    return ring.seal(text.encode("utf-8")), ring.current_id


def open_text(token: bytes) -> str:
    """The clear text; a token no configured key opens reads as empty."""
    try:
        return keyring().open(bytes(token)).decode("utf-8")
    except InvalidToken:
        return ""


def check_keys() -> str | None:
    """Health check: every configured key is a valid Fernet key."""
    try:
        keyring()
    except (MissingKey, ValueError, OSError) as exc:
        return str(exc)[:200]
    return None
