"""``/<lang>/account/data``: export my data, delete my account."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, Response, abort, flash, redirect, render_template, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from ...audit.services import record
from ..passwords.services import verify_password
from ..sessions.services import end_sessions
from ..sessions.store import utcnow
from . import services as gdpr
from . import tasks

blueprint = Blueprint("gdpr", __name__)
EXPORT_COOLDOWN = timedelta(minutes=10)


class ExportForm(FlaskForm):
    pass


def _confirmation_word() -> str:
    return str(_("SUPPRIMER"))


def _check_word(_form: FlaskForm, field: StringField) -> None:
    if (field.data or "").strip().upper() != _confirmation_word():
        raise ValidationError(_("Recopiez exactement le mot %(word)s.", word=_confirmation_word()))


def _check_password(_form: FlaskForm, field: PasswordField) -> None:
    matches, _rehash = verify_password(current_user.password, field.data or "")
    if not matches:
        raise ValidationError(_("Mot de passe incorrect."))


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        _l("Mot de passe actuel"),
        validators=[
            DataRequired(_l("Indiquez votre mot de passe.")),
            Length(max=1024, message=_l("1024 caractères au plus.")),
            _check_password,
        ],
        render_kw={"autocomplete": "current-password"},
    )
    confirmation = StringField(
        _l("Confirmation"),
        validators=[
            DataRequired(_l("Recopiez le mot demandé.")),
            Length(max=64, message=_l("64 caractères au plus.")),
            _check_word,
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )


@blueprint.route("/account/data")
@login_required
def index() -> str:
    return render_template(
        "accounts/data_export.html",
        form=ExportForm(),
        exports=gdpr.exports_of(current_user.id),
        pending=gdpr.pending_export(current_user.id),
        deletion=gdpr.pending_deletion(current_user.id),
    )


@blueprint.route("/account/data/export", methods=["POST"])
@login_required
def request_export() -> ResponseReturnValue:
    form = ExportForm()
    if not form.validate_on_submit():
        flash(_("La session du formulaire a expiré. Veuillez renvoyer le formulaire."), "error")
        return redirect(url_for("gdpr.index"))
    recent = gdpr.exports_of(current_user.id)
    if gdpr.pending_export(current_user.id) or (
        recent and utcnow() - recent[0].created_at < EXPORT_COOLDOWN
    ):
        flash(
            _("Un export vient d’être demandé. Attendez le message avant d’en demander un autre."),
            "error",
        )
        return redirect(url_for("gdpr.index"))
    tasks.request_export(current_user, str(get_locale() or "fr"))
    flash(
        _("Votre export est en préparation. Vous recevrez un lien par e-mail dès qu’il sera prêt."),
        "success",
    )
    return redirect(url_for("gdpr.index"))


@blueprint.route("/account/data/export/<token>")
@login_required
def download(token: str) -> Response:
    if len(token) > 64:
        abort(404)
    export = gdpr.find_export(token, current_user.id)
    if export is None:
        abort(404)
    record("data_export_downloaded", current_user.id)
    return send_file(
        gdpr.export_path(export),
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"tremplin-donnees-{export.created_at:%Y%m%d}.zip",
        max_age=0,
    )


@blueprint.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete_account() -> ResponseReturnValue:
    form = DeleteAccountForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        request_ = gdpr.request_deletion(user)
        end_sessions(user.id, by=user)
        logout_user()
        flash(
            _(
                "Votre compte sera supprimé le %(date)s (UTC). Pour annuler, reconnectez-vous "
                "avant cette date.",
                date=request_.due_at.strftime("%Y-%m-%d %H:%M"),
            ),
            "info",
        )
        return redirect(url_for("portal.home"))
    form.password.data = ""
    status = 400 if form.errors else 200
    return render_template(
        "accounts/delete_account.html",
        form=form,
        word=_confirmation_word(),
        grace_days=gdpr.grace_days(),
        deletion=gdpr.pending_deletion(current_user.id),
    ), status
