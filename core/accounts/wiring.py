"""The top layer of the accounts package: it plugs the capabilities into the app.

Lower modules never import this one, nor the views of another capability: the
blueprints, the before-request guards, the signal listeners and the template
globals are all connected here, so a capability's services can be imported (by
another capability, a task or the CLI) without pulling in any view.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask

from .captcha import services as captcha
from .consent import services as consent
from .gdpr.views import blueprint as gdpr
from .limits import services as limits
from .mfa import views as _mfa_views  # noqa: F401  (routes on the accounts blueprint)
from .notices import services as notices
from .passwords import views as _password_views  # noqa: F401  (same)
from .reset import views as _reset_views  # noqa: F401  (same)
from .sessions import listeners as session_listeners
from .sessions import services as sessions
from .sessions.views import blueprint as sessions_blueprint
from .sessions.views import install_cookie_consent
from .shared.web import blueprint as accounts
from .signin import guards
from .signin import views as _signin_views  # noqa: F401  (same)
from .signup.views import blueprint as onboarding


def blueprints() -> list[Blueprint]:
    """The portal blueprints of the accounts: sign-in (with MFA, password change
    and reset), sign-up and onboarding, sessions, personal data."""
    return [accounts, onboarding, sessions_blueprint, gdpr]


@accounts.record_once
def _install(state: Any) -> None:
    guards.install(state.app)
    notices.connect()


def install(app: Flask) -> None:
    """Wire the guards that need the whole app: consent, form rate limits."""
    consent.install(app)
    limits.install_route_limits(app)
    app.jinja_env.globals["login_captcha"] = captcha.login_captcha


def init_sessions(app: Flask) -> None:
    """Server-side sessions, their listeners and the cookie-consent banner."""
    sessions.init_app(app)
    session_listeners.connect()
    install_cookie_consent(app)
