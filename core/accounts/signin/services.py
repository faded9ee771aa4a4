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

from ...activity.services import record
from ...extensions import db
from ..devices.services import remember_device
from ..mfa import services as mfa
from ..sessions.security_state import remember_stamp
from ..shared import events
from ..shared.services import find_user, security_manager

log = logging.getLogger("tremplin.accounts")


def authenticate(login: str, password: str) -> Any | None:
    """The active user with these credentials, else ``None`` (same answer for every
    failure, so the response tells nothing about which accounts exist)."""
    sm = security_manager()
    user = find_user(login)
    if user is None:
        # Spend the same time as a real check, so timing tells nothing either.
        from ..passwords.services import spend_verify_time

        spend_verify_time(password)
        return None
    if not user.active:  # a suspension whose period is over ends now
        from ...moderation.sanctions import lift_ended

        lift_ended(user.id)
    return sm.auth_user_db(user.username, password)


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


def finish_login(user: Any, method: str, user_agent: str, ip: str | None) -> str | None:
    """Open the session; returns where the member wanted to go."""
    target = (pending() or {}).get("next")
    session.pop(PENDING, None)
    login_user(user)
    remember_stamp(user.id)
    if method != "password":
        mfa.mark_verified()
    remember_device(user, user_agent, ip)
    record("account.signed_in", user_id=user.id, method=method)
    db.session.commit()
    log.info("sign-in", extra={"event": "auth.login", "user_id": user.id, "method": method})
    events.login_succeeded.send(events.sender(), user=user, method=method)
    return target
