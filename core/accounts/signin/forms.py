"""Sign-in forms (Flask-WTF: CSRF on every form)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from ..shared.validators import no_control_chars


class LoginForm(FlaskForm):
    login = StringField(
        _l("Adresse e-mail ou identifiant"),
        validators=[
            DataRequired(_l("Indiquez votre adresse e-mail.")),
            Length(max=254, message=_l("254 caractères au plus.")),
            no_control_chars,
        ],
        render_kw={"autocomplete": "username", "spellcheck": "false"},
    )
    password = PasswordField(
        _l("Mot de passe"),
        validators=[
            DataRequired(_l("Indiquez votre mot de passe.")),
            Length(max=1024, message=_l("1024 caractères au plus.")),
        ],
        render_kw={"autocomplete": "current-password"},
    )
