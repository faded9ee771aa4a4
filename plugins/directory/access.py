"""Who may read, edit and manage company and expert profiles (object-level rules).

- ``DirectoryCompany``/``read``: the profile's own level allows the viewer
  (visibility), or the viewer represents the company, or is staff. A profile hidden
  by the moderation is read only by its representatives and staff.
- ``DirectoryCompany``/``edit``: a representative of the company, or an Admin.
- ``DirectoryCompany``/``manage``: the owner (invites and removes representatives),
  or an Admin.
- ``DirectoryExpert``/``read`` and ``edit``: alike, the expert being the owner.
- ``DirectoryCompany``/``report`` and ``DirectoryExpert``/``report``: a signed-in
  member who may read the profile and does not own it.
"""

from __future__ import annotations

from typing import Any

from tremplin.core.api import AccessRule, rules

from . import experts, profiles
from .visibility import COMPANY_FIELDS, EXPERT_FIELDS, field_level, sees, viewer_level

COMPANY, EXPERT = "DirectoryCompany", "DirectoryExpert"


def can_read_company(member: Any, data: profiles.CompanyData | None) -> bool:
    if data is None or data.profile is None or data.profile.hidden:
        return (
            data is not None
            and member is not None
            and (member.is_staff or member.company_id == data.id)
        )
    level = field_level(data.profile.visibility, "profile", COMPANY_FIELDS)
    return sees(viewer_level(member, data.id), level)


def can_edit_company(member: Any, data: profiles.CompanyData | None) -> bool:
    return (
        data is not None
        and member is not None
        and (member.has_role("Admin") or member.company_id == data.id)
    )


def can_manage_company(member: Any, data: profiles.CompanyData | None) -> bool:
    return data is not None and profiles.is_owner(member, data.id)


def can_read_expert(member: Any, data: experts.ExpertData | None) -> bool:
    if data is None:
        return False
    if member is not None and (member.is_staff or member.id == data.user_id):
        return True
    if data.profile.hidden:
        return False
    level = field_level(data.profile.visibility, "profile", EXPERT_FIELDS)
    return sees(viewer_level(member), level)


def can_report_company(member: Any, data: profiles.CompanyData | None) -> bool:
    return (
        member is not None
        and data is not None
        and member.company_id != data.id
        and can_read_company(member, data)
    )


def can_report_expert(member: Any, data: experts.ExpertData | None) -> bool:
    return (
        member is not None
        and data is not None
        and member.id != data.user_id
        and can_read_expert(member, data)
    )


def access_rules() -> list[AccessRule]:
    admin = rules.role("Admin")
    return [
        AccessRule(
            COMPANY,
            "read",
            can_read_company,
            "The profile's visibility allows the viewer; representatives; staff.",
        ),
        AccessRule(COMPANY, "edit", can_edit_company, "A representative of the company; Admin."),
        AccessRule(COMPANY, "manage", can_manage_company, "The company's owner; Admin."),
        AccessRule(
            EXPERT,
            "read",
            can_read_expert,
            "The profile's visibility allows the viewer; the expert; staff.",
        ),
        AccessRule(
            EXPERT, "edit", rules.any_of(rules.owner("user_id"), admin), "The expert; Admin."
        ),
        AccessRule(
            COMPANY,
            "report",
            can_report_company,
            "A signed-in member who may read the profile, not its representatives.",
        ),
        AccessRule(
            EXPERT,
            "report",
            can_report_expert,
            "A signed-in member who may read the profile, not the expert.",
        ),
    ]


def load_company(company_id: int, **_: object) -> profiles.CompanyData | None:
    return profiles.load(company_id)


def load_expert(user_id: int, **_: object) -> experts.ExpertData | None:
    return experts.load(user_id)
