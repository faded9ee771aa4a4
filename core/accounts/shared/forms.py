"""Forms of the second sign-in step, MFA settings, password reset and change."""

from __future__ import annotations

CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "spellcheck": "false",
    "autocapitalize": "off",
}
