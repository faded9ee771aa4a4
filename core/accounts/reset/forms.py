"""Forms of the password reset: address, code, new password."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from ..passwords.forms import confirm_field, new_password_field
from ..shared.forms import six_digit_code_field
from ..shared.validators import email_address, no_control_chars


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
    code = six_digit_code_field(_l("Code reçu par e-mail"))


class ResetPasswordForm(FlaskForm):
    password = new_password_field()
    confirm = confirm_field()
