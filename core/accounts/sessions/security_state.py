"""Per-user security state (``core_user_security``) and the security stamp.

A session remembers the stamp of its account when it is opened
(``session["_stamp"]``); :func:`bump_stamp` gives the account a new one, and the
guard in :mod:`..signin.guards` ends every session still holding the old stamp.
"""

from __future__ import annotations

from flask import session

from ...extensions import db
from ..shared.models import UserSecurity, new_stamp

SESSION_STAMP = "_stamp"


def security_for(user_id: int) -> UserSecurity:
    """The user's security row, created (and flushed) on first use."""
    row = db.session.get(UserSecurity, user_id)
    if row is None:
        row = UserSecurity(user_id=user_id, security_stamp=new_stamp(), mfa_method="")
        db.session.add(row)
        db.session.flush()
    return row


def find_security(user_id: int) -> UserSecurity | None:
    return db.session.get(UserSecurity, user_id)


def bump_stamp(user_id: int) -> str:
    """Give the account a new stamp (the caller commits); every session opened
    before ends at its next request."""
    row = security_for(user_id)
    row.security_stamp = new_stamp()
    return row.security_stamp


def remember_stamp(user_id: int) -> None:
    """Tie the current session to the account's current stamp."""
    session[SESSION_STAMP] = security_for(user_id).security_stamp


def session_is_current(user_id: int) -> bool:
    row = find_security(user_id)
    stamp = session.get(SESSION_STAMP)
    if row is None:
        return stamp is not None
    return stamp == row.security_stamp
