"""E-mail confirmation: signed (itsdangerous, salted), expiring, single-use links.

A self-registered account is created inactive with a ``core_email_confirmation``
row; following the latest link e-mailed (``[accounts] confirmation_hours``)
activates it once. Sending a new link changes the row's nonce, so older links
stop working.
"""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ...extensions import db
from ...mail import send_mail
from ..shared import events
from ..shared.services import find_user, security_manager
from .models import EmailConfirmation

log = logging.getLogger("tremplin.accounts")

SALT = "tremplin-email-confirmation"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _max_age() -> int:
    return (
        int(current_app.extensions["tremplin"].config.get("accounts", "confirmation_hours")) * 3600
    )


def pending_row(user_id: int) -> EmailConfirmation | None:
    return (
        db.session.query(EmailConfirmation)
        .filter_by(user_id=user_id, confirmed_at=None)
        .one_or_none()
    )


def start(user: Any) -> EmailConfirmation:
    """Mark a new account as awaiting confirmation (the caller commits)."""
    row = EmailConfirmation(user_id=user.id, nonce="")
    db.session.add(row)
    return row


def make_token(row: EmailConfirmation) -> str:
    """A fresh link token for ``row``; invalidates the previous one."""
    row.nonce = secrets.token_urlsafe(24)
    row.sent_at = datetime.now(UTC)
    return _serializer().dumps({"u": row.user_id, "n": row.nonce})


def confirmation_url(token: str, lang: str) -> str:
    base = current_app.config["TREMPLIN_BASE_URL"]
    return f"{base}/{lang}/confirm/{token}"


def send_link(user: Any, row: EmailConfirmation, lang: str) -> None:
    """E-mail a new confirmation link (commits the new nonce first)."""
    token = make_token(row)
    db.session.commit()
    url = confirmation_url(token, lang)
    hours = _max_age() // 3600
    with force_locale(lang):
        subject = _("Confirmez votre adresse e-mail")
        text = render_template("accounts/confirm_email.txt", user=user, url=url, hours=hours)
    send_mail(user.email, subject, text)
    log.info(
        "confirmation link sent", extra={"event": "accounts.confirmation_sent", "user_id": user.id}
    )


def check_token(token: str) -> tuple[EmailConfirmation | None, str]:
    """``(row, "")`` for a valid link, else ``(None, reason)`` with reason one of
    ``expired``, ``invalid``, ``used``."""
    if not token or len(token) > 512:
        return None, "invalid"
    try:
        data = _serializer().loads(token, max_age=_max_age())
    except SignatureExpired:
        return None, "expired"
    except BadSignature:
        return None, "invalid"
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None, "invalid"
    row = db.session.query(EmailConfirmation).filter_by(user_id=data["u"]).one_or_none()
    if row is None:
        return None, "invalid"
    if row.confirmed_at is not None or not secrets.compare_digest(
        row.nonce or "", str(data.get("n", ""))
    ):
        return None, "used"
    return row, ""


def confirm(row: EmailConfirmation) -> Any:
    """Activate the account of a checked link; the link cannot be used again."""
    user = security_manager().get_user_by_id(row.user_id)
    row.confirmed_at = datetime.now(UTC)
    row.nonce = ""
    user.active = True
    db.session.commit()
    log.info("e-mail confirmed", extra={"event": "accounts.confirmed", "user_id": user.id})
    events.account_confirmed.send(events.sender(), user=user)
    return user


def awaiting(login: str) -> tuple[Any, EmailConfirmation] | None:
    """The unconfirmed account behind ``login`` and its row, if any."""
    user = find_user(login or "")
    if user is None or user.active:
        return None
    row = pending_row(user.id)
    return (user, row) if row is not None else None


def _password_matches(user: Any, password: str) -> bool:
    from ..passwords.services import verify_password

    return verify_password(user.password, password)[0]


def unconfirmed_user(login: str, password: str) -> Any | None:
    """The account if these credentials are right but the e-mail is not yet
    confirmed (the sign-in page then offers to resend the link). Only the holder
    of the password learns that the account exists."""
    found = awaiting(login)
    if found is None or not password:
        return None
    return found[0] if _password_matches(found[0], password) else None


def failure_message(login: str, password: str) -> str:
    """What a failed sign-in says: the usual sentence, or, for the holder of the
    right password of an unconfirmed account, how to confirm it."""
    if unconfirmed_user(login, password) is not None:
        return str(
            _(
                "Votre adresse e-mail n’est pas encore confirmée. Ouvrez le lien reçu par "
                "e-mail, ou demandez un nouveau lien de confirmation."
            )
        )
    return str(_("Adresse e-mail ou mot de passe incorrect."))
