"""Password fields and forms (new password with the policy, confirmation, change)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import Field, Form, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from .policy import password_problems
from .services import user_inputs


class PasswordPolicy:
    """The platform's password policy; ``user_inputs(form)`` gives the words that
    make a password guessable for this member (name, e-mail...)."""

    def __init__(self, user_inputs: Callable[[Any], list[str]] | None = None) -> None:
        self.user_inputs = user_inputs

    def __call__(self, form: Form, field: Field) -> None:
        inputs = self.user_inputs(form) if self.user_inputs else []
        problems = password_problems(field.data or "", inputs)
        if problems:
            raise ValidationError(" ".join(problems))


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
