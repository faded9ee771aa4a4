"""What account events do to sessions: new id at sign-in and on a role change,
destroyed at sign-out, every other session ended when the password changes or
the account is deactivated or erased.

Blinker signals are process-wide, so the receivers are connected once and act
only on apps that use server-side sessions.
"""

from __future__ import annotations

from typing import Any

from flask import has_request_context, session
from flask_login import user_logged_in, user_logged_out

from ..shared import events
from .services import current_key, destroy_current, end_sessions, interface, rotate_current

_connected = False


def _user_id(user: Any) -> int | None:
    return getattr(user, "id", None)


def _own_session(user_id: int | None) -> bool:
    if user_id is None or not has_request_context():  # CLI, tasks: no session of one's own
        return False
    return str(session.get("_user_id", "")) == str(user_id)


def on_sign_in(sender: Any, user: Any = None, **_: Any) -> None:
    if interface(sender) is not None:
        rotate_current(restart=True)


def on_sign_out(sender: Any, **_: Any) -> None:
    if interface(sender) is not None:
        destroy_current()


def on_role_changed(sender: Any, user: Any = None, **_: Any) -> None:
    """Privilege change: the member's sessions get a new id at their next request."""
    found = interface(sender)
    uid = _user_id(user)
    if found is None or uid is None:
        return
    found.store.flag_rotation(uid)
    if _own_session(uid):
        rotate_current()


def on_password_changed(sender: Any, user: Any = None, **_: Any) -> None:
    """Every session of the account but this one ends."""
    uid = _user_id(user)
    if interface(sender) is None or uid is None:
        return
    keep = current_key() if _own_session(uid) else None
    end_sessions(uid, keep=keep, by=user if keep else None)


def on_account_closed(
    sender: Any, user: Any = None, user_id: int | None = None, by: Any = None, **_: Any
) -> None:
    uid = user_id if user_id is not None else _user_id(user)
    if interface(sender) is not None and uid is not None:
        end_sessions(uid, by=by)


def connect() -> None:
    global _connected
    if _connected:
        return
    user_logged_in.connect(on_sign_in, weak=False)
    events.login_succeeded.connect(on_sign_in, weak=False)
    user_logged_out.connect(on_sign_out, weak=False)
    events.role_changed.connect(on_role_changed, weak=False)
    events.password_changed.connect(on_password_changed, weak=False)
    events.account_deactivated.connect(on_account_closed, weak=False)
    events.account_erased.connect(on_account_closed, weak=False)
    _connected = True
