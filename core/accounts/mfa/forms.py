"""Forms of the second sign-in step and of the MFA settings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from ..shared.forms import CODE_ATTRS, six_digit_code_field
from ..shared.validators import mfa_code, no_control_chars, phone_number


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
    code = six_digit_code_field(_l("Code affiché par l’application"))


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
    code = six_digit_code_field(_l("Code reçu par SMS"))
