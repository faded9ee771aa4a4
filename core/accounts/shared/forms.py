"""Form pieces several capabilities use (one-time code fields)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from .validators import digits_code, no_control_chars

CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "spellcheck": "false",
    "autocapitalize": "off",
}


def six_digit_code_field(label: Any) -> StringField:
    """A field for a six-digit one-time code (TOTP set-up, SMS, reset e-mail)."""
    return StringField(
        label,
        validators=[
            DataRequired(_l("Saisissez le code.")),
            Length(max=16, message=_l("16 caractères au plus.")),
            no_control_chars,
            digits_code(6),
        ],
        render_kw={**CODE_ATTRS, "maxlength": 16},
    )
