"""Sign-up, invitation links, e-mail confirmation and privacy consent pages.

URLs (under ``/<lang>/``): ``signup``, ``signup/invitation/<token>``,
``signup/done``, ``confirm/<token>``, ``confirm/resend``, ``consent``.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..captcha import services as captcha
from ..confirmation import services as confirmation
from ..consent import services as consent
from ..invitations import services as invitations
from ..limits import services as limits
from .forms import ConfirmForm, ConsentForm, ResendForm, SignupForm
from .services import SignupData, company_problem, password_problems, register

log = logging.getLogger("tremplin.accounts")

blueprint = Blueprint("onboarding", __name__)


def _lang() -> str:
    return str(get_locale() or "fr")


def _render_signup(form: SignupForm, invitation: Any = None, status: int = 200) -> Any:
    form.altcha.data = ""
    return render_template(
        "accounts/signup.html",
        form=form,
        invitation=invitation,
        challenge=captcha.challenge_json(),
        privacy_version=consent.current_version(),
    ), status


def _signup_data(form: SignupForm, invitation: Any) -> SignupData:
    company = form.kind.data == "company"
    return SignupData(
        kind=form.kind.data,
        email=invitation.email if invitation else form.email.data,
        first_name=form.first_name.data,
        last_name=form.last_name.data,
        password=form.password.data,
        language=_lang(),
        job_title=form.job_title.data or "",
        company_mode=form.company_mode.data or "new",
        company_name=(form.company_name.data or "") if company else "",
        company_country=(form.company_country.data or "") if company else "",
        company_city=form.company_city.data or "",
        company_sector=form.company_sector.data or "",
        export_share=form.export_share.data,
        export_stage=form.export_stage.data or "first_time",
        organisation=form.organisation.data or "",
        expertise=form.expertise_list(),
        countries=list(form.countries.data or []),
    )


def _extra_checks(form: SignupForm, data: SignupData) -> bool:
    """Password policy, company choice and CAPTCHA; errors go on the fields."""
    ok = True
    problems = password_problems(data.password, [data.first_name, data.last_name, data.email])
    if problems:
        form.password.errors = list(form.password.errors) + problems
        ok = False
    problem = company_problem(data)
    if problem:
        form[problem[0]].errors = list(form[problem[0]].errors) + [problem[1]]
        ok = False
    if not captcha.verify(request.form.get(captcha.FIELD)):
        form.altcha.errors = [
            _(
                "La vérification anti-robot a échoué ou a expiré : "
                "patientez pendant la vérification puis renvoyez le formulaire."
            )
        ]
        ok = False
    return ok


@blueprint.route("/signup", methods=["GET", "POST"])
def signup() -> Any:
    if current_user.is_authenticated:
        return redirect(url_for("portal.dashboard"))
    form = SignupForm()
    invitation = None
    if form.invitation.data:
        invitation, _reason = invitations.check_token(form.invitation.data)
        if invitation is None:
            form.invitation.data = ""
    if invitation is not None:
        form.email.data = invitation.email
    if not form.validate_on_submit():
        return _render_signup(form, invitation, 400 if request.method == "POST" else 200)
    data = _signup_data(form, invitation)
    if not _extra_checks(form, data):
        return _render_signup(form, invitation, 400)
    outcome = register(data, invitation)
    log.info("sign-up form handled", extra={"event": "accounts.signup", "outcome": outcome})
    return redirect(url_for("onboarding.signup_done"))


@blueprint.get("/signup/invitation/<token>")
def signup_invitation(token: str) -> Any:
    if current_user.is_authenticated:
        return redirect(url_for("portal.dashboard"))
    invitation, reason = invitations.check_token(token)
    if invitation is None:
        return render_template("accounts/invitation_invalid.html", reason=reason), 410
    form = SignupForm(
        formdata=None, invitation=token, email=invitation.email, kind=invitation.kind or None
    )
    return _render_signup(form, invitation)


@blueprint.get("/signup/done")
def signup_done() -> str:
    return render_template("accounts/signup_done.html")


@blueprint.route("/confirm/<token>", methods=["GET", "POST"])
def confirm_email(token: str) -> Any:
    row, reason = confirmation.check_token(token)
    if row is None:
        return render_template("accounts/confirm_invalid.html", reason=reason), 410
    form = ConfirmForm()
    if form.validate_on_submit():
        confirmation.confirm(row)
        flash(_("Votre adresse e-mail est confirmée. Vous pouvez vous connecter."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/confirm.html", form=form)


@blueprint.route("/confirm/resend", methods=["GET", "POST"])
def resend_confirmation() -> Any:
    form = ResendForm()
    if not form.validate_on_submit():
        return render_template("accounts/confirm_resend.html", form=form), (
            400 if request.method == "POST" else 200
        )
    email = form.email.data
    if not (
        limits.allow("resend_per_ip", limits.client_ip())
        and limits.allow("resend_per_account", limits.account_key(email))
    ):
        form.email.errors = [_("Trop de demandes d'envoi. Patientez une heure puis réessayez.")]
        return render_template("accounts/confirm_resend.html", form=form), 429
    found = confirmation.awaiting(email)
    if found is not None:
        user, row = found
        confirmation.send_link(user, row, _lang())
    flash(
        _(
            "Si un compte attend la confirmation de cette adresse, un nouveau lien vient "
            "de lui être envoyé."
        ),
        "info",
    )
    return redirect(url_for("accounts.login"))


@blueprint.route("/consent", methods=["GET", "POST"])
@login_required
def consent_page() -> Any:
    from ..shared.web import safe_next

    target = safe_next(request.args.get("next"))
    form = ConsentForm()
    if form.validate_on_submit():
        consent.record_consent(current_user.id, via="renewal")
        from ...extensions import db

        db.session.commit()
        session[consent.SESSION_KEY] = f"{current_user.id}:{consent.current_version()}"
        flash(_("Merci : votre accord est enregistré."), "success")
        return redirect(target or url_for("portal.dashboard"))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "accounts/consent.html", form=form, version=consent.current_version()
    ), status
