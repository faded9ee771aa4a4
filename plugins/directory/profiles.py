"""Company profiles: reading and saving what ``core_company`` and ``directory_company``
hold together, ownership, verification badges and the completion indicator."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import current_app, has_request_context, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tremplin.core import api
from tremplin.core.api import db

from .models import CompanyMedia, CompanyProfile

LOADED = "tremplin.directory.loaded"  # request.environ key: this request's companies
COMPANY_FIELDS = tuple(sorted(api.COMPANY_FIELDS))  # what the edit form sets on core_company
PROFILE_FIELDS = (  # what it sets on directory_company
    "description_en",
    "products_fr",
    "products_en",
    "seeks",
    "objectives",
    "markets",
    "visibility",
    "tags",
    "free_tags",
)


@dataclass(frozen=True)
class CompanyData:
    """A company with its directory profile and media, as pages and the index use it."""

    company: api.MemberCompany
    profile: CompanyProfile | None
    media: tuple[CompanyMedia, ...] = ()
    verification: str = "unverified"
    recommended: bool = False

    @property
    def id(self) -> int:
        return int(self.company.id)

    @property
    def verified(self) -> bool:
        return self.verification == "verified"

    def text(self, name: str) -> Any:
        if self.profile is None:
            return [] if name in ("markets", "tags", "free_tags") else ""
        return getattr(self.profile, name)

    def description(self, lang: str) -> str:
        english = self.text("description_en")
        return str(english if lang == "en" and english else self.company.description)

    def products(self, lang: str) -> str:
        english = self.text("products_en")
        return str(english if lang == "en" and english else self.text("products_fr"))

    def of_kind(self, kind: str) -> list[CompanyMedia]:
        return [m for m in self.media if m.kind == kind]


@dataclass(frozen=True)
class Completion:
    percent: int
    missing: list[Any] = field(default_factory=list)


def _hook() -> Any:
    return current_app.extensions["tremplin"].pm.hook


def verification_of(company_id: int) -> str:
    answer = _hook().member_verification(company_id=company_id)
    return str(answer) if answer else "unverified"


def recommended_of(company_id: int) -> bool:
    ask = getattr(_hook(), "company_recommended", None)  # the verification plugin's
    if ask is None:
        return False
    answer = ask(company_id=company_id)  # first result, or every answer without its spec
    return any(answer) if isinstance(answer, list) else bool(answer)


def profile_of(company_id: int) -> CompanyProfile | None:
    return db.session.scalar(select(CompanyProfile).where(CompanyProfile.company_id == company_id))


def profiles_of(company_ids: Iterable[int]) -> dict[int, CompanyProfile]:
    wanted = sorted(set(company_ids))
    if not wanted:
        return {}
    rows = db.session.scalars(select(CompanyProfile).where(CompanyProfile.company_id.in_(wanted)))
    return {row.company_id: row for row in rows}


def media_of(company_ids: Iterable[int]) -> dict[int, list[CompanyMedia]]:
    wanted = sorted(set(company_ids))
    found: dict[int, list[CompanyMedia]] = {cid: [] for cid in wanted}
    if wanted:
        rows = db.session.scalars(
            select(CompanyMedia)
            .where(CompanyMedia.company_id.in_(wanted))
            .order_by(CompanyMedia.id)
        )
        for row in rows:
            found[row.company_id].append(row)
    return found


def load(company_id: int, *, with_media: bool = True) -> CompanyData | None:
    """One company with its profile (``None`` when the company does not exist)."""
    company = api.company(company_id)
    if company is None:
        return None
    media = tuple(media_of([company_id])[company_id]) if with_media else ()
    return CompanyData(
        company,
        profile_of(company_id),
        media,
        verification_of(company_id),
        recommended_of(company_id),
    )


def load_many(
    company_ids: Iterable[int], *, with_media: bool = False, badges: bool = True
) -> dict[int, CompanyData]:
    """Several companies at once (three queries, plus the badge hooks per company
    unless ``badges`` is false). Within a request, companies read once are reused:
    the search results and the page's cards ask for the same ones."""
    wanted = list(dict.fromkeys(company_ids))
    seen: dict[tuple[int, bool, bool], CompanyData] = (
        request.environ.setdefault(LOADED, {}) if has_request_context() else {}
    )
    missing = [i for i in wanted if (i, with_media, badges) not in seen]
    if missing:
        for cid, data in _read_many(missing, with_media, badges).items():
            seen[(cid, with_media, badges)] = data
    return {i: seen[(i, with_media, badges)] for i in wanted if (i, with_media, badges) in seen}


def forget_loaded() -> None:
    """Drop this request's companies (after a change made during the request)."""
    if has_request_context():
        request.environ.pop(LOADED, None)


def _read_many(ids: list[int], with_media: bool, badges: bool) -> dict[int, CompanyData]:
    found = api.companies(ids)
    ids = [c.id for c in found]
    profiles = profiles_of(ids)
    media = media_of(ids) if with_media else {}
    return {
        c.id: CompanyData(
            c,
            profiles.get(c.id),
            tuple(media.get(c.id, ())),
            verification_of(c.id) if badges else "unverified",
            recommended_of(c.id) if badges else False,
        )
        for c in found
    }


def ensure_profile(company_id: int, owner_id: int | None = None) -> CompanyProfile:
    row = profile_of(company_id)
    if row is None:
        members = api.company_member_ids(company_id)
        row = CompanyProfile(
            company_id=company_id,
            owner_id=owner_id or (members[0] if members else None),
            markets=[],
            visibility={},
            tags=[],
            free_tags=[],
        )
        db.session.add(row)
        db.session.flush()
    return row


def owner_id_of(company_id: int) -> int | None:
    row = profile_of(company_id)
    if row is not None and row.owner_id is not None:
        return row.owner_id
    members = api.company_member_ids(company_id)
    return members[0] if members else None


def is_owner(member: Any, company_id: int) -> bool:
    return member is not None and (member.has_role("Admin") or owner_id_of(company_id) == member.id)


def create_own_company(member: Any, fields: Mapping[str, Any]) -> int:
    """The member's new company, with them as representative and owner."""
    core = {k: v for k, v in fields.items() if k in COMPANY_FIELDS}
    created = api.create_company(**core)
    api.set_member_company(member.id, created.id)
    profile = ensure_profile(created.id, owner_id=member.id)
    _set_profile(profile, fields)
    api.record("directory.company_created", ("company", created.id))
    return created.id


def save_company(company_id: int, fields: Mapping[str, Any]) -> None:
    """Set the submitted fields of the company and its profile (the caller commits)."""
    api.update_company(company_id, **{k: v for k, v in fields.items() if k in COMPANY_FIELDS})
    _set_profile(ensure_profile(company_id), fields)
    api.record("directory.company_updated", ("company", company_id))


def _set_profile(profile: CompanyProfile, fields: Mapping[str, Any]) -> None:
    for name in PROFILE_FIELDS:
        if name in fields:
            setattr(profile, name, fields[name])
    profile.updated_at = db.func.now()
    db.session.flush()


CHECKLIST = (
    ("logo", _l("un logo")),
    ("description", _l("une présentation de l'entreprise")),
    ("sector", _l("un secteur de la classification CITI")),
    ("products", _l("vos produits et services")),
    ("markets", _l("vos marchés cibles")),
    ("objectives", _l("vos objectifs à l'international")),
    ("identity", _l("la forme juridique et le numéro d'immatriculation")),
    ("address", _l("l'adresse")),
    ("year_founded", _l("l'année de création")),
    ("size_band", _l("l'effectif")),
    ("website", _l("le site web")),
    ("photos", _l("au moins une photo")),
)


def completion(data: CompanyData) -> Completion:
    """How complete the profile is, and what is missing (in the checklist's order)."""
    c, p = data.company, data.profile
    done = {
        "logo": bool(p and p.logo_key),
        "description": bool(c.description or data.text("description_en")),
        "sector": api.is_sector(c.sector),
        "products": bool(data.text("products_fr") or data.text("products_en")),
        "markets": bool(data.text("markets")),
        "objectives": bool(data.text("objectives")),
        "identity": bool(c.legal_form and c.registration_number),
        "address": bool(c.address),
        "year_founded": c.year_founded is not None,
        "size_band": bool(c.size_band),
        "website": bool(c.website),
        "photos": bool(data.of_kind("photo")),
    }
    missing = [label for key, label in CHECKLIST if not done[key]]
    percent = round(100 * (len(CHECKLIST) - len(missing)) / len(CHECKLIST))
    return Completion(percent, missing)


def all_profiles() -> list[CompanyProfile]:
    return list(db.session.scalars(select(CompanyProfile).order_by(CompanyProfile.company_id)))
