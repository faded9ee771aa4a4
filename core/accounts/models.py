"""Every account table, in one place: Alembic and Flask-AppBuilder need them all
registered before the schema is compared or created. Each table lives in its
capability's ``models.py``; this module only gathers them."""

from __future__ import annotations

from .confirmation.models import EmailConfirmation
from .consent.models import Consent
from .devices.models import KnownDevice
from .gdpr.models import DataExport, DeletionRequest
from .invitations.models import ACCOUNT_KINDS, Invitation
from .mfa.models import RecoveryCode
from .participants.models import Participant
from .profile.models import EXPORT_STAGES, Company, Profile
from .role_grants.models import RoleGrant
from .sessions.store import SessionRecord
from .shared.models import MFA_METHODS, ResetCode, UserSecurity
from .signup.models import ExpertDetails

__all__ = [
    "ACCOUNT_KINDS",
    "EXPORT_STAGES",
    "MFA_METHODS",
    "Company",
    "Consent",
    "DataExport",
    "DeletionRequest",
    "EmailConfirmation",
    "ExpertDetails",
    "Invitation",
    "KnownDevice",
    "Participant",
    "Profile",
    "RecoveryCode",
    "ResetCode",
    "RoleGrant",
    "SessionRecord",
    "UserSecurity",
]
