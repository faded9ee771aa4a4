"""WTForms validators for the account forms, with translated messages."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from wtforms import Field, Form
from wtforms.validators import StopValidation, ValidationError

EMAIL_RE = re.compile(r"[^@\s<>\"'`;,()\\]+@[^@\s<>\"'`;,()\\]+\.[^@\s<>\"'`;,()\\]+")
PHONE_RE = re.compile(r"\+[1-9][0-9]{7,14}")


def no_control_chars(form: Form, field: Field) -> None:
    """Refuse CR, LF, NUL and other control characters (header injection, junk)."""
    value = field.data or ""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise StopValidation(
            str(
                _l(
                    "Ce champ contient des caractères non autorisés "
                    "(retours à la ligne, caractères de contrôle)."
                )
            )
        )


def email_address(form: Form, field: Field) -> None:
    value = (field.data or "").strip()
    if not EMAIL_RE.fullmatch(value):
        raise ValidationError(
            str(_l("Indiquez une adresse e-mail valide, par exemple nom@exemple.org."))
        )


def digits_code(length: int = 6) -> Callable[[Form, Field], None]:
    def check(form: Form, field: Field) -> None:
        cleaned = re.sub(r"[\s-]", "", field.data or "")
        if not re.fullmatch(rf"[0-9]{{{length}}}", cleaned):
            raise ValidationError(str(_l("Le code se compose de %(n)d chiffres.", n=length)))

    return check


def mfa_code(form: Form, field: Field) -> None:
    """A 6-digit code or a recovery code (``xxxxx-xxxxx``)."""
    cleaned = re.sub(r"[\s-]", "", field.data or "")
    if not (re.fullmatch(r"[0-9]{6}", cleaned) or re.fullmatch(r"[A-Za-z0-9]{10}", cleaned)):
        raise ValidationError(
            str(_l("Saisissez le code à 6 chiffres, ou un code de secours de 10 caractères."))
        )


def clean_phone(value: str | None) -> str:
    """``+221 77 123-45.67`` → ``+221771234567`` (E.164)."""
    return re.sub(r"[\s.()-]", "", value or "")


def phone_number(form: Form, field: Field) -> None:
    if not PHONE_RE.fullmatch(clean_phone(field.data)):
        raise ValidationError(
            str(_l("Indiquez le numéro au format international, par exemple +221 77 123 45 67."))
        )
