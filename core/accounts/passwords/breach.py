"""Breached passwords: the list shipped with Tremplin, and optionally HIBP online.

The shipped list (``core/data/breached-passwords.txt.gz``, see its README) is
loaded once per process. The online check uses Have I Been Pwned's range API
with k-anonymity: only the first 5 hexadecimal characters of the password's
SHA-1 leave the server, and the answer is padded. It runs only when
``[accounts] breach_check_online`` is true; when the service cannot be reached
the password is judged on the shipped list alone (logged as a warning).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import logging
import urllib.request
from pathlib import Path

from flask import current_app

log = logging.getLogger("tremplin.accounts")
LIST_PATH = Path(__file__).resolve().parents[2] / "data" / "breached-passwords.txt.gz"
HIBP_RANGE_URL = "https://api.pwnedpasswords.com/range/"
HIBP_TIMEOUT = 3


@functools.lru_cache(maxsize=1)
def breached_passwords() -> frozenset[str]:
    """Every entry of the shipped list, lower-cased."""
    with gzip.open(LIST_PATH, "rt", encoding="utf-8", errors="replace") as handle:
        return frozenset(line.rstrip("\n").lower() for line in handle if line.strip())


def in_breached_list(password: str) -> bool:
    return password.lower() in breached_passwords()


def fetch_range(prefix: str) -> str:
    """The HIBP answer for one 5-character SHA-1 prefix (lines ``SUFFIX:COUNT``)."""
    request = urllib.request.Request(
        HIBP_RANGE_URL + prefix,
        headers={"Add-Padding": "true", "User-Agent": "Tremplin password check"},
    )
    # A fixed https URL (HIBP_RANGE_URL): no file:// or other scheme can reach here.
    with urllib.request.urlopen(request, timeout=HIBP_TIMEOUT) as response:  # nosec B310
        body: bytes = response.read()
    return body.decode("utf-8", errors="replace")


def pwned_online(password: str, enabled: bool | None = None) -> bool:
    """Whether HIBP knows this password (False when disabled or unreachable)."""
    if enabled is None:
        enabled = current_app.extensions["tremplin"].config.get("accounts", "breach_check_online")
    if not enabled:
        return False
    # SHA-1 is what the HIBP k-anonymity range protocol asks for: the first five hex
    # digits name the range, nothing is protected by the hash itself.
    digest = hashlib.sha1(password.encode("utf-8"), usedforsecurity=False).hexdigest().upper()
    prefix, suffix = digest[:5], digest[5:]
    try:
        body = fetch_range(prefix)
    except OSError as exc:
        log.warning(
            "breached-password service unreachable: %s",
            type(exc).__name__,
            extra={"event": "auth.hibp_unreachable"},
        )
        return False
    for line in body.splitlines():
        candidate, _, count = line.strip().partition(":")
        if candidate.upper() == suffix and count.strip() not in ("", "0"):
            return True
    return False
