"""Forms of the second sign-in step, MFA settings, password reset and change."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from .passwords import user_inputs
from .validators import (
    PasswordPolicy,
    digits_code,
    email_address,
    mfa_code,
    no_control_chars,
    phone_number,
)

CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "spellcheck": "false",
    "autocapitalize": "off",
}


def _signed_in_inputs(_form: Any) -> list[str]:
    return user_inputs(current_user) if current_user.is_authenticated else []


def new_password_field(label: Any = None) -> PasswordField:
    return PasswordField(
        label or _l("Nouveau mot de passe"),
        validators=[
            DataRequired(_l("Choisissez un mot de passe.")),
            Length(max=1024, message=_l("1024 caractères au plus.")),
            PasswordPolicy(_signed_in_inputs),
        ],
        render_kw={"autocomplete": "new-password", "maxlength": 1024},
    )


def confirm_field() -> PasswordField:
    return PasswordField(
        _l("Confirmez le mot de passe"),
        validators=[
            DataRequired(_l("Retapez le mot de passe.")),
            EqualTo("password", _l("Les deux mots de passe ne sont pas identiques.")),
        ],
        render_kw={"autocomplete": "new-password", "maxlength": 1024},
    )


class ChallengeForm(FlaskForm):
    """Second step of sign-in, and confirmation before sensitive pages."""

    code = StringField(
        _l("Code de vérification"),
        validators=[
            DataRequired(_l("Saisissez le code.")),
            Length(max=32, message=_l("32 caractères au plus.")),
            no_control_chars,
            mfa_code,
        ],
        render_kw={**CODE_ATTRS, "inputmode": "text", "maxlength": 32},
    )


class TotpSetupForm(FlaskForm):
    code = StringField(
        _l("Code affiché par l’application"),
        validators=[
            DataRequired(_l("Saisissez le code.")),
            Length(max=16, message=_l("16 caractères au plus.")),
            no_control_chars,
            digits_code(6),
        ],
        render_kw={**CODE_ATTRS, "maxlength": 16},
    )


class SmsPhoneForm(FlaskForm):
    phone = StringField(
        _l("Numéro de téléphone mobile"),
        validators=[
            DataRequired(_l("Indiquez un numéro.")),
            Length(max=32, message=_l("32 caractères au plus.")),
            no_control_chars,
            phone_number,
        ],
        render_kw={"autocomplete": "tel", "inputmode": "tel", "maxlength": 32},
    )
    understood = BooleanField(
        _l("J’ai compris que les SMS sont moins sûrs qu’une application d’authentification."),
        validators=[DataRequired(_l("Cochez la case pour continuer."))],
    )


class SmsCodeForm(FlaskForm):
    code = StringField(
        _l("Code reçu par SMS"),
        validators=[
            DataRequired(_l("Saisissez le code.")),
            Length(max=16, message=_l("16 caractères au plus.")),
            no_control_chars,
            digits_code(6),
        ],
        render_kw={**CODE_ATTRS, "maxlength": 16},
    )


class CurrentPasswordForm(FlaskForm):
    """Confirms a sensitive change (disable MFA, new recovery codes)."""

    current_password = PasswordField(
        _l("Mot de passe actuel"),
        validators=[
            DataRequired(_l("Indiquez votre mot de passe actuel.")),
            Length(max=1024, message=_l("1024 caractères au plus.")),
        ],
        render_kw={"autocomplete": "current-password", "maxlength": 1024},
    )


class ChangePasswordForm(CurrentPasswordForm):
    password = new_password_field()
    confirm = confirm_field()


class ResetRequestForm(FlaskForm):
    email = StringField(
        _l("Adresse e-mail du compte"),
        validators=[
            DataRequired(_l("Indiquez votre adresse e-mail.")),
            Length(max=254, message=_l("254 caractères au plus.")),
            no_control_chars,
            email_address,
        ],
        render_kw={
            "autocomplete": "email",
            "inputmode": "email",
            "spellcheck": "false",
            "maxlength": 254,
        },
    )


class ResetCodeForm(FlaskForm):
    code = StringField(
        _l("Code reçu par e-mail"),
        validators=[
            DataRequired(_l("Saisissez le code.")),
            Length(max=16, message=_l("16 caractères au plus.")),
            no_control_chars,
            digits_code(6),
        ],
        render_kw={**CODE_ATTRS, "maxlength": 16},
    )


class ResetPasswordForm(FlaskForm):
    password = new_password_field()
    confirm = confirm_field()
