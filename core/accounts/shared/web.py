"""Sign-in (password, then second factor) and sign-out: the one way into the portal
and the back office. The flow's logic lives in :mod:`.signin`."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
)

blueprint = Blueprint("accounts", __name__)


def safe_next(target: str | None) -> str | None:
    """Only same-site relative paths are followed after sign-in (no open redirect)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(c) < 32 for c in target):
        return None
    return target
