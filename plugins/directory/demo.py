"""Loading the directory's demonstration data (the ``demo_data`` hook): twice adds
nothing (tags by slug, companies by name, profiles by company, experts by account)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tremplin.core import api
from tremplin.core.api import db

from . import experts, profiles
from .demo_content import BY_SECTOR, EXPERTS, MARKETS, MORE_COMPANIES, PERSONAS, TAGS
from .indexing import reindex_company, reindex_expert
from .models import Tag


def _tags() -> int:
    known = set(db.session.scalars(select(Tag.slug)))
    added = 0
    for position, (slug, fr, en) in enumerate(TAGS):
        if slug not in known:
            db.session.add(Tag(slug=slug, label_fr=fr, label_en=en, position=position * 10))
            added += 1
    return added


def _generic(company: Any, index: int) -> dict[str, Any]:
    products, seeks, tags = BY_SECTOR.get(
        company.sector, ("Produits et services de qualité pour l'export.", "Partenaires.", [])
    )
    markets = [m for m in (MARKETS[index % 10], MARKETS[(index + 3) % 10]) if m != company.country]
    return {
        "products_fr": products,
        "seeks": seeks,
        "objectives": "Développer les ventes dans l'espace francophone.",
        "markets": markets,
        "tags": list(tags),
        "free_tags": [],
        "visibility": {"profile": "public"} if index % 3 == 0 else {},
    }


def _more_companies() -> int:
    names = {c.name for c in api.companies()}
    added = 0
    for name, country, city, sector, stage in MORE_COMPANIES:
        if name not in names:
            api.create_company(
                name=name,
                country=country,
                city=city,
                sector=sector,
                export_stage=stage,
                description=f"{name} : PME de {city} tournée vers l'export.",
            )
            added += 1
    return added


def _profiles() -> list[int]:
    done = set(profiles.profiles_of(c.id for c in api.companies()))
    created = []
    for index, company in enumerate(api.companies()):
        if company.id in done:
            continue
        fields: dict[str, Any] = PERSONAS.get(company.name) or _generic(company, index)
        row = profiles.ensure_profile(company.id)
        for name, value in fields.items():
            setattr(row, name, value)
        created.append(company.id)
    db.session.flush()
    return created


def _experts() -> int:
    added = 0
    for username, fields in EXPERTS.items():
        found = api.members(email=f"{username}@experts.example", limit=1)
        if found and experts.profile_of(found[0].id) is None:
            experts.save(found[0].id, fields)
            reindex_expert(found[0].id)
            added += 1
    return added


def load(password: str | None) -> int:
    added = _tags() + _more_companies()
    created = _profiles()
    for company_id in created:
        reindex_company(company_id)
    added += len(created) + _experts()
    db.session.commit()
    return added
