"""The ``accounts`` blueprint every sign-in page hangs on (sign-in, MFA, password
change and reset), and the check of ``next`` targets.

The blueprint lives here so that each capability adds its views to it without
importing another capability's views; :mod:`..wiring` imports them all."""

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
