"""Test helpers for accounts: the development outbox, TOTP enrolment, MFA sign-in.

Admins and moderators must use MFA: tests that sign them in call
:func:`enable_totp` once, then :func:`login_with_totp` (or the ``login`` fixture
followed by :func:`answer_totp`).
"""

from __future__ import annotations

import email
import re
import time
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pyotp
from flask import Flask
from flask.testing import FlaskClient

from .fixtures import TEST_PASSWORD, csrf_token


def outbox(app: Flask) -> list[EmailMessage]:
    """Messages written by the ``file`` mail backend, oldest first."""
    folder = Path(app.instance_path) / "outbox"
    messages: list[EmailMessage] = []
    for path in sorted(folder.glob("*.eml")):  # names sort in sending order (mail.outbox_stamp)
        message = email.message_from_bytes(path.read_bytes(), policy=default_policy)
        assert isinstance(message, EmailMessage)
        messages.append(message)
    return messages


def body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def clear_outbox(app: Flask) -> None:
    for path in (Path(app.instance_path) / "outbox").glob("*"):
        path.unlink()


def sms_outbox(app: Flask) -> list[str]:
    folder = Path(app.instance_path) / "outbox"
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.sms.txt"))]


def code_in(text: str) -> str:
    match = re.search(r"\b(\d{6})\b", text)
    assert match, f"no 6-digit code in: {text!r}"
    return match.group(1)


def enable_totp(user: Any) -> str:
    """Turn on TOTP for ``user`` directly (no e-mail notice); returns the secret."""
    from ..accounts.sessions.security_state import security_for
    from ..accounts.shared import crypto
    from ..extensions import db

    secret = pyotp.random_base32()
    row = security_for(user.id)
    row.totp_secret_enc = crypto.encrypt(secret)
    row.mfa_method = "totp"
    row.totp_last_step = None
    db.session.commit()
    return secret


def totp_code(secret: str, steps_ahead: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def answer_totp(client: FlaskClient, secret: str, lang: str = "fr", steps_ahead: int = 0) -> Any:
    page = client.get(f"/{lang}/login/code")
    return client.post(
        f"/{lang}/login/code",
        data={"code": totp_code(secret, steps_ahead), "csrf_token": csrf_token(page.text)},
    )


def login_with_totp(
    client: FlaskClient,
    username: str,
    secret: str,
    password: str = TEST_PASSWORD,
    lang: str = "fr",
    steps_ahead: int = 0,
) -> Any:
    page = client.get(f"/{lang}/login")
    first = client.post(
        f"/{lang}/login",
        data={"login": username, "password": password, "csrf_token": csrf_token(page.text)},
    )
    assert first.status_code == 302 and "/login/code" in first.location, first.location
    return answer_totp(client, secret, lang, steps_ahead)


REQUEST_SCOPED = ("_login_user", "csrf_token", "user", "tremplin_member", "csp_frames")


def isolate_requests(app: Flask) -> None:
    """Forget what Flask-Login and Flask-WTF cache on ``g`` at each request.

    The ``app`` fixture keeps one application context (one ``g``) for the whole
    test, so without this a second test client would see the first one's user
    and CSRF token. Real requests each get their own ``g``.
    """
    from flask import g

    def forget() -> None:
        for key in REQUEST_SCOPED:
            g.pop(key, None)

    funcs = app.before_request_funcs.setdefault(None, [])
    if forget not in funcs:
        funcs.insert(0, forget)


TOTP_SECRETS = "tremplin_test_totp"


def enrol_if_required(user: Any, force: bool = False) -> None:
    """Give TOTP to a test user whose roles require MFA (as the real guard would
    insist); the ``login`` fixture then answers the second step by itself."""
    from flask import current_app

    from ..accounts.mfa.services import mfa_required_for

    if force or mfa_required_for(user):
        secrets_by_login = current_app.extensions.setdefault(TOTP_SECRETS, {})
        secret = enable_totp(user)
        secrets_by_login[user.username.lower()] = secrets_by_login[user.email.lower()] = secret


def answer_second_step(client: FlaskClient, response: Any, login: str, lang: str = "fr") -> Any:
    """After the password step: answer the TOTP step for a user enrolled by
    :func:`enrol_if_required` (the replay guard is reset first: tests sign in fast)."""
    if response.status_code != 302 or "/login/code" not in response.location:
        return response
    secret = _secret_with_replay_reset(login)
    return response if secret is None else answer_totp(client, secret, lang)


def current_code_for(app: Flask, login: str) -> str | None:
    """A valid TOTP code now for a user enrolled by :func:`enrol_if_required`, with the
    replay guard reset (browser tests sign the same user in several times a minute)."""
    from ..extensions import db

    with app.app_context():
        secret = _secret_with_replay_reset(login)
        db.session.remove()
    return None if secret is None else totp_code(secret)


def _secret_with_replay_reset(login: str) -> str | None:
    """The TOTP secret given to ``login`` by :func:`enrol_if_required`, its last used
    step forgotten so that a code of the current step is accepted again."""
    from flask import current_app

    from ..accounts.sessions.security_state import security_for
    from ..accounts.shared.services import find_user
    from ..extensions import db

    secret = current_app.extensions.get(TOTP_SECRETS, {}).get(login.lower())
    if secret is not None:
        user = find_user(login)
        assert user is not None, login
        security_for(user.id).totp_last_step = None
        db.session.commit()
    return secret  # type: ignore[no-any-return]
