"""Sign-in and sign-out: the one way into the portal and the back office."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from .forms import LoginForm
from .services import authenticate

blueprint = Blueprint("accounts", __name__)
log = logging.getLogger("tremplin.accounts")


def safe_next(target: str | None) -> str | None:
    """Only same-site relative paths are followed after sign-in (no open redirect)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(c) < 32 for c in target):
        return None
    return target


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> Response | str:
    form = LoginForm()
    target = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(target or url_for("portal.dashboard"))
    if form.validate_on_submit():
        user = authenticate(form.login.data or "", form.password.data or "")
        if user is not None:
            login_user(user)
            log.info("sign-in", extra={"event": "auth.login", "user_id": user.id})
            return redirect(target or url_for("portal.dashboard"))
        log.info("sign-in failed", extra={"event": "auth.login_failed"})
        form.password.data = ""
        flash(_("Adresse e-mail ou mot de passe incorrect."), "error")
    return render_template("accounts/login.html", form=form)


@blueprint.route("/logout", methods=["GET", "POST"])
def logout() -> Response | str:
    if request.method == "GET":
        return render_template("accounts/logout.html")
    logout_user()
    flash(_("Vous êtes déconnecté."), "info")
    return redirect(url_for("portal.home"))
