"""What the directory puts in the search index: documents of type ``company`` and
``expert``, one per audience that may find the profile.

A profile is indexed once per level that may see it (``public``, ``members``,
``verified``), each document holding only the fields visible at that level, so
that a search never matches text the viewer could not read. The directory page
searches the viewer's own level (see :func:`viewer_audience`); hits of a lower
level for the same profile are folded into one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from flask import url_for

from tremplin.core import api
from tremplin.core.api import SearchDocument, SearchHit

from . import experts, profiles, tags
from .visibility import (
    COMPANY_FIELDS,
    EXPERT_FIELDS,
    LEVELS,
    audiences_of,
    rank,
    viewer_level,
    visible_fields,
)

COMPANY, EXPERT = "company", "expert"
# Everyday words members search for, beside the ISIC labels.
SECTOR_WORDS = {
    "A01": "agriculture agroalimentaire agri-food",
    "A03": "pêche aquaculture halieutique seafood",
    "C10": "agroalimentaire agro-alimentaire transformation agri-food food",
    "C11": "boissons agroalimentaire beverages",
    "C13": "textile tissage",
    "C14": "mode habillement fashion",
    "C20": "cosmétique cosmetics",
    "J62": "numérique logiciel informatique digital software",
    "P85": "formation edtech éducation training",
    "K64": "fintech finance",
    "I55": "tourisme hôtellerie tourism",
    "H52": "logistique transit logistics",
}


def viewer_audience(member: Any) -> str:
    level = viewer_level(member)
    return "verified" if level == "all" else level


def _key(item_id: int, audience: str) -> str:
    return f"{item_id}:{audience}"


def split_key(key: str) -> tuple[int, str]:
    item, _, audience = key.partition(":")
    return int(item), audience


def _sector_facets(codes: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    divisions = tuple(c for c in codes if api.is_sector(c) and len(c) > 1)
    sections = tuple(dict.fromkeys(api.section_of(c) for c in codes if api.section_of(c)))
    return divisions, sections


def _sector_text(code: str) -> str:
    if not api.is_sector(code):
        return code
    labels = {api.sector_label(code, "fr"), api.sector_label(code, "en")}
    section = api.section_of(code)
    labels |= {api.sector_label(section, "fr"), api.sector_label(section, "en")}
    return " ".join(sorted(labels)) + " " + SECTOR_WORDS.get(code, "")


def company_documents(data: profiles.CompanyData) -> list[SearchDocument]:
    """The company's documents; none while the moderation hides it."""
    if data.profile is not None and data.profile.hidden:
        return []
    c = data.company
    vis = data.profile.visibility if data.profile else {}
    divisions, sections = _sector_facets([c.sector])
    tag_words = tags.words(data.text("tags"), data.text("free_tags"))
    facets = {
        "country": (c.country,),
        "sector": divisions,
        "section": sections,
        "export": (c.export_stage,) if c.export_stage else (),
        "verified": ("yes" if data.verified else "no",),
        "recommended": ("yes" if data.recommended else "no",),
        "tags": tuple(tags.facet_values(data.text("tags"), data.text("free_tags"))),
    }
    updated = data.profile.updated_at if data.profile is not None else None
    docs = []
    for audience in audiences_of(vis, COMPANY_FIELDS):
        shown = visible_fields(vis, COMPANY_FIELDS, audience)
        parts = [c.city, api.country_name(c.country, "fr"), api.country_name(c.country, "en")]
        parts.append(_sector_text(c.sector))
        if "description" in shown:
            parts += [c.description, data.text("description_en")]
        if "products" in shown:
            parts += [data.text("products_fr"), data.text("products_en"), data.text("seeks")]
        found = dict(facets)
        if "markets" in shown:
            parts.append(data.text("objectives"))
            parts += [api.country_name(m, "fr") for m in data.text("markets")]
            found["markets"] = tuple(data.text("markets"))
        docs.append(
            SearchDocument(
                _key(c.id, audience),
                c.name,
                "\n".join(p for p in parts if p),
                public=audience == "public",
                tags=tuple(tag_words),
                facets=found,
                audience=audience,
                updated=updated if hasattr(updated, "timestamp") else None,
            )
        )
    return docs


def expert_documents(data: experts.ExpertData) -> list[SearchDocument]:
    """The expert's documents; none while the moderation hides the profile."""
    e = data.profile
    if e.hidden:
        return []
    vis = e.visibility or {}
    divisions, sections = _sector_facets(e.sectors)
    facets = {
        "expertise": tuple(x.casefold() for x in e.expertise),
        "sector": divisions,
        "section": sections,
        "mentoring": ("yes" if e.mentoring else "no",),
    }
    docs = []
    for audience in audiences_of(vis, EXPERT_FIELDS):
        shown = visible_fields(vis, EXPERT_FIELDS, audience)
        parts = [e.headline, " ".join(e.expertise)] + [_sector_text(s) for s in e.sectors]
        found = dict(facets)
        if "bio" in shown:
            parts += [e.bio_fr, e.bio_en]
        if "countries" in shown:
            parts += [api.country_name(code, "fr") for code in e.countries]
            found["country"] = tuple(e.countries)
            found["languages"] = tuple(e.languages)
        docs.append(
            SearchDocument(
                _key(e.user_id, audience),
                data.name,
                "\n".join(p for p in parts if p),
                public=audience == "public",
                tags=tuple(e.expertise),
                facets=found,
                audience=audience,
                updated=e.updated_at if hasattr(e.updated_at, "timestamp") else None,
            )
        )
    return docs


def all_company_documents() -> Iterator[SearchDocument]:
    ids = [row.company_id for row in profiles.all_profiles()]
    for start in range(0, len(ids), 500):
        for data in profiles.load_many(ids[start : start + 500]).values():
            yield from company_documents(data)


def all_expert_documents() -> Iterator[SearchDocument]:
    for data in experts.load_all():
        yield from expert_documents(data)


def _replace(type_name: str, item_id: int, docs: list[SearchDocument], later: bool) -> None:
    kept = {doc.audience for doc in docs}
    for doc in docs:
        api.index_document(type_name, doc, after_commit=later)
    for audience in LEVELS:
        if audience not in kept:
            api.remove_document(type_name, _key(item_id, audience), after_commit=later)


def reindex_company(company_id: int, *, after_commit: bool = True) -> None:
    """Re-index a company once the current transaction commits (at once with
    ``after_commit=False``); its documents go when it has no profile any more."""
    from .suggestions import forget

    forget()  # partner suggestions read the profiles again
    profiles.forget_loaded()
    data = profiles.load(company_id, with_media=False)
    has_profile = data is not None and data.profile is not None
    docs = company_documents(data) if data is not None and has_profile else []
    _replace(COMPANY, company_id, docs, after_commit)


def reindex_expert(user_id: int, *, after_commit: bool = True) -> None:
    data = experts.load(user_id)
    _replace(EXPERT, user_id, expert_documents(data) if data is not None else [], after_commit)


def _fold(keys: Sequence[str]) -> dict[int, str]:
    """The widest-reaching key of each profile among ``keys``."""
    best: dict[int, str] = {}
    for key in keys:
        if not key.partition(":")[0].isdigit():
            continue  # not one of ours (an index written by something else): no hit
        item, audience = split_key(key)
        if item not in best or rank(audience) > rank(split_key(best[item])[1]):
            best[item] = key
    return best


PLACEHOLDER_ID = 987654321


def url_maker(endpoint: str, name: str, language: str) -> Callable[[int], str]:
    """``url_for(endpoint, name=id)`` for many ids, with one URL built: a page of
    hits costs one route lookup instead of twenty."""
    values: dict[str, Any] = {name: PLACEHOLDER_ID, "lang_code": language}
    pattern = url_for(endpoint, **values)
    head, _, tail = pattern.rpartition(str(PLACEHOLDER_ID))
    return lambda item_id: f"{head}{int(item_id)}{tail}"


def company_hits(keys: Sequence[str], language: str) -> dict[str, SearchHit]:
    best = _fold(keys)
    found = profiles.load_many(best)
    company_url = url_maker("directory.company", "company_id", language)
    return {
        best[cid]: SearchHit(
            data.company.name,
            company_url(cid),
            data.description(language)[:200],
        )
        for cid, data in found.items()
        if data.profile is not None and not data.profile.hidden
    }


def expert_hits(keys: Sequence[str], language: str) -> dict[str, SearchHit]:
    best = _fold(keys)
    found = experts.load_many(best)
    expert_url = url_maker("directory.expert", "user_id", language)
    return {
        best[uid]: SearchHit(
            data.name,
            expert_url(uid),
            data.profile.headline,
        )
        for uid, data in found.items()
        if not data.profile.hidden
    }
