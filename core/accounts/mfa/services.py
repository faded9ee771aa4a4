"""Multi-factor authentication: TOTP apps, SMS codes, recovery codes, and the rules.

* TOTP (RFC 6238, pyotp): the secret is stored encrypted; a code is accepted in
  a window of one step either side, and never twice: the last step used is kept
  and a replay is refused, logged, and notified (``mfa_replay_refused``).
* SMS: a 6-digit code sent through the ``send_sms`` hook (weaker: SIM swap,
  interception; the pages say so and recommend an app).
* Ten single-use recovery codes, stored as keyed hashes.
* Members of ``[accounts] mfa_required_roles`` (Admin, Moderator) must enrol before
  anything else; :func:`require_mfa` protects views that need a verified second
  factor (e.g. viewing other companies' verification documents).
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any, TypeVar

import pyotp
import segno
from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...extensions import db
from ..sessions.security_state import find_security, security_for
from ..shared import codes, crypto, events
from ..shared.models import UserSecurity
from .models import RecoveryCode
from .sms import mask_number

log = logging.getLogger("tremplin.accounts")
STEP = 30
RECOVERY_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
SMS_TTL = timedelta(minutes=5)
SMS_INTERVAL = timedelta(seconds=60)
SESSION_VERIFIED = "_mfa_verified"
F = TypeVar("F", bound=Callable[..., Any])


def app_obj() -> Any:
    return events.sender()


def required_roles() -> set[str]:
    return set(current_app.extensions["tremplin"].config.get("accounts", "mfa_required_roles"))


def mfa_required_for(user: Any) -> bool:
    """Whether this member's roles make MFA mandatory."""
    return bool({role.name for role in getattr(user, "roles", [])} & required_roles())


def mfa_enabled(user: Any) -> bool:
    row = find_security(user.id)
    return bool(row and row.mfa_enabled)


def mfa_method(user: Any) -> str:
    row = find_security(user.id)
    return row.mfa_method if row and row.mfa_enabled else ""


# --- TOTP -------------------------------------------------------------------


def new_totp_secret() -> str:
    return pyotp.random_base32()  # 160 bits


def provisioning_uri(secret: str, user: Any) -> str:
    issuer = current_app.config.get("TREMPLIN_SITE_NAME", "Tremplin")
    return pyotp.TOTP(secret).provisioning_uri(name=user.email or user.username, issuer_name=issuer)


def qr_data_url(uri: str) -> str:
    """The QR code as an SVG data URL (rendered here, no third-party service)."""
    return str(
        segno.make(uri, error="m").svg_data_uri(scale=5, dark="#000", light="#fff", border=4)
    )


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step (-1, 0, +1 around now) whose code equals ``code``."""
    code = codes.clean_code(code)
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    current = int((time.time() if now is None else now) // STEP)
    for step in (current, current - 1, current + 1):
        if secrets.compare_digest(totp.at(step * STEP), code):
            return step
    return None


def check_totp(user: Any, code: str, secret: str | None = None) -> str:
    """``ok``, ``replay`` or ``wrong``. On ``ok`` the step is remembered (the caller
    commits); a replay is logged, emitted and notified."""
    row = security_for(user.id)
    enrolling = secret is not None  # a new secret: steps used with the old one don't count
    if secret is None:
        if not row.totp_secret_enc:
            return "wrong"
        secret = crypto.decrypt(row.totp_secret_enc)
    step = matching_step(secret, code)
    if step is None:
        return "wrong"
    if not enrolling and row.totp_last_step is not None and step <= row.totp_last_step:
        log.warning(
            "TOTP code replay refused", extra={"event": "auth.mfa_replay", "user_id": user.id}
        )
        events.mfa_replay_refused.send(app_obj(), user=user)
        return "replay"
    row.totp_last_step = step
    return "ok"


def enable_totp(user: Any, secret: str) -> None:
    """Switch the member to an authenticator app (the caller verified a code)."""
    row = security_for(user.id)
    row.totp_secret_enc = crypto.encrypt(secret)
    _enable(user, row, "totp")


# --- SMS --------------------------------------------------------------------


def mask_phone(number: str) -> str:
    return mask_number(number) if number else ""


def send_sms_code(user: Any, number: str, purpose: str = "sms") -> str:
    """Send a one-time code by SMS: ``sent``, ``failed`` (no gateway took it) or
    ``wait`` (one SMS per ``SMS_INTERVAL`` and purpose, against SMS flooding)."""
    if codes.issued_within(user.id, purpose, SMS_INTERVAL):
        return "wait"
    code = codes.issue_code(user.id, purpose, SMS_TTL)
    db.session.commit()
    site = current_app.config.get("TREMPLIN_SITE_NAME", "Tremplin")
    text = _(
        "%(site)s : votre code de connexion est %(code)s. Ne le communiquez à personne.",
        site=site,
        code=code,
    )
    sent = current_app.extensions["tremplin"].pm.hook.send_sms(number=number, text=text)
    log.info(
        "SMS code sent" if sent else "SMS code not sent",
        extra={"event": "auth.sms_code", "user_id": user.id, "to": mask_phone(number)},
    )
    return "sent" if sent else "failed"


def flash_sms_outcome(outcome: str) -> None:
    if outcome == "sent":
        flash(_("Un code vous a été envoyé par SMS."), "info")
    elif outcome == "wait":
        flash(
            _("Un code vient d’être envoyé : attendez une minute avant d’en demander un autre."),
            "info",
        )
    else:
        flash(
            _("L’envoi du SMS a échoué. Utilisez un code de secours ou réessayez plus tard."),
            "error",
        )


def check_sms(user: Any, code: str, purpose: str = "sms") -> str:
    """``ok``, ``wrong`` or ``expired``; a good code is consumed. The caller commits."""
    result = codes.check_code(user.id, purpose, code)
    if result.ok:
        codes.consume(user.id, purpose)
        return "ok"
    return "wrong" if result.status == "wrong" else "expired"


def enable_sms(user: Any, number: str) -> None:
    row = security_for(user.id)
    row.phone = number
    _enable(user, row, "sms")


# --- Recovery codes ---------------------------------------------------------


def normalise_recovery(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch in RECOVERY_ALPHABET)


def looks_like_recovery(code: str) -> bool:
    return len(normalise_recovery(code)) == 10


def new_recovery_codes(user: Any, announce: bool = True) -> list[str]:
    """Replace the member's recovery codes; returns them in clear, once. Commits."""
    db.session.query(RecoveryCode).filter_by(user_id=user.id).delete()
    plain = []
    for _index in range(RECOVERY_COUNT):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
        plain.append(f"{raw[:5]}-{raw[5:]}")
        db.session.add(RecoveryCode(user_id=user.id, code_hash=crypto.keyed_hash(raw, "recovery")))
    db.session.commit()
    if announce:
        events.recovery_codes_regenerated.send(app_obj(), user=user)
    return plain


def use_recovery_code(user: Any, code: str) -> bool:
    """Accept and burn one unused recovery code (the caller commits)."""
    digest = crypto.keyed_hash(normalise_recovery(code), "recovery")
    rows = db.session.query(RecoveryCode).filter_by(user_id=user.id, used_at=None).all()
    for row in rows:
        if crypto.same_hash(row.code_hash, digest):
            row.used_at = datetime.now(UTC)
            return True
    return False


def recovery_codes_left(user: Any) -> int:
    return db.session.query(RecoveryCode).filter_by(user_id=user.id, used_at=None).count()


# --- Enable / disable -------------------------------------------------------


def _enable(user: Any, row: UserSecurity, method: str) -> None:
    row.mfa_method = method
    row.mfa_enabled_at = datetime.now(UTC)
    if method != "sms":
        row.phone = ""
    if method != "totp":
        row.totp_secret_enc = None
        row.totp_last_step = None
    db.session.commit()
    log.info(
        "MFA enabled", extra={"event": "auth.mfa_enabled", "user_id": user.id, "method": method}
    )
    events.mfa_enabled.send(app_obj(), user=user, method=method)


def disable_mfa(user: Any) -> None:
    """Turn MFA off (refused by the views for members who must keep it). Commits."""
    row = security_for(user.id)
    method = row.mfa_method
    row.mfa_method, row.totp_secret_enc, row.totp_last_step, row.phone = "", None, None, ""
    db.session.query(RecoveryCode).filter_by(user_id=user.id).delete()
    db.session.commit()
    log.info("MFA disabled", extra={"event": "auth.mfa_disabled", "user_id": user.id})
    events.mfa_disabled.send(app_obj(), user=user, method=method)


# --- Guards -----------------------------------------------------------------


def mark_verified() -> None:
    session[SESSION_VERIFIED] = int(time.time())


def mfa_satisfied(user: Any = None, max_age: int | None = None) -> bool:
    """The member has MFA and proved their second factor in this session (within
    the last ``max_age`` seconds when given)."""
    user = user or current_user
    verified = session.get(SESSION_VERIFIED)
    if not (user.is_authenticated and mfa_enabled(user) and verified):
        return False
    return max_age is None or time.time() - int(verified) <= max_age


def require_mfa(view: F | None = None, *, max_age: int | None = None) -> Any:
    """Decorator: the view needs a verified second factor (enrol or confirm first).
    ``@require_mfa(max_age=900)`` asks for a fresh one: proved in the last 15 minutes."""
    if view is None:
        return lambda func: require_mfa(func, max_age=max_age)

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
        if mfa_satisfied(max_age=max_age):
            return view(*args, **kwargs)
        target = request.full_path.rstrip("?")
        if not mfa_enabled(current_user):
            flash(
                _("Cette page demande la vérification en deux étapes : activez-la d’abord."), "info"
            )
            return redirect(url_for("accounts.mfa_setup", next=target))
        return redirect(url_for("accounts.mfa_verify", next=target))

    return wrapped


def check_second_factor(user: Any, code: str) -> tuple[str, str]:
    """``(outcome, method)``: outcome ``ok``, ``replay``, ``wrong`` or ``expired``.
    The caller commits."""
    if looks_like_recovery(code):
        return ("ok" if use_recovery_code(user, code) else "wrong"), "recovery"
    method = mfa_method(user)
    if method == "sms":
        return check_sms(user, code), "sms"
    return check_totp(user, code), "totp"
