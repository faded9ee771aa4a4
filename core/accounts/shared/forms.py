"""Form pieces several capabilities use (one-time code fields)."""

from __future__ import annotations

CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "spellcheck": "false",
    "autocapitalize": "off",
}
