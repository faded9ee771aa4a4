"""Several representatives per company, one owner: the owner invites members (by
e-mail address, accounts that exist and have no company yet) and removes them."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tremplin.core import api
from tremplin.core.api import db

from . import profiles
from .models import RepresentativeInvitation

MAX_REPRESENTATIVES = 20


class RepresentativeError(ValueError):
    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


def representatives(company_id: int) -> list[api.Member]:
    return api.members(company_id=company_id, limit=MAX_REPRESENTATIVES)


def invite(company_id: int, email: str, by: api.Member) -> bool:
    """Invite the member with this address; ``False`` when nobody can be invited
    (unknown address, already in a company): the page says the same either way, so
    that nobody learns who has an account."""
    if len(api.company_member_ids(company_id)) >= MAX_REPRESENTATIVES:
        raise RepresentativeError(_l("%(max)d représentants au plus.", max=MAX_REPRESENTATIVES))
    found = api.members(email=email, limit=1)
    if not found or found[0].company is not None or found[0].is_staff:
        return False
    target = found[0]
    exists = db.session.scalar(
        select(RepresentativeInvitation.id).where(
            RepresentativeInvitation.company_id == company_id,
            RepresentativeInvitation.user_id == target.id,
        )
    )
    if exists is None:
        db.session.add(
            RepresentativeInvitation(company_id=company_id, user_id=target.id, invited_by=by.id)
        )
        company = api.company(company_id)
        api.notify(
            target.id,
            "directory.representative_invited",
            company=company.name if company else "",
            url=url_for("directory.invitations"),
        )
        db.session.flush()
    return True


def pending_for(user_id: int) -> list[tuple[RepresentativeInvitation, Any]]:
    rows = list(
        db.session.scalars(
            select(RepresentativeInvitation).where(RepresentativeInvitation.user_id == user_id)
        )
    )
    names = {c.id: c for c in api.companies([r.company_id for r in rows])}
    return [(r, names[r.company_id]) for r in rows if r.company_id in names]


def pending_of(company_id: int) -> list[RepresentativeInvitation]:
    return list(
        db.session.scalars(
            select(RepresentativeInvitation).where(
                RepresentativeInvitation.company_id == company_id
            )
        )
    )


def answer(invitation_id: int, member: api.Member, accept: bool) -> int | None:
    """Accept (join the company) or decline; the company id when accepted.
    ``LookupError`` when the invitation is not the member's (or is gone)."""
    row = db.session.get(RepresentativeInvitation, invitation_id)
    if row is None or row.user_id != member.id:
        raise LookupError(invitation_id)
    company_id = row.company_id
    db.session.delete(row)
    if accept:
        if member.company is not None:
            raise RepresentativeError(_l("Vous représentez déjà une entreprise."))
        api.set_member_company(member.id, company_id)
        profiles.ensure_profile(company_id)
        api.record("directory.representative_joined", ("company", company_id))
    db.session.flush()
    return company_id if accept else None


def remove(company_id: int, user_id: int) -> None:
    """Detach a representative (never the owner)."""
    if profiles.owner_id_of(company_id) == user_id:
        raise RepresentativeError(_l("Le propriétaire de la fiche ne peut pas être retiré."))
    if user_id not in api.company_member_ids(company_id):
        raise RepresentativeError(_l("Ce membre ne représente pas l'entreprise."))
    api.set_member_company(user_id, None)
    api.record("directory.representative_removed", ("company", company_id))
