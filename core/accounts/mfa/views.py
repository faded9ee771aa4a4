"""Pages of the two-step verification settings (on the ``accounts`` blueprint).

``/account/security`` shows the state; members set up an authenticator app
(QR code rendered here) or SMS, get ten recovery codes, regenerate them, or turn
MFA off (not allowed for roles that require it). ``/account/security/confirm``
asks for a code again before pages protected by :func:`.mfa.require_mfa`.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...extensions import db
from ..passwords.forms import CurrentPasswordForm
from ..passwords.services import verify_password
from ..shared import crypto
from ..shared.validators import clean_phone
from ..shared.web import blueprint, safe_next
from . import services as mfa
from .forms import ChallengeForm, SmsCodeForm, SmsPhoneForm, TotpSetupForm

PENDING_SECRET = "_totp_setup"
PENDING_PHONE = "_sms_setup"


def me() -> Any:
    return current_user._get_current_object()


def after_setup() -> str:
    return safe_next(request.args.get("next")) or url_for("accounts.mfa_setup")


@blueprint.route("/account/security")
@login_required
def mfa_setup() -> Any:
    return render_template(
        "accounts/mfa_setup.html",
        method=mfa.mfa_method(me()),
        required=mfa.mfa_required_for(me()),
        codes_left=mfa.recovery_codes_left(me()),
        next=safe_next(request.args.get("next")),
    )


def pending_secret() -> str:
    token = session.get(PENDING_SECRET)
    if token:
        try:
            return crypto.decrypt(token)
        except crypto.InvalidToken:
            pass
    secret = mfa.new_totp_secret()
    session[PENDING_SECRET] = crypto.encrypt(secret)
    return secret


@blueprint.route("/account/security/totp", methods=["GET", "POST"])
@login_required
def mfa_totp() -> Any:
    secret = pending_secret()
    form = TotpSetupForm()
    if form.validate_on_submit():
        if mfa.check_totp(me(), form.code.data or "", secret=secret) == "ok":
            session.pop(PENDING_SECRET, None)
            mfa.enable_totp(me(), secret)
            return finish_enrolment()
        form.code.errors.append(
            _(
                "Ce code ne correspond pas. Vérifiez l’heure de votre "
                "téléphone et saisissez le code affiché maintenant."
            )
        )
    form.code.data = ""
    uri = mfa.provisioning_uri(secret, me())
    return render_template(
        "accounts/mfa_totp.html",
        form=form,
        qr=mfa.qr_data_url(uri),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    )


def finish_enrolment() -> Any:
    """MFA is on: the session counts as verified; show recovery codes if none are left."""
    mfa.mark_verified()
    flash(_("La vérification en deux étapes est activée."), "info")
    if mfa.recovery_codes_left(me()):
        return redirect(after_setup())
    codes = mfa.new_recovery_codes(me(), announce=False)
    return render_template("accounts/mfa_recovery_codes.html", codes=codes, next=after_setup())


@blueprint.route("/account/security/sms", methods=["GET", "POST"])
@login_required
def mfa_sms() -> Any:
    phone_form, code_form = SmsPhoneForm(prefix="p"), SmsCodeForm(prefix="c")
    phone = session.get(PENDING_PHONE)
    if request.method == "POST" and "c-code" in request.form and phone:
        if code_form.validate():
            if mfa.check_sms(me(), code_form.code.data or "", purpose="sms_setup") == "ok":
                session.pop(PENDING_PHONE, None)
                mfa.enable_sms(me(), phone)
                return finish_enrolment()
            db.session.commit()
            code_form.code.errors.append(_("Ce code n’est pas valide ou a expiré."))
    elif request.method == "POST" and phone_form.validate():
        phone = clean_phone(phone_form.phone.data)
        outcome = mfa.send_sms_code(me(), phone, purpose="sms_setup")
        if outcome == "failed":
            phone_form.phone.errors.append(_("L’envoi du SMS a échoué. Réessayez plus tard."))
        else:
            session[PENDING_PHONE] = phone
            mfa.flash_sms_outcome(outcome)
    code_form.code.data = ""
    return render_template(
        "accounts/mfa_sms.html",
        phone_form=phone_form,
        code_form=code_form,
        pending_phone=mfa.mask_phone(phone) if phone else None,
    )


def password_confirmed(form: CurrentPasswordForm) -> bool:
    if not form.validate_on_submit():
        return False
    ok, _rehash = verify_password(me().password, form.current_password.data or "")
    if not ok:
        form.current_password.errors.append(_("Mot de passe incorrect."))
    return ok


@blueprint.route("/account/security/recovery-codes", methods=["GET", "POST"])
@login_required
def mfa_recovery() -> Any:
    if not mfa.mfa_enabled(me()):
        return redirect(url_for("accounts.mfa_setup"))
    form = CurrentPasswordForm()
    if password_confirmed(form):
        codes = mfa.new_recovery_codes(me())
        return render_template(
            "accounts/mfa_recovery_codes.html", codes=codes, next=url_for("accounts.mfa_setup")
        )
    return render_template(
        "accounts/mfa_password_confirm.html",
        form=form,
        title=_("Nouveaux codes de secours"),
        explanation=_("Les codes actuels cesseront de fonctionner."),
        action=url_for("accounts.mfa_recovery"),
        button=_("Générer de nouveaux codes"),
    )


@blueprint.route("/account/security/disable", methods=["GET", "POST"])
@login_required
def mfa_disable() -> Any:
    if not mfa.mfa_enabled(me()):
        return redirect(url_for("accounts.mfa_setup"))
    if mfa.mfa_required_for(me()):
        flash(
            _(
                "Votre rôle exige la vérification en deux étapes : elle ne peut pas être "
                "désactivée."
            ),
            "error",
        )
        return redirect(url_for("accounts.mfa_setup"))
    form = CurrentPasswordForm()
    if password_confirmed(form):
        mfa.disable_mfa(me())
        session.pop(mfa.SESSION_VERIFIED, None)
        flash(_("La vérification en deux étapes est désactivée."), "info")
        return redirect(url_for("accounts.mfa_setup"))
    return render_template(
        "accounts/mfa_password_confirm.html",
        form=form,
        title=_("Désactiver la vérification en deux étapes"),
        explanation=_("Votre compte ne sera plus protégé que par votre mot de passe."),
        action=url_for("accounts.mfa_disable"),
        button=_("Désactiver"),
    )


@blueprint.route("/account/security/confirm", methods=["GET", "POST"])
@login_required
def mfa_verify() -> Any:
    """Step-up: prove the second factor again before a protected page."""
    target = safe_next(request.args.get("next")) or url_for("accounts.mfa_setup")
    if not mfa.mfa_enabled(me()):
        return redirect(url_for("accounts.mfa_setup", next=target))
    form = ChallengeForm()
    if form.validate_on_submit():
        outcome, _method = mfa.check_second_factor(me(), form.code.data or "")
        db.session.commit()
        if outcome == "ok":
            mfa.mark_verified()
            return redirect(target)
        form.code.errors.append(_("Ce code n’est pas valide ou a déjà servi."))
    form.code.data = ""
    return render_template("accounts/mfa_verify.html", form=form, method=mfa.mfa_method(me()))


@blueprint.route("/account/security/confirm/sms", methods=["POST"])
@login_required
def mfa_verify_sms() -> Any:
    if mfa.mfa_method(me()) == "sms":
        mfa.flash_sms_outcome(mfa.send_sms_code(me(), mfa.security_for(me().id).phone))
    return redirect(url_for("accounts.mfa_verify", next=safe_next(request.args.get("next"))))
