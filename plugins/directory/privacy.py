"""The directory's share of a member's data (GDPR): their expert profile and the
invitations they received. Company profiles belong to the company, not the person."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from tremplin.core.api import PersonalData, db

from .indexing import reindex_expert
from .models import CompanyProfile, ExpertProfile, RepresentativeInvitation, as_dict


def export(user_id: int) -> PersonalData | None:
    records = [
        {"type": "expert_profile", **as_dict(row)}
        for row in db.session.scalars(select(ExpertProfile).where(ExpertProfile.user_id == user_id))
    ]
    records += [
        {"type": "representative_invitation", **as_dict(row)}
        for row in db.session.scalars(
            select(RepresentativeInvitation).where(RepresentativeInvitation.user_id == user_id)
        )
    ]
    owned = db.session.scalars(
        select(CompanyProfile.company_id).where(CompanyProfile.owner_id == user_id)
    )
    records += [{"type": "company_owner", "company_id": cid} for cid in owned]
    if not records:
        return None
    return PersonalData("Annuaire", tuple(records))


def erase(user_id: int) -> None:
    had_expert = db.session.scalar(select(ExpertProfile.id).where(ExpertProfile.user_id == user_id))
    db.session.execute(delete(ExpertProfile).where(ExpertProfile.user_id == user_id))
    db.session.execute(
        delete(RepresentativeInvitation).where(RepresentativeInvitation.user_id == user_id)
    )
    db.session.execute(
        update(CompanyProfile).where(CompanyProfile.owner_id == user_id).values(owner_id=None)
    )
    if had_expert is not None:
        reindex_expert(user_id)
