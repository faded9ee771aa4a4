"""Checks run before every request of a signed-in member.

1. The session must hold the account's current security stamp: after a password
   reset or change, every other session ends at its next request.
2. Members whose roles require MFA and who have not enrolled are sent to the
   enrolment page before anything else.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from ..mfa import services as mfa
from ..sessions.security_state import session_is_current

log = logging.getLogger("tremplin.accounts")
# Endpoints a member who must enrol can still reach.
ENROLMENT_OPEN = {
    "accounts.mfa_setup",
    "accounts.mfa_totp",
    "accounts.mfa_sms",
    "accounts.mfa_recovery",
    "accounts.logout",
    "static",
    "appbuilder.static",
    "portal.healthz",
    "portal.readyz",
    "root.healthz",
    "root.readyz",
}


def end_stale_session() -> Any:
    if not current_user.is_authenticated or session_is_current(current_user.id):
        return None
    log.info(
        "session ended: security stamp changed",
        extra={"event": "auth.session_stale", "user_id": current_user.id},
    )
    logout_user()
    session.clear()
    flash(
        _("Votre session a pris fin parce que la sécurité du compte a changé. Reconnectez-vous."),
        "info",
    )
    return redirect(url_for("accounts.login"))


def enforce_enrolment() -> Any:
    if not current_user.is_authenticated or request.endpoint in ENROLMENT_OPEN:
        return None
    if request.endpoint is None or not mfa.mfa_required_for(current_user):
        return None
    if mfa.mfa_enabled(current_user):
        return None
    flash(
        _("Votre rôle demande la vérification en deux étapes : configurez-la pour continuer."),
        "info",
    )
    return redirect(url_for("accounts.mfa_setup"))


def security_guard() -> Any:
    return end_stale_session() or enforce_enrolment()


def install(app: Flask) -> None:
    """Run the guard first among the app's before-request functions."""
    app.before_request_funcs.setdefault(None, []).insert(0, security_guard)
