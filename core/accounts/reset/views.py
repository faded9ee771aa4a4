"""Pages of the password reset: request → code → new password (``accounts`` blueprint).

The session carries the typed address and, once the code is right, the account
id; never the code. Wrong codes are counted in the session too, so an address
without an account behaves exactly like one with an account.
"""

from __future__ import annotations

import time
from typing import Any

from flask import current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from ..passwords.services import PasswordRejected
from ..shared import codes
from ..shared.web import blueprint
from . import services as reset
from .forms import ResetCodeForm, ResetPasswordForm, ResetRequestForm

STATE = "_reset"
STATE_SECONDS = int(reset.TTL.total_seconds())


def state() -> dict[str, Any] | None:
    data = session.get(STATE)
    if not isinstance(data, dict) or time.time() - data.get("at", 0) > STATE_SECONDS:
        session.pop(STATE, None)
        return None
    return data


def restart(message: str) -> Any:
    session.pop(STATE, None)
    flash(message, "error")
    return redirect(url_for("accounts.reset_request"))


@blueprint.route("/password-reset", methods=["GET", "POST"])
def reset_request() -> Any:
    form = ResetRequestForm()
    if form.validate_on_submit():
        email = (form.email.data or "").strip()
        reset.request_reset(email)
        session[STATE] = {"email": email, "at": int(time.time()), "tries": 0}
        return redirect(url_for("accounts.reset_code"))
    return render_template("accounts/reset_request.html", form=form)


@blueprint.route("/password-reset/code", methods=["GET", "POST"])
def reset_code() -> Any:
    data = state()
    if data is None:
        return redirect(url_for("accounts.reset_request"))
    form = ResetCodeForm()
    if form.validate_on_submit():
        outcome, user = reset.check_reset_code(data["email"], form.code.data or "")
        if outcome == "ok" and user is not None:
            session[STATE] = {**data, "uid": user.id}
            return redirect(url_for("accounts.reset_password"))
        data["tries"] = data.get("tries", 0) + 1
        session[STATE] = data
        if outcome == "exhausted" or data["tries"] >= codes.MAX_ATTEMPTS:
            return restart(_("Trop d’essais : ce code n’est plus valable. Demandez-en un nouveau."))
        form.code.errors.append(_("Ce code n’est pas valide ou a expiré."))
    form.code.data = ""
    return render_template("accounts/reset_code.html", form=form, email=data["email"])


@blueprint.route("/password-reset/new", methods=["GET", "POST"])
def reset_password() -> Any:
    data = state()
    sm = current_app.appbuilder.sm  # type: ignore[attr-defined]
    user = sm.get_user_by_id(data["uid"]) if data and data.get("uid") else None
    if user is None or not reset.code_still_verified(user):
        return restart(_("Ce code n’est plus valable. Demandez-en un nouveau."))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            reset.complete_reset(user, form.password.data or "")
        except PasswordRejected as exc:
            form.password.errors.extend(exc.problems)
        else:
            session.pop(STATE, None)
            if current_user.is_authenticated:
                logout_user()
            flash(
                _("Votre mot de passe a été modifié. Connectez-vous avec le nouveau mot de passe."),
                "info",
            )
            return redirect(url_for("accounts.login"))
    form.password.data = form.confirm.data = ""
    return render_template("accounts/reset_password.html", form=form)
