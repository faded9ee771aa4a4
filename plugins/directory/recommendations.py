"""Experts to recommend after an assessment: mentors whose areas of expertise match
the member's weakest dimensions (the assessment plugin's hook, answered by name)."""

from __future__ import annotations

import unicodedata
from typing import Any

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from tremplin.core import api

from . import experts
from .access import can_read_expert

MAX_EXPERTS = 3
# Word stems (lowercase, without accents) that tie an area of expertise to a
# dimension of the default questionnaire.
STEMS: dict[str, tuple[str, ...]] = {
    "strategy": ("strateg", "plan export", "direction", "gouvernance", "strategy"),
    "product": ("produit", "qualite", "certifica", "emballage", "product", "quality"),
    "markets": ("marche", "etude", "prospect", "veille", "market"),
    "finance": ("financ", "banque", "credit", "garantie", "fiscal", "bank"),
    "skills": ("formation", "competenc", "ressources humaines", "langue", "training"),
    "compliance": ("douan", "reglement", "conformit", "norme", "juridique", "customs", "legal"),
    "marketing": ("marketing", "digital", "numerique", "communication", "e-commerce", "vente"),
    "networks": ("reseau", "partenar", "b2b", "salon", "network", "partner"),
    "logistics": ("logisti", "transport", "incoterm", "supply", "fret"),
    "experience": ("export", "international", "internationalisation"),
}


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _dimension_of(areas: list[str], wanted: tuple[str, ...]) -> str | None:
    joined = " | ".join(_plain(area) for area in areas)
    for dimension in wanted:
        if any(stem in joined for stem in STEMS.get(dimension, ())):
            return dimension
    return None


def expert_recommendations(result: Any) -> list[dict[str, Any]]:
    weak = tuple(getattr(result, "weak_topics", ()) or ())
    if not weak:
        return []
    viewers = api.members(user_ids=[result.user_id], limit=1)
    member = viewers[0] if viewers else None
    found: list[dict[str, Any]] = []
    for data in experts.load_all():
        if not data.profile.mentoring or data.user_id == result.user_id:
            continue
        if not can_read_expert(member, data):
            continue
        dimension = _dimension_of(list(data.profile.expertise or []), weak)
        if dimension is None:
            continue
        with force_locale(result.language):
            found.append(
                {
                    "text": _(
                        "%(name)s accompagne les entreprises sur : %(areas)s.",
                        name=data.name,
                        areas=", ".join(data.profile.expertise[:3]),
                    ),
                    "title": _("Un expert pour vous accompagner"),
                    "url": url_for(
                        "directory.expert", user_id=data.user_id, lang_code=result.language
                    ),
                    "dimension": dimension,
                    "priority": 3,
                }
            )
        if len(found) >= MAX_EXPERTS:
            break
    return found
