"""Companies for plugins: read, create, update ``core_company`` and who represents it.

Plugins reach these through ``tremplin.core.api`` (``company``, ``companies``,
``create_company``, ``update_company``, ``company_member_ids``,
``set_member_company``). Writers flush; the caller's request commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from ...extensions import db
from ...members.services import MemberCompany, company_snapshot
from .models import Company, Profile

# Fields a plugin may set on a company (id and created_at are the platform's).
EDITABLE = frozenset(
    {
        "name",
        "country",
        "city",
        "sector",
        "export_stage",
        "export_share",
        "description",
        "website",
        "legal_form",
        "registration_number",
        "address",
        "postal_code",
        "year_founded",
        "size_band",
        "revenue_band",
    }
)


def company(company_id: int) -> MemberCompany | None:
    """One company by id, or ``None``."""
    row = db.session.get(Company, company_id)
    return company_snapshot(row) if row is not None else None


def companies(ids: Iterable[int] | None = None) -> list[MemberCompany]:
    """Companies by id (all of them when ``ids`` is ``None``), by id order; one query."""
    query = select(Company).order_by(Company.id)
    if ids is not None:
        wanted = sorted(set(ids))
        if not wanted:
            return []
        query = query.where(Company.id.in_(wanted))
    return [company_snapshot(row) for row in db.session.scalars(query)]


def company_field(company_id: int, name: str) -> Any:
    """One stored field of a company (``description``, ``website``...) or ``None``."""
    row = db.session.get(Company, company_id)
    return getattr(row, name) if row is not None and hasattr(Company, name) else None


def _apply(row: Company, fields: dict[str, Any]) -> None:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"not company fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(row, name, value)


def create_company(*, name: str, country: str, **fields: Any) -> MemberCompany:
    """A new company (flushed, so it has an id)."""
    row = Company(name=name, country=country)
    _apply(row, fields)
    db.session.add(row)
    db.session.flush()
    return company_snapshot(row)


def update_company(company_id: int, **fields: Any) -> MemberCompany:
    """Set the given fields of a company; ``LookupError`` when it does not exist."""
    row = db.session.get(Company, company_id)
    if row is None:
        raise LookupError(company_id)
    _apply(row, fields)
    db.session.flush()
    return company_snapshot(row)


def company_member_ids(company_id: int) -> list[int]:
    """The accounts (user ids) that represent this company, oldest profile first."""
    return list(
        db.session.scalars(
            select(Profile.user_id).where(Profile.company_id == company_id).order_by(Profile.id)
        )
    )


def set_member_company(user_id: int, company_id: int | None) -> None:
    """Attach a member to a company (or detach with ``None``); creates the profile row
    when the account has none."""
    profile = db.session.scalar(select(Profile).where(Profile.user_id == user_id))
    if profile is None:
        profile = Profile(user_id=user_id)
        db.session.add(profile)
    profile.company_id = company_id
    db.session.flush()
