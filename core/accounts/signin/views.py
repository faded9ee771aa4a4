"""Sign-in (password, then second factor) and sign-out: the one way into the portal
and the back office. The flow's logic lives in :mod:`.services`."""

from __future__ import annotations

import logging

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response as WerkzeugResponse

from ...extensions import db
from ..captcha import services as captcha
from ..confirmation import services as confirmation
from ..limits import services as limits
from ..mfa import services as mfa
from ..mfa.forms import ChallengeForm
from ..shared import events
from ..shared.web import blueprint, safe_next
from . import services as signin
from .forms import LoginForm
from .services import authenticate

log = logging.getLogger("tremplin.accounts")


def client_ip() -> str | None:
    return request.remote_addr


def app_obj() -> object:
    return events.sender()


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    form = LoginForm()
    target = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(target or url_for("portal.dashboard"))
    if form.validate_on_submit():
        refusal = captcha.login_refusal(form.login.data or "", request.form.get("altcha"))
        if refusal is not None:  # too many failures (429) or CAPTCHA missing
            flash(refusal[0], "error")
            return render_template("accounts/login.html", form=form), refusal[1]
        user = authenticate(form.login.data or "", form.password.data or "")
        if user is not None:
            limits.clear_failures(form.login.data or "")
        if user is not None and mfa.mfa_enabled(user):
            signin.start_pending(user, target)
            return redirect(url_for("accounts.mfa_challenge"))
        if user is not None:
            signin.finish_login(user, "password", request.user_agent.string, client_ip())
            return redirect(target or url_for("portal.dashboard"))
        log.info("sign-in failed", extra={"event": "auth.login_failed"})
        events.login_failed.send(
            app_obj(), login=(form.login.data or "")[:254], reason="credentials"
        )
        limits.register_failure(form.login.data or "", limits.client_ip())
        flash(
            confirmation.failure_message(form.login.data or "", form.password.data or ""), "error"
        )
    form.password.data = ""
    return render_template("accounts/login.html", form=form)


@blueprint.route("/login/code", methods=["GET", "POST"])
def mfa_challenge() -> ResponseReturnValue:
    """Second step: a code from the app, an SMS, or a recovery code."""
    user = signin.pending_user()
    if user is None:
        flash(_("Votre connexion a expiré. Recommencez."), "info")
        return redirect(url_for("accounts.login"))
    method = mfa.mfa_method(user)
    form = ChallengeForm()
    if form.validate_on_submit():
        if limits.too_many_failures(user.username, limits.client_ip(), "code"):
            abort(429)  # per account and per IP, across sessions and web servers
        outcome, used = mfa.check_second_factor(user, form.code.data or "")
        db.session.commit()
        if outcome == "ok":
            target = signin.finish_login(user, used, request.user_agent.string, client_ip())
            return redirect(target or url_for("portal.dashboard"))
        limits.register_failure(user.username, limits.client_ip(), "code")
        if signin.count_failure(user):
            flash(_("Trop de codes incorrects. Reconnectez-vous."), "error")
            return redirect(url_for("accounts.login"))
        form.code.errors.append(_("Ce code n’est pas valide ou a déjà servi."))
    form.code.data = ""
    return render_template(
        "accounts/mfa_challenge.html",
        form=form,
        method=method,
        phone=mfa.mask_phone(mfa.security_for(user.id).phone),
    )


@blueprint.route("/login/code/sms", methods=["POST"])
def mfa_send_sms() -> WerkzeugResponse:
    """Send (or re-send) the sign-in code by SMS to a member who chose SMS."""
    user = signin.pending_user()
    if user is None or mfa.mfa_method(user) != "sms":
        return redirect(url_for("accounts.login"))
    mfa.flash_sms_outcome(mfa.send_sms_code(user, mfa.security_for(user.id).phone))
    return redirect(url_for("accounts.mfa_challenge"))


@blueprint.route("/logout", methods=["GET", "POST"])
def logout() -> ResponseReturnValue:
    if request.method == "GET":
        return render_template("accounts/logout.html")
    user = current_user._get_current_object() if current_user.is_authenticated else None
    logout_user()
    for key in (mfa.SESSION_VERIFIED, signin.PENDING, "_stamp"):
        session.pop(key, None)
    if user is not None:
        events.logged_out.send(app_obj(), user=user)
    flash(_("Vous êtes déconnecté."), "info")
    return redirect(url_for("portal.home"))
