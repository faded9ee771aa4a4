"""Who sees what: per-field visibility of profiles and the viewer's level.

Levels, from the widest: ``public`` (anyone, only when the operator enables the
public directory), ``members`` (signed-in members), ``verified`` (members of a
verified company, and staff). A field is visible at the stricter of its own level
and the profile's. Representatives of a company and staff see all of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l

from tremplin.core.api import setting

LEVELS = ("public", "members", "verified")
ALL = "all"  # the viewer sees everything (representatives, staff)
LEVEL_LABELS = {
    "public": _l("Tout le monde (annuaire public)"),
    "members": _l("Membres connectés"),
    "verified": _l("Membres vérifiés seulement"),
}

COMPANY_FIELDS: dict[str, str] = {
    "profile": "members",
    "description": "members",
    "products": "members",
    "markets": "members",
    "media": "members",
    "representatives": "members",
    "identity": "verified",
    "figures": "verified",
}
COMPANY_FIELD_LABELS = {
    "profile": _l("La fiche elle-même (nom, pays, secteur, logo)"),
    "description": _l("Présentation"),
    "products": _l("Produits et services, besoins"),
    "markets": _l("Marchés cibles et objectifs"),
    "media": _l("Photos, vidéos et brochures"),
    "representatives": _l("Représentants"),
    "identity": _l("Identité légale (forme, immatriculation, adresse)"),
    "figures": _l("Chiffres (effectif, chiffre d'affaires, part export)"),
}
EXPERT_FIELDS: dict[str, str] = {"profile": "members", "bio": "members", "countries": "members"}
EXPERT_FIELD_LABELS = {
    "profile": _l("Le profil lui-même (nom, expertises, secteurs)"),
    "bio": _l("Biographie"),
    "countries": _l("Pays et langues"),
}


def rank(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def public_directory() -> bool:
    return bool(setting("directory", "public_directory"))


def clamp(level: str) -> str:
    """A stored level as it applies today: ``public`` means ``members`` while the
    public directory is off; unknown values mean ``members``."""
    if level not in LEVELS:
        return "members"
    if level == "public" and not public_directory():
        return "members"
    return level


def field_level(
    visibility: Mapping[str, str] | None, field: str, defaults: Mapping[str, str]
) -> str:
    chosen = dict(defaults) | dict(visibility or {})
    profile = clamp(chosen.get("profile", "members"))
    own = clamp(chosen.get(field, defaults.get(field, "members")))
    return own if rank(own) > rank(profile) else profile


def viewer_level(member: Any, company_id: int | None = None) -> str:
    """``all`` for staff and the company's own representatives, else the widest
    level the member (``None``: a visitor) reaches."""
    if member is None:
        return "public"
    if member.is_staff or (company_id is not None and member.company_id == company_id):
        return ALL
    return "verified" if member.is_verified else "members"


def sees(viewer: str, level: str) -> bool:
    return viewer == ALL or rank(viewer) >= rank(level)


def visible_fields(
    visibility: Mapping[str, str] | None, defaults: Mapping[str, str], viewer: str
) -> frozenset[str]:
    return frozenset(f for f in defaults if sees(viewer, field_level(visibility, f, defaults)))


def audiences_of(visibility: Mapping[str, str] | None, defaults: Mapping[str, str]) -> list[str]:
    """The search audiences that may find the profile at all, widest first."""
    start = rank(field_level(visibility, "profile", defaults))
    return list(LEVELS[start:])


def cleaned(submitted: Mapping[str, str], defaults: Mapping[str, str]) -> dict[str, str]:
    """Only known fields and levels; ``public`` is kept (it applies once the operator
    opens the public directory)."""
    return {f: submitted[f] for f in defaults if submitted.get(f) in LEVELS}
