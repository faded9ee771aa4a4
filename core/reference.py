"""Reference data every plugin shares: countries and sectors, in French and English.

Countries: the OIF's member, associate and observer states and governments first
(``status`` says which), then every other ISO 3166-1 country. Codes are stable
strings: ``"SN"`` for a state, ``"CA-QC"`` for a government that is not a state.
Names come from Babel's territory names (offline) and ``core/data/oif.json``.

Sectors: the ISIC Rev. 4 (CITI Rév. 4) sections (``"C"``) and divisions
(``"C10"``: division 10 of section C), from ``core/data/isic4.json``.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
LANGUAGES = ("fr", "en")
OIF_STATUSES = ("member", "associate", "observer")
# Babel's territory codes that are not ISO 3166-1 countries (unions, "unknown",
# islands Babel lists apart); Kosovo (XK) stays: the OIF lists it.
NOT_COUNTRIES = frozenset(
    {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
)


@dataclass(frozen=True)
class Country:
    """A state or a government: ``status`` is ``member``, ``associate``, ``observer``
    (of the OIF) or ``""``."""

    code: str
    name: str
    status: str = ""

    @property
    def is_oif(self) -> bool:
        return bool(self.status)


@dataclass(frozen=True)
class Sector:
    """An ISIC Rev. 4 section (``level == "section"``, code ``"C"``) or division
    (``level == "division"``, code ``"C10"``, ``section == "C"``)."""

    code: str
    label: str
    section: str
    level: str


def _language(locale: str | None) -> str:
    base = str(locale or "fr").split("_")[0].split("-")[0].lower()
    return base if base in LANGUAGES else "fr"


def _sort_key(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=1)
def _oif() -> dict[str, Any]:
    return json.loads((DATA / "oif.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _isic() -> dict[str, Any]:
    return json.loads((DATA / "isic4.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=4)
def _territories(language: str) -> dict[str, str]:
    from babel import Locale

    return {
        code: name
        for code, name in Locale.parse(language).territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }


def oif_status(code: str) -> str:
    """``member``, ``associate``, ``observer`` or ``""`` for a country code."""
    data = _oif()
    for status in OIF_STATUSES:
        if code in data[status]:
            return status
    return ""


@lru_cache(maxsize=4)
def _countries(language: str) -> tuple[Country, ...]:
    data = _oif()
    names = dict(_territories(language))
    for code, labels in data["governments"].items():
        names[code] = labels[language]
    oif = [
        Country(code, names[code], status)
        for status in OIF_STATUSES
        for code in data[status]
        if code in names
    ]
    oif.sort(key=lambda c: _sort_key(c.name))
    listed = {c.code for c in oif}
    others = [Country(code, name) for code, name in names.items() if code not in listed]
    others.sort(key=lambda c: _sort_key(c.name))
    return tuple(oif + others)


def countries(locale: str | None = None) -> tuple[Country, ...]:
    """Every country: the OIF's states and governments first (by name), then the others."""
    return _countries(_language(locale))


@lru_cache(maxsize=4)
def _country_names(language: str) -> dict[str, str]:
    return {c.code: c.name for c in _countries(language)}


def country_name(code: str, locale: str | None = None) -> str:
    """The country's name in ``locale`` (French by default); the code when unknown."""
    return _country_names(_language(locale)).get((code or "").upper(), code)


def is_country(code: str) -> bool:
    return (code or "").upper() in _country_names("fr")


@lru_cache(maxsize=4)
def _sectors(language: str) -> tuple[Sector, ...]:
    data = _isic()
    index = LANGUAGES.index(language)
    found: list[Sector] = []
    for section, labels in data["sections"].items():
        found.append(Sector(section, labels[index], section, "section"))
        for number, (parent, *division_labels) in data["divisions"].items():
            if parent == section:
                found.append(
                    Sector(f"{section}{number}", division_labels[index], section, "division")
                )
    return tuple(found)


def sectors(locale: str | None = None) -> tuple[Sector, ...]:
    """ISIC Rev. 4 sections, each followed by its divisions, in the code order."""
    return _sectors(_language(locale))


@lru_cache(maxsize=4)
def _sector_labels(language: str) -> dict[str, str]:
    return {s.code: s.label for s in _sectors(language)}


def sector_label(code: str, locale: str | None = None) -> str:
    """The sector's label in ``locale``; the code itself when it is not an ISIC code
    (older free-text sectors keep showing)."""
    return _sector_labels(_language(locale)).get(code or "", code)


def is_sector(code: str) -> bool:
    return (code or "") in _sector_labels("fr")


def section_of(code: str) -> str:
    """The ISIC section of a section or division code (``"C10"`` → ``"C"``); ``""``
    when the code is not ISIC."""
    return code[0] if is_sector(code) else ""


def sector_choices(locale: str | None = None) -> list[tuple[str, str]]:
    """``(code, label)`` for a select: sections in capitals, divisions indented."""
    return [
        (s.code, f"{s.code} — {s.label}" if s.level == "section" else f"\u00a0\u00a0{s.label}")
        for s in sectors(locale)
    ]


def country_choices(locale: str | None = None) -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in countries(locale)]
