"""The member API: :func:`current_member`, :func:`company_of`, :func:`members`.

A :class:`Member` is a frozen snapshot of an account (user, profile, company,
roles, kind, verification state) safe to pass to templates, rules and tasks.
``current_member()`` is built once per request from what the member loader
already read (:func:`tremplin.core.security.access.load_member`), so asking for it
costs no query; ``members(...)`` reads any number of members in two queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask import current_app, g, has_request_context
from flask_login import current_user, user_logged_in, user_logged_out
from sqlalchemy import exists, func, select, union_all

from ..extensions import db
from ..security.access import access_state
from .models import (
    Company,
    Profile,
    Role,
    User,
    assoc_group_role,
    assoc_user_group,
    assoc_user_role,
)

STAFF_ROLES = ("Admin", "Moderator")
KINDS = ("staff", "company", "expert", "guest")
UNVERIFIED = "unverified"
CACHE_KEY = "tremplin_member"  # on ``g``: the request's Member (or None)


@dataclass(frozen=True)
class MemberCompany:
    """The member's company, as other plugins need it (its legal identity included)."""

    id: int
    name: str
    country: str
    sector: str
    city: str = ""
    legal_form: str = ""
    registration_number: str = ""
    address: str = ""
    postal_code: str = ""
    year_founded: int | None = None
    size_band: str = ""
    revenue_band: str = ""
    export_stage: str = ""
    export_share: int | None = None
    website: str = ""
    description: str = ""


@dataclass(frozen=True)
class MemberProfile:
    """The platform profile (``core_profile``) of a member."""

    id: int
    job_title: str
    language: str


@dataclass(frozen=True)
class Member:
    """A signed-in account as plugins see it.

    ``kind`` is ``"staff"`` (Admin or Moderator), ``"company"``, ``"expert"`` or
    ``"guest"``, from the roles in that order of precedence. ``verification`` is the
    company's verification state as answered by the ``member_verification`` hook
    (``"unverified"`` when no plugin answers or there is no company).
    """

    id: int
    username: str
    display_name: str
    email: str
    language: str
    roles: tuple[str, ...]
    kind: str
    verification: str = UNVERIFIED
    profile: MemberProfile | None = None
    company: MemberCompany | None = None

    @property
    def company_id(self) -> int | None:
        return self.company.id if self.company is not None else None

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"

    @property
    def is_verified(self) -> bool:
        return self.verification == "verified"

    def has_role(self, *names: str) -> bool:
        return any(name in self.roles for name in names)


def kind_of(roles: Iterable[str]) -> str:
    """``staff``, ``company``, ``expert`` or ``guest`` for a set of role names."""
    held = set(roles)
    if held & set(STAFF_ROLES):
        return "staff"
    if "Company" in held:
        return "company"
    if "Expert" in held:
        return "expert"
    return "guest"


def verification_of(company_id: int | None) -> str:
    """The company's verification state from the first plugin that answers."""
    if company_id is None:
        return UNVERIFIED
    pm = current_app.extensions["tremplin"].pm
    answer = pm.hook.member_verification(company_id=company_id)
    return str(answer) if answer else UNVERIFIED


def company_snapshot(company: Any) -> MemberCompany:
    """A :class:`MemberCompany` from a loaded ``core_company`` row."""
    return MemberCompany(
        id=company.id,
        name=company.name,
        country=company.country,
        sector=company.sector,
        city=company.city or "",
        legal_form=company.legal_form or "",
        registration_number=company.registration_number or "",
        address=company.address or "",
        postal_code=company.postal_code or "",
        year_founded=company.year_founded,
        size_band=company.size_band or "",
        revenue_band=company.revenue_band or "",
        export_stage=company.export_stage or "",
        export_share=company.export_share,
        website=company.website or "",
        description=company.description or "",
    )


def build_member(
    user: Any,
    roles: Iterable[str],
    profile: Any | None,
    company: Any | None,
    verification: str | None = None,
) -> Member:
    """A :class:`Member` from rows already loaded (no query; the verification hook is
    asked unless ``verification`` is given)."""
    names = tuple(sorted(set(roles)))
    found_company = company_snapshot(company) if company is not None else None
    return Member(
        id=user.id,
        username=user.username,
        display_name=f"{user.first_name} {user.last_name}".strip() or user.username,
        email=user.email,
        language=profile.language if profile is not None else "fr",
        roles=names,
        kind=kind_of(names),
        verification=verification
        if verification is not None
        else verification_of(found_company.id if found_company else None),
        profile=MemberProfile(profile.id, profile.job_title, profile.language)
        if profile is not None
        else None,
        company=found_company,
    )


def _loaded_roles(user: Any) -> set[str]:
    names = {role.name for role in user.roles}
    for group in getattr(user, "groups", ()) or ():
        names.update(role.name for role in group.roles)
    return names


def member_from_user(user: Any) -> Member:
    """The :class:`Member` of a loaded user: no query when the member loader read it."""
    state = access_state(user)
    if state is not None and state.profile_loaded:
        profile, company = state.profile, state.company
    else:
        row = db.session.execute(
            select(Profile, Company)
            .outerjoin(Company, Company.id == Profile.company_id)
            .where(Profile.user_id == user.id)
        ).first()
        profile, company = (row[0], row[1]) if row is not None else (None, None)
    return build_member(user, _loaded_roles(user), profile, company)


def current_member() -> Member | None:
    """The signed-in member of this request, or ``None`` (visitor, outside a request).

    Built at the first call of the request and kept on ``g``."""
    if not has_request_context():
        return None
    if CACHE_KEY in g:
        return g.get(CACHE_KEY)  # type: ignore[no-any-return]
    user = current_user._get_current_object()
    member = member_from_user(user) if user is not None and user.is_authenticated else None
    setattr(g, CACHE_KEY, member)
    return member


def _forget_current_member(_sender: Any, **_extra: Any) -> None:
    """Signing in or out during a request changes who the request's member is."""
    if has_request_context():
        g.pop(CACHE_KEY, None)


user_logged_in.connect(_forget_current_member)
user_logged_out.connect(_forget_current_member)


def _user_id(user_or_id: Any) -> int | None:
    if user_or_id is None:
        return None
    if isinstance(user_or_id, int):
        return user_or_id
    return getattr(user_or_id, "id", None)


def company_of(user_or_id: Any) -> MemberCompany | None:
    """The company of a user (object, :class:`Member` or id), or ``None``."""
    if isinstance(user_or_id, Member):
        return user_or_id.company
    user_id = _user_id(user_or_id)
    if user_id is None:
        return None
    current = current_member()
    if current is not None and current.id == user_id:
        return current.company
    company = db.session.scalar(
        select(Company)
        .join(Profile, Profile.company_id == Company.id)
        .where(Profile.user_id == user_id)
    )
    if company is None:
        return None
    return company_snapshot(company)


def member_by_id(user_id: int) -> Member | None:
    """One member by account id (two queries), or ``None``."""
    found = members(user_ids=[user_id], limit=1)
    return found[0] if found else None


def _role_pairs() -> Any:
    """(user_id, role name) for direct roles and roles held through groups."""
    direct = select(assoc_user_role.c.user_id.label("user_id"), Role.name.label("name")).join(
        Role, Role.id == assoc_user_role.c.role_id
    )
    grouped = (
        select(assoc_user_group.c.user_id.label("user_id"), Role.name.label("name"))
        .join(assoc_group_role, assoc_group_role.c.group_id == assoc_user_group.c.group_id)
        .join(Role, Role.id == assoc_group_role.c.role_id)
    )
    return union_all(direct, grouped).subquery()


def _role_filter(names: Iterable[str]) -> Any:
    pairs = _role_pairs()
    return exists().where(pairs.c.user_id == User.id, pairs.c.name.in_(list(names)))


KIND_ROLES = (("staff", STAFF_ROLES), ("company", ("Company",)), ("expert", ("Expert",)))


def _kind_filter(kind: str) -> list[Any]:
    """Members whose :func:`kind_of` is ``kind``: holding the kind's roles and none of
    the kinds before it (staff > company > expert > guest)."""
    if kind not in KINDS:
        raise ValueError(f"unknown member kind {kind!r} (one of {', '.join(KINDS)})")
    conditions: list[Any] = []
    for name, roles in KIND_ROLES:
        if name == kind:
            return [*conditions, _role_filter(roles)]
        conditions.append(~_role_filter(roles))
    return conditions  # guest: none of the roles above


def members(
    *,
    country: str | None = None,
    sector: str | None = None,
    role: str | Iterable[str] | None = None,
    kind: str | None = None,
    company_id: int | None = None,
    user_ids: Iterable[int] | None = None,
    email: str | None = None,
    active_only: bool = True,
    limit: int = 50,
    offset: int = 0,
) -> list[Member]:
    """Members matching every given filter, by display name, in two queries
    (accounts with profile and company, then their roles) plus the verification
    hook once per distinct company."""
    query = (
        select(User, Profile, Company)
        .outerjoin(Profile, Profile.user_id == User.id)
        .outerjoin(Company, Company.id == Profile.company_id)
    )
    if active_only:
        query = query.where(User.active.is_(True))
    if country is not None:
        query = query.where(Company.country == country.upper())
    if sector is not None:
        query = query.where(Company.sector == sector)
    if company_id is not None:
        query = query.where(Company.id == company_id)
    if user_ids is not None:
        query = query.where(User.id.in_(list(user_ids)))
    if email is not None:
        query = query.where(func.lower(User.email) == email.strip().lower())
    if role is not None:
        query = query.where(_role_filter([role] if isinstance(role, str) else role))
    if kind is not None:
        query = query.where(*_kind_filter(kind))
    query = query.order_by(User.first_name, User.last_name, User.id).limit(limit).offset(offset)
    rows = db.session.execute(query).all()
    if not rows:
        return []
    ids = [row[0].id for row in rows]
    pairs = _role_pairs()
    roles: dict[int, set[str]] = {user_id: set() for user_id in ids}
    for user_id, name in db.session.execute(
        select(pairs.c.user_id, pairs.c.name).where(pairs.c.user_id.in_(ids))
    ):
        roles[user_id].add(name)
    verification: dict[int | None, str] = {None: UNVERIFIED}
    found = []
    for user, profile, company in rows:
        key = company.id if company is not None else None
        if key not in verification:
            verification[key] = verification_of(key)
        found.append(build_member(user, roles[user.id], profile, company, verification[key]))
    return found


def display_names(user_ids: Iterable[int]) -> dict[int, str]:
    """Display names by account id in one light query (no roles, profile or hook),
    for pages that show many authors; ids of deleted accounts are missing."""
    ids = list(set(user_ids))
    if not ids:
        return {}
    query = select(User.id, User.first_name, User.last_name, User.username).where(User.id.in_(ids))
    return {
        user_id: f"{first or ''} {last or ''}".strip() or username
        for user_id, first, last, username in db.session.execute(query)
    }


def member_language(user_id: int | None) -> str:
    """The language a member reads the site in (their profile's, when the site
    offers it; else the site's first language): for links in notifications and
    e-mails, written outside the member's request."""
    offered = list(current_app.config["TREMPLIN_LANGUAGES"]) or ["fr"]
    language = None
    if user_id is not None:
        language = db.session.scalar(select(Profile.language).where(Profile.user_id == user_id))
    return str(language) if language in offered else str(offered[0])


__all__ = [
    "Member",
    "MemberCompany",
    "MemberProfile",
    "company_of",
    "current_member",
    "display_names",
    "kind_of",
    "member_by_id",
    "member_language",
    "members",
]
