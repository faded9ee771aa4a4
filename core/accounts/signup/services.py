"""Sign-up: who may create an account, and creating it (no request objects here).

Invite-only by default: an address may register when it holds a valid
invitation, matches an imported mission participant, or when
``[accounts] open_registration`` is true. Whatever happens, the visitor sees the
same answer ("if this address can register, you will receive an e-mail"), so the
form tells nobody which addresses exist.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ...activity.services import record
from ...extensions import db
from ...mail import send_mail
from ..confirmation import services as confirmation
from ..consent import services as consent
from ..invitations.models import Invitation
from ..invitations.services import mark_used
from ..participants import services as participants
from ..passwords.policy import password_problems as policy_problems
from ..passwords.services import hash_password
from ..profile.models import Company, Profile
from ..shared import events
from ..shared.checks import USERNAME_CHARS
from ..shared.services import find_user, security_manager
from .models import ExpertDetails

log = logging.getLogger("tremplin.accounts")
ROLE_FOR_KIND = {"company": "Company", "expert": "Expert"}


@dataclass
class SignupData:
    """What the sign-up form collected, already validated."""

    kind: str
    email: str
    first_name: str
    last_name: str
    password: str
    language: str = "fr"
    job_title: str = ""
    company_mode: str = "new"
    company_name: str = ""
    company_country: str = ""
    company_city: str = ""
    company_sector: str = ""
    export_share: int | None = None
    export_stage: str = "first_time"
    organisation: str = ""
    expertise: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


def open_registration() -> bool:
    return bool(current_app.extensions["tremplin"].config.get("accounts", "open_registration"))


def password_problems(password: str, inputs: list[str]) -> list[str]:
    """The platform's password policy (translated reasons; empty when accepted)."""
    return policy_problems(password, inputs)


def find_company(name: str, country: str) -> Company | None:
    """The company with exactly this name (case aside) in this country."""
    return (
        db.session.query(Company)
        .filter(db.func.lower(Company.name) == name.strip().lower(), Company.country == country)
        .first()
    )


def company_problem(data: SignupData) -> tuple[str, str] | None:
    """``(field, translated reason)`` when the company choice cannot work."""
    if data.kind != "company":
        return None
    existing = find_company(data.company_name, data.company_country)
    if data.company_mode == "join" and existing is None:
        return "company_name", str(
            _l(
                "Aucune entreprise de ce nom dans ce pays : vérifiez "
                "l'orthographe ou choisissez « Créer une entreprise »."
            )
        )
    if data.company_mode == "new" and existing is not None:
        return "company_name", str(
            _l(
                "Cette entreprise existe déjà dans ce pays : choisissez "
                "« Rejoindre une entreprise existante »."
            )
        )
    return None


def eligibility(email: str, invitation: Invitation | None) -> str | None:
    """How this address may register: ``invitation``, ``participant``, ``open``, or None."""
    if invitation is not None and invitation.email == email:
        return "invitation"
    if participants.find(email) is not None:
        return "participant"
    return "open" if open_registration() else None


def _username_for(email: str) -> str:
    base = USERNAME_CHARS.sub("-", email.split("@")[0]).strip("-._")[:40] or "membre"
    base = base if len(base) >= 3 else f"{base}-membre"
    candidate = base
    while security_manager().find_user(username=candidate) is not None:
        candidate = f"{base}-{secrets.token_hex(3)}"
    return candidate


def _new_user(data: SignupData) -> Any:
    sm = security_manager()
    role = sm.find_role(ROLE_FOR_KIND[data.kind])
    user = sm.add_user(
        _username_for(data.email),
        data.first_name,
        data.last_name,
        data.email,
        [role],
        commit=False,
        hashed_password=hash_password(data.password),
    )
    if not user:
        raise RuntimeError("the account could not be created")
    user.active = False  # until the e-mail address is confirmed
    db.session.flush()
    return user


def _company_for(data: SignupData) -> Company | None:
    if data.kind != "company":
        return None
    if data.company_mode == "join":
        return find_company(data.company_name, data.company_country)
    company = Company(
        name=data.company_name,
        country=data.company_country,
        city=data.company_city,
        sector=data.company_sector,
        export_share=data.export_share,
        export_stage=data.export_stage,
    )
    db.session.add(company)
    db.session.flush()
    return company


def _add_details(user: Any, data: SignupData) -> None:
    company = _company_for(data)
    db.session.add(
        Profile(
            user_id=user.id,
            company_id=company.id if company else None,
            job_title=data.job_title,
            language=data.language,
        )
    )
    if data.kind == "expert":
        db.session.add(
            ExpertDetails(
                user_id=user.id,
                organisation=data.organisation,
                expertise="\n".join(data.expertise),
                countries=",".join(data.countries),
            )
        )


def create_account(data: SignupData, how: str, invitation: Invitation | None) -> Any:
    """Create the inactive account with its profile, consent and confirmation, then
    e-mail the confirmation link. ``how`` is what :func:`eligibility` said."""
    user = _new_user(data)
    _add_details(user, data)
    consent.record_consent(user.id, via="signup")
    row = confirmation.start(user)
    if how == "invitation" and invitation is not None:
        mark_used(invitation, user.id)
    participant = participants.find(data.email)
    if participant is not None and participant.user_id is None:
        participants.match(participant, user.id)
    record("account.signed_up", user_id=user.id, via=how, kind=data.kind)
    db.session.commit()
    log.info("account created", extra={"event": "accounts.created", "user_id": user.id, "via": how})
    events.account_created.send(
        events.sender(),
        user=user,
        via="invitation" if how == "invitation" else "signup",
    )
    confirmation.send_link(user, row, data.language)
    return user


def _tell_existing_owner(email: str, language: str) -> None:
    with force_locale(language):
        subject = _("Vous avez déjà un compte")
        text = render_template("accounts/signup_existing_email.txt", lang=language)
    send_mail(email, subject, text)


def register(data: SignupData, invitation: Invitation | None = None) -> str:
    """Do what the address allows; returns what happened (for logs and tests):
    ``created``, ``exists`` (the owner was told by e-mail) or ``refused``."""
    if find_user(data.email) is not None:
        _tell_existing_owner(data.email, data.language)
        return "exists"
    how = eligibility(data.email, invitation)
    if how is None:
        log.info("sign-up refused", extra={"event": "accounts.signup_refused"})
        return "refused"
    create_account(data, how, invitation)
    return "created"
