"""Password reset in two steps (spec 6.3.5): a 6-digit code by e-mail, then a new
password.

The code lives 15 minutes, dies after 5 wrong attempts and is stored as a keyed
hash. Whether the address belongs to an account never shows: the same answer,
the same pages. Setting the new password ends every other session of the
account (security stamp) and emits ``password_changed`` with ``via="reset"``.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from ...extensions import db
from ...mail import send_mail
from ..notices.services import member_language
from ..passwords.services import set_password
from ..shared import codes, events
from ..shared.services import find_user

log = logging.getLogger("tremplin.accounts")
PURPOSE = "reset"
TTL = timedelta(minutes=15)


def account_for(email: str) -> Any | None:
    """The active account with exactly this e-mail address (case-insensitive)."""
    email = (email or "").strip()
    user = find_user(email) if "@" in email else None
    if user is None or not user.is_active or (user.email or "").lower() != email.lower():
        return None
    return user


def request_reset(email: str) -> None:
    """E-mail a code when the address has an account; otherwise do nothing, silently."""
    user = account_for(email)
    if user is None:
        log.info("password reset requested for no account", extra={"event": "auth.reset_none"})
        return
    code = codes.issue_code(user.id, PURPOSE, TTL)
    db.session.commit()
    language = member_language(user)
    with force_locale(language):
        site = current_app.config["TREMPLIN_SITE_NAME"]
        text = render_template(
            "mail/reset_code.txt",
            user=user,
            code=code,
            site_name=site,
            minutes=int(TTL.total_seconds() // 60),
        )
        subject = _("%(site)s : code de réinitialisation du mot de passe", site=site)
    send_mail(user.email, subject, text)
    log.info("password reset code sent", extra={"event": "auth.reset_code", "user_id": user.id})
    events.password_reset_requested.send(events.sender(), user=user)


def check_reset_code(email: str, code: str) -> tuple[str, Any | None]:
    """``("ok", user)``, ``("wrong", None)`` or ``("exhausted", None)``. Commits the
    attempt count."""
    user = account_for(email)
    if user is None:
        return "wrong", None
    result = codes.check_code(user.id, PURPOSE, code)
    if result.ok and result.row is not None:
        result.row.verified_at = codes.utcnow()
    db.session.commit()
    if result.ok:
        return "ok", user
    return ("exhausted" if result.status == "expired" else "wrong"), None


def code_still_verified(user: Any) -> bool:
    row = codes.live_code(user.id, PURPOSE)
    return row is not None and row.verified_at is not None


def complete_reset(user: Any, password: str) -> None:
    """Set the new password (policy applies: raises ``PasswordRejected``), retire the
    code, end every session of the account."""
    set_password(user, password, via="reset")
    codes.consume(user.id, PURPOSE)
    db.session.commit()
