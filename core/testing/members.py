"""Giving test accounts a company (profile and company rows), for plugins' tests
of the member API's filters (country, sector, company)."""

from __future__ import annotations

from typing import Any

from ..accounts.profile.models import Company, Profile
from ..extensions import db


def give_company(user: Any, name: str, country: str = "SN", sector: str = "C10") -> int:
    """Attach ``user`` to a new company; returns the company's id (committed)."""
    company = Company(name=name, country=country, sector=sector)
    db.session.add(company)
    db.session.flush()
    profile = db.session.query(Profile).filter_by(user_id=user.id).one_or_none()
    if profile is None:
        profile = Profile(user_id=user.id)
        db.session.add(profile)
    profile.company_id = company.id
    db.session.commit()
    return int(company.id)
