"""E-mail notices for every critical change to an account (spec 6.3.5).

Subscribed to the account events of :mod:`..shared.events`: password changed, e-mail
address changed (sent to the OLD address), MFA on or off, recovery codes
regenerated, roles changed, sign-in from a new device, a replayed MFA code.
Each notice is written in the member's language (their profile's, else the
site's default) from ``templates/mail/<name>.txt`` and never holds a secret.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from flask import Flask, current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ...mail import send_mail
from ..shared import events

log = logging.getLogger("tremplin.accounts")

SUBJECTS = {
    "password_changed": _l("Votre mot de passe a été modifié"),
    "email_changed": _l("L’adresse e-mail de votre compte a été modifiée"),
    "mfa_enabled": _l("Vérification en deux étapes activée"),
    "mfa_disabled": _l("Vérification en deux étapes désactivée"),
    "recovery_codes_regenerated": _l("Nouveaux codes de secours"),
    "role_changed": _l("Vos rôles ont changé"),
    "new_device_login": _l("Connexion depuis un nouvel appareil"),
    "mfa_replay_refused": _l("Code de vérification réutilisé"),
}


def member_language(user: Any) -> str:
    from ..profile.services import profile_of

    languages = list(current_app.config["TREMPLIN_LANGUAGES"])
    profile = profile_of(user.id)
    language = profile.language if profile else ""
    return language if language in languages else languages[0]


def reset_link(language: str) -> str:
    base = current_app.config["TREMPLIN_BASE_URL"]
    with current_app.test_request_context("/", base_url=base):
        return url_for("accounts.reset_request", lang_code=language, _external=True)


def send_notice(name: str, user: Any, to: str | None = None, **details: Any) -> None:
    """Render and queue one notice; a failure is logged, never raised (the change
    itself already happened)."""
    try:
        language = member_language(user)
        with force_locale(language):
            context = {
                "user": user,
                "site_name": current_app.config["TREMPLIN_SITE_NAME"],
                "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                "reset_url": reset_link(language),
                **details,
            }
            text = render_template(f"mail/{name}.txt", **context)
            separator = " : " if language == "fr" else ": "
            subject = f"{context['site_name']}{separator}{SUBJECTS[name]}"
        send_mail(to or user.email, subject, text)
        log.info(
            "account notice sent",
            extra={"event": "auth.notice", "notice": name, "user_id": user.id},
        )
    except Exception:
        log.exception(
            "account notice failed", extra={"event": "auth.notice_failed", "notice": name}
        )


def on_password_changed(_app: Flask, user: Any, via: str = "", **_kw: Any) -> None:
    send_notice("password_changed", user, via=via)


def on_email_changed(_app: Flask, user: Any, old_email: str = "", **_kw: Any) -> None:
    send_notice(
        "email_changed", user, to=old_email or user.email, old_email=old_email, new_email=user.email
    )


def on_mfa_enabled(_app: Flask, user: Any, method: str = "", **_kw: Any) -> None:
    send_notice("mfa_enabled", user, method=method)


def on_mfa_disabled(_app: Flask, user: Any, method: str = "", **_kw: Any) -> None:
    send_notice("mfa_disabled", user, method=method)


def on_recovery_codes(_app: Flask, user: Any, **_kw: Any) -> None:
    send_notice("recovery_codes_regenerated", user)


def on_role_changed(_app: Flask, user: Any, added: Any = (), removed: Any = (), **_kw: Any) -> None:
    send_notice("role_changed", user, added=list(added or []), removed=list(removed or []))


def on_new_device(_app: Flask, user: Any, user_agent: str = "", ip: str = "", **_kw: Any) -> None:
    send_notice("new_device_login", user, device=user_agent, ip=ip)


def on_replay(_app: Flask, user: Any, **_kw: Any) -> None:
    send_notice("mfa_replay_refused", user)


HANDLERS = (
    (events.password_changed, on_password_changed),
    (events.email_changed, on_email_changed),
    (events.mfa_enabled, on_mfa_enabled),
    (events.mfa_disabled, on_mfa_disabled),
    (events.recovery_codes_regenerated, on_recovery_codes),
    (events.role_changed, on_role_changed),
    (events.new_device_login, on_new_device),
    (events.mfa_replay_refused, on_replay),
)


def connect() -> None:
    """Subscribe the notices (idempotent: blinker keeps one connection per receiver)."""
    for signal, handler in HANDLERS:
        signal.connect(handler, weak=False)
