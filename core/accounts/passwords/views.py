"""Change of password by a signed-in member (current password + new one)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..sessions.security_state import remember_stamp
from ..shared.web import blueprint
from .forms import ChangePasswordForm
from .services import PasswordRejected, set_password, verify_password


@blueprint.route("/account/password", methods=["GET", "POST"])
@login_required
def password_change() -> Any:
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    if form.validate_on_submit():
        ok, _rehash = verify_password(user.password, form.current_password.data or "")
        if not ok:
            form.current_password.errors.append(_("Mot de passe actuel incorrect."))
        else:
            try:
                set_password(user, form.password.data or "", via="profile", by=user)
            except PasswordRejected as exc:
                form.password.errors.extend(exc.problems)
            else:
                remember_stamp(user.id)  # this session stays open, the others end
                flash(
                    _("Votre mot de passe a été modifié. Vos autres sessions sont fermées."), "info"
                )
                return redirect(url_for("accounts.mfa_setup"))
    for field in (form.current_password, form.password, form.confirm):
        field.data = ""
    return render_template("accounts/password_change.html", form=form)
