"""Self-hosted proof-of-work CAPTCHA (ALTCHA, no third party, no image puzzle).

The page carries a challenge signed with a key derived from the app's secret;
``static/js/altcha-solver.js`` finds the number whose SHA-256 with the salt
gives the challenge (Web Crypto) and puts the base64 payload in the hidden
``altcha`` field. The server checks the signature, the expiry, and that the
payload was never used before (the replay guard lives in the limiter's storage,
so it holds across web servers).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from altcha import ChallengeOptionsV1, create_challenge_v1, verify_solution_v1
from altcha.v1 import PayloadType
from flask import current_app, request

from ..limits import services as limits
from ..limits.services import captcha_required, client_ip, too_many_failures

FIELD = "altcha"
VALID_MINUTES = 20
MAX_PAYLOAD = 2048


def _hmac_key() -> bytes:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, b"tremplin-altcha-v1", hashlib.sha256).digest()


def new_challenge() -> dict[str, Any]:
    """A fresh challenge, as the JSON the page hands to the solver."""
    max_number = int(
        current_app.extensions["tremplin"].config.get("accounts", "captcha_max_number")
    )
    expires = datetime.now(UTC) + timedelta(minutes=VALID_MINUTES)
    challenge = create_challenge_v1(
        ChallengeOptionsV1(hmac_key=_hmac_key(), max_number=max_number, expires=expires)
    )
    return challenge.to_dict()


def challenge_json() -> str:
    return json.dumps(new_challenge(), separators=(",", ":"))


def _decode(payload: str) -> PayloadType | None:
    if not payload or len(payload) > MAX_PAYLOAD:
        return None
    try:
        data = json.loads(base64.b64decode(payload, validate=True).decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("number"), int):
        return None
    if not all(
        isinstance(data.get(k), str) for k in ("algorithm", "challenge", "salt", "signature")
    ):
        return None
    return cast(PayloadType, data)  # its keys and their types were checked above


def verify(payload: str | None) -> bool:
    """Whether ``payload`` solves a challenge we issued, unexpired and never used."""
    data = _decode(payload or "")
    if data is None or data["algorithm"] != "SHA-256":
        return False
    try:
        ok, _error = verify_solution_v1(data, _hmac_key(), check_expires=True)
    except (ValueError, TypeError, KeyError):
        return False
    if not ok:
        return False
    return limits.first_use("altcha", data["signature"], VALID_MINUTES * 60 + 60)


def solve_for_tests(challenge: dict[str, Any]) -> str:
    """The payload a browser would send (tests and the load generator only)."""
    from altcha import solve_challenge_v1

    solution = solve_challenge_v1(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxNumber"], 0
    )
    assert solution is not None
    payload = {
        "algorithm": challenge["algorithm"],
        "challenge": challenge["challenge"],
        "number": solution.number,
        "salt": challenge["salt"],
        "signature": challenge["signature"],
    }
    return base64.b64encode(json.dumps(payload).encode()).decode()


def login_refusal(
    login: str, captcha_payload: str | None, scope: str = "login"
) -> tuple[str, int] | None:
    """Why this sign-in (or code) attempt is refused before checking the password:
    ``(translated message, HTTP status)``; ``None`` lets it through. Too many
    failures answers 429; after ``[limits] captcha_after`` failures a solved
    CAPTCHA is required."""
    from flask_babel import gettext as _

    ip = client_ip()
    if too_many_failures(login, ip, scope):
        return (
            _("Trop de tentatives infructueuses. Patientez un quart d’heure avant de réessayer."),
            429,
        )
    if captcha_required(login, ip, scope) and not verify(captcha_payload):
        return (
            _(
                "Après plusieurs tentatives infructueuses, la vérification anti-robot est "
                "demandée : patientez pendant qu’elle se termine puis réessayez."
            ),
            400,
        )
    return None


def login_captcha() -> str:
    """Template global: the CAPTCHA challenge (JSON) when the sign-in form needs one."""
    login = request.form.get("login", "") if request.method == "POST" else ""
    if not captcha_required(login, client_ip()):
        return ""
    return challenge_json()
