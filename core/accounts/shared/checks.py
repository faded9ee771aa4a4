"""Checks of the values people type or import: e-mail addresses, names, countries.

Each ``check_*`` returns the cleaned value or raises :class:`BadValue` with a
translated reason, so forms, CSV imports and the CLI reject the same things.
"""

from __future__ import annotations

import re
import unicodedata

from email_validator import EmailNotValidError, validate_email
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from ... import reference

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class BadValue(ValueError):
    """A value was refused; ``str(error)`` is the translated reason."""

    def __init__(self, reason: object) -> None:
        super().__init__(str(reason))
        self.reason = reason


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in value)


def check_email(value: str) -> str:
    """A syntactically valid address, lower-cased; no CR/LF or other controls."""
    value = (value or "").strip()
    if not value:
        raise BadValue(_l("Indiquez une adresse e-mail."))
    if len(value) > 254:
        raise BadValue(_l("Adresse e-mail trop longue (254 caractères au plus)."))
    if has_control_characters(value) or " " in value:
        raise BadValue(_l("Adresse e-mail invalide."))
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise BadValue(_l("Adresse e-mail invalide.")) from None
    return result.normalized.lower()


def check_text(value: str, max_length: int, required: bool = True) -> str:
    """Printable single-line text, no spreadsheet formula, at most ``max_length``."""
    value = (value or "").strip()
    if not value:
        if required:
            raise BadValue(_l("Ce champ est obligatoire."))
        return ""
    if len(value) > max_length:
        raise BadValue(_l("%(max)d caractères au plus.", max=max_length))
    if has_control_characters(value):
        raise BadValue(_l("Caractères de contrôle ou retours à la ligne interdits."))
    if value.startswith(FORMULA_PREFIXES):
        raise BadValue(_l("Ne doit pas commencer par =, +, - ou @."))
    return value


def country_choices() -> list[tuple[str, str]]:
    """``(code, name)`` in the page's language: the OIF's states and governments first
    (core.reference), then every other country."""
    return reference.country_choices(str(get_locale() or "fr"))


def check_country(value: str) -> str:
    code = (value or "").strip().upper()
    if not reference.is_country(code):
        raise BadValue(_l("Code pays inconnu (ISO 3166 à deux lettres, p. ex. SN)."))
    return code


def csv_safe(value: object) -> str:
    """A cell for a CSV file we export: formulas are neutralised with a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


USERNAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


NAME_PUNCTUATION = frozenset(" '’-.")


def check_name(value: str, max_length: int = 64) -> str:
    """A person's name: letters (any script), spaces, apostrophes, hyphens, dots."""
    value = check_text(value, max_length)
    if not any(c.isalpha() for c in value) or not all(
        c.isalpha() or unicodedata.category(c).startswith("M") or c in NAME_PUNCTUATION
        for c in value
    ):
        raise BadValue(_l("Lettres, espaces, apostrophes, tirets et points seulement."))
    return value


def check_label(value: str, max_length: int, required: bool = True) -> str:
    """A company name, city, sector...: printable text without markup characters."""
    value = check_text(value, max_length, required)
    if any(c in "<>{}" for c in value):
        raise BadValue(_l("Les caractères < > { } ne sont pas acceptés."))
    return value
