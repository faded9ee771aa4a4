"""Encryption at rest of message bodies and attachments: AES-256-GCM (authenticated)
from ``cryptography``. A sealed token is ``01 | key id (6 bytes) | nonce (12) |
ciphertext and tag``: the key id says which key opens it, so reading never tries
keys in turn (AES-GCM is ~50 times faster than Fernet here, which matters on a page
of 50 messages).

Keys (32 random bytes, URL-safe base64: ``tremplin keys generate``) come from
``[messaging] keys`` or from the file named by ``[messaging] key_file`` (one key a
line), never from the database. The first key seals; every key listed opens, so old
keys keep reading until ``tremplin keys rotate`` has re-sealed everything with the
first one. Without any key outside production, a development key is derived from
the app's secret key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app

from tremplin.core.api import app_cache, setting

CACHE = app_cache("messaging_keyring")


class MissingKey(RuntimeError):
    """No usable key: the configuration must give one."""


VERSION = b"\x01"
HEADER = 1 + 6 + 12  # version, key id, nonce


class InvalidToken(ValueError):
    """A token no configured key opens (unknown key, altered or truncated data)."""


@dataclass(frozen=True)
class Keyring:
    """The configured keys by id; ``current_id`` names the sealing key."""

    ciphers: dict[str, AESGCM]
    current_id: str

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.ciphers)

    def seal(self, data: bytes) -> bytes:
        nonce = os.urandom(12)
        sealed = self.ciphers[self.current_id].encrypt(nonce, data, None)
        return VERSION + bytes.fromhex(self.current_id) + nonce + sealed

    def open(self, token: bytes) -> bytes:
        if len(token) < HEADER + 16 or token[:1] != VERSION:
            raise InvalidToken("not a sealed token")
        cipher = self.ciphers.get(token[1:7].hex())
        if cipher is None:
            raise InvalidToken("sealed with a key that is not configured")
        try:
            return cipher.decrypt(token[7:HEADER], token[HEADER:], None)
        except InvalidTag as exc:
            raise InvalidToken("altered data") from exc

    def reseal(self, token: bytes) -> bytes:
        """The token sealed again with the current key (unchanged if it already is)."""
        if token[1:7].hex() == self.current_id:
            return token
        return self.seal(self.open(token))


def keyring_of(keys: list[str]) -> Keyring:
    """A keyring from key strings, the first one sealing (raises ``ValueError``)."""
    ciphers: dict[str, AESGCM] = {}
    for key in keys:
        try:
            raw = base64.urlsafe_b64decode(key.strip().encode())
        except (binascii.Error, ValueError) as exc:
            raise ValueError(f"encryption key {key_id(key)}: not URL-safe base64") from exc
        if len(raw) != 32:
            raise ValueError(f"encryption key {key_id(key)}: 32 bytes expected, {len(raw)} given")
        ciphers.setdefault(key_id(key), AESGCM(raw))
    if not ciphers:
        raise MissingKey("no encryption key")
    return Keyring(ciphers, key_id(keys[0]))


def key_id(key: str) -> str:
    """A short public name of a key (a hash prefix: it reveals nothing of the key)."""
    return hashlib.sha256(key.strip().encode()).hexdigest()[:12]


def generate_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


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
        found = keyring_of(configured_keys())
        current_app.extensions[CACHE] = found
    return found


def seal_text(text: str) -> tuple[bytes, str]:
    ring = keyring()
    return ring.seal(text.encode("utf-8")), ring.current_id


def open_text(token: bytes) -> str:
    """The clear text; a token no configured key opens reads as empty."""
    try:
        return keyring().open(bytes(token)).decode("utf-8")
    except (InvalidToken, UnicodeDecodeError):
        return ""


def check_keys() -> str | None:
    """Health check: every configured key is a valid Fernet key."""
    try:
        keyring()
    except (MissingKey, ValueError, OSError) as exc:
        return str(exc)[:200]
    return None
