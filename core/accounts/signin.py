"""The sign-in flow between the password and the open session.

Password accepted → members with MFA get a *pending* sign-in in their session
(their id, when, where to go next; nothing secret) and must give a code within
``PENDING_SECONDS`` and ``MAX_CODE_ATTEMPTS`` tries; everyone else is signed in
at once. :func:`finish_login` is the single place a session is opened.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import current_app, session
from flask_login import login_user

from ..extensions import db
from . import events, mfa
from .devices import remember_device
from .security_state import remember_stamp

log = logging.getLogger("tremplin.accounts")
PENDING = "_mfa_pending"
PENDING_SECONDS = 300
MAX_CODE_ATTEMPTS = 5


def start_pending(user: Any, target: str | None) -> None:
    session[PENDING] = {"uid": user.id, "at": int(time.time()), "next": target, "tries": 0}


def pending() -> dict[str, Any] | None:
    data = session.get(PENDING)
    if not isinstance(data, dict) or time.time() - data.get("at", 0) > PENDING_SECONDS:
        session.pop(PENDING, None)
        return None
    return data


def pending_user() -> Any | None:
    data = pending()
    if data is None:
        return None
    user = current_app.appbuilder.sm.get_user_by_id(data["uid"])  # type: ignore[attr-defined]
    return user if user is not None and user.is_active else None


def count_failure(user: Any) -> bool:
    """Record a wrong code; True when the pending sign-in is now abandoned."""
    data = pending() or {}
    data["tries"] = data.get("tries", 0) + 1
    session[PENDING] = data
    events.login_failed.send(events.sender(), login=user.username, reason="mfa")
    log.info("second factor refused", extra={"event": "auth.mfa_failed", "user_id": user.id})
    if data["tries"] >= MAX_CODE_ATTEMPTS:
        session.pop(PENDING, None)
        return True
    return False


def check_second_factor(user: Any, code: str) -> tuple[str, str]:
    """``(outcome, method)``: outcome ``ok``, ``replay``, ``wrong`` or ``expired``.
    The caller commits."""
    if mfa.looks_like_recovery(code):
        return ("ok" if mfa.use_recovery_code(user, code) else "wrong"), "recovery"
    method = mfa.mfa_method(user)
    if method == "sms":
        return mfa.check_sms(user, code), "sms"
    return mfa.check_totp(user, code), "totp"


def finish_login(user: Any, method: str, user_agent: str, ip: str | None) -> str | None:
    """Open the session; returns where the member wanted to go."""
    target = (pending() or {}).get("next")
    session.pop(PENDING, None)
    login_user(user)
    remember_stamp(user.id)
    if method != "password":
        mfa.mark_verified()
    remember_device(user, user_agent, ip)
    db.session.commit()
    log.info("sign-in", extra={"event": "auth.login", "user_id": user.id, "method": method})
    events.login_succeeded.send(events.sender(), user=user, method=method)
    return target
