"""Consent to the privacy policy in force (``[accounts] privacy_policy_version``).

Each acceptance is a row of ``core_consent`` (version and time), the first one
made by the sign-up form. A signed-in member whose latest acceptance is not the
current version is sent to the consent page by :func:`guard`; until they accept,
they can only see public pages and sign out.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Flask, current_app, redirect, request, session, url_for
from flask_login import current_user

from ...extensions import db
from .models import Consent

SESSION_KEY = "consent_version"
# Accounts made by an operator (CLI, back office, demo data) never went through the
# sign-up form and hold no acceptance: they are not held back. Every account made
# by sign-up holds one, and is asked again whenever the version changes. Set to
# True to ask operator-made accounts too (their first visit then shows the page).
ASK_ACCOUNTS_WITHOUT_CONSENT = False
# Endpoints a member who has not accepted the current policy may still open.
OPEN_ENDPOINTS = frozenset(
    {
        "static",
        "appbuilder.static",
        "accounts.logout",
        "onboarding.consent_page",
        "portal.home",
        "root.index",
        "root.healthz",
        "root.readyz",
        "root.robots",
        "root.sitemap",
        "pages.show",
        "onboarding.confirm_email",
        "onboarding.signup_done",
        # the second-factor enrolment that core/accounts/guards.py may require first
        "accounts.mfa_setup",
        "accounts.mfa_totp",
        "accounts.mfa_sms",
        "accounts.mfa_recovery",
    }
)


def current_version() -> str:
    return str(current_app.extensions["tremplin"].config.get("accounts", "privacy_policy_version"))


def record_consent(user_id: int, version: str | None = None, via: str = "signup") -> Consent:
    """Store that ``user_id`` accepted ``version`` (default: the current one) now."""
    consent = Consent(
        user_id=user_id,
        version=version or current_version(),
        accepted_at=datetime.now(UTC),
        via=via,
    )
    db.session.add(consent)
    return consent


def accepted_version(user_id: int) -> str | None:
    latest = (
        db.session.query(Consent)
        .filter(Consent.user_id == user_id, Consent.document == "privacy")
        .order_by(Consent.accepted_at.desc(), Consent.id.desc())
        .first()
    )
    return latest.version if latest else None


def needs_consent(user: Any) -> bool:
    """Whether this signed-in user must accept the current policy first."""
    version = current_version()
    if not version or not getattr(user, "is_authenticated", False):
        return False
    if session.get(SESSION_KEY) == f"{user.id}:{version}":
        return False
    accepted = accepted_version(user.id)
    if accepted == version or (accepted is None and not ASK_ACCOUNTS_WITHOUT_CONSENT):
        session[SESSION_KEY] = f"{user.id}:{version}"
        return False
    return True


def _is_open(endpoint: str | None) -> bool:
    if endpoint is None:
        return True  # 404s and the like
    return endpoint in OPEN_ENDPOINTS or endpoint.endswith(".static")


def guard() -> Any:
    """``before_request``: hold back members who have not accepted the current policy."""
    if _is_open(request.endpoint) or not current_user.is_authenticated:
        return None
    if not needs_consent(current_user):
        return None
    target = request.full_path if request.method == "GET" else None
    return redirect(url_for("onboarding.consent_page", next=target.rstrip("?") if target else None))


def install(app: Flask) -> None:
    app.before_request(guard)
