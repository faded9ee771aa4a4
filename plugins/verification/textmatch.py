"""Comparing declared company data with a document's text, whatever the case,
accents, punctuation and spacing."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Words of a legal form or an address that documents write in many ways.
_NOISE = {"sa", "sarl", "sas", "sasu", "suarl", "ei", "eurl", "snc", "gie", "ltd", "inc"}


def normalise(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(_NON_ALNUM.sub(" ", plain).split())


def compact(text: str) -> str:
    """Letters and digits only: registration numbers are written with and without
    spaces, dots or dashes."""
    return normalise(text).replace(" ", "")


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether the normalised ``phrase`` appears in ``text`` as whole words (the
    legal-form words such as SARL may be missing or spelled out)."""
    haystack = f" {normalise(text)} "
    words = normalise(phrase).split()
    if not words:
        return False
    if f" {' '.join(words)} " in haystack:
        return True
    core = [w for w in words if w not in _NOISE]
    return bool(core) and f" {' '.join(core)} " in haystack


def contains_number(text: str, number: str) -> bool:
    wanted = compact(number)
    return bool(wanted) and wanted in compact(text)


def contains_address(text: str, address: str) -> bool:
    """The address's street line found as words (the number and street name)."""
    first_line = (address or "").replace("\r", "").split("\n")[0].split(",")[0]
    return contains_phrase(text, first_line)
