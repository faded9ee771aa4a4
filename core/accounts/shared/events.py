"""Account events (blinker signals), so features stay decoupled.

Emitters call ``event.send(sender(), user=..., **details)`` (the application object);
the audit log and the e-mail notices subscribe. Details must never contain a
secret, password, code or token.
"""

from __future__ import annotations

from typing import cast

from blinker import Namespace
from flask import Flask, current_app
from werkzeug.local import LocalProxy

_signals = Namespace()

login_succeeded = _signals.signal(
    "login-succeeded"
)  # user, method ("password", "totp", "recovery", "sms")
login_failed = _signals.signal(
    "login-failed"
)  # login (as typed), reason ("credentials", "mfa", "locked")
logged_out = _signals.signal("logged-out")  # user
new_device_login = _signals.signal("new-device-login")  # user, user_agent, ip
password_changed = _signals.signal("password-changed")  # user, via ("reset", "profile", "admin")
password_reset_requested = _signals.signal("password-reset-requested")  # user
email_changed = _signals.signal("email-changed")  # user, old_email
mfa_enabled = _signals.signal("mfa-enabled")  # user, method
mfa_disabled = _signals.signal("mfa-disabled")  # user, method
mfa_replay_refused = _signals.signal("mfa-replay-refused")  # user
recovery_codes_regenerated = _signals.signal("recovery-codes-regenerated")  # user
role_changed = _signals.signal("role-changed")  # user, added, removed, by
account_created = _signals.signal(
    "account-created"
)  # user, via ("invitation", "signup", "cli", "admin")
account_confirmed = _signals.signal("account-confirmed")  # user
account_deactivated = _signals.signal("account-deactivated")  # user, by
account_deletion_requested = _signals.signal("account-deletion-requested")  # user
account_erased = _signals.signal("account-erased")  # user_id
session_revoked = _signals.signal("session-revoked")  # user, session_id, by


def sender() -> Flask:
    """The application object behind ``current_app``: the sender of every account event."""
    return cast("LocalProxy[Flask]", current_app)._get_current_object()
