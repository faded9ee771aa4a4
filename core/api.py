"""The public API for plugins: import from here, not from core's internals.

A plugin module needs ``hookimpl``, the contribution dataclasses, the database (``db``,
``Model``), tasks, mail, search and permission helpers, events (``emit``,
``after_commit``), template slots (``SlotBlock``), dashboard widgets, onboarding steps,
badges, back-office figures and help links (``Widget``, ``OnboardingStep``, ``Badge``,
``Figure``, ``HelpLink``), activity (``record``, read with ``activity_rows``,
``count_activity``, ``count_members``, ``first_activity_at``; audit events counted with
``count_audit_events``), the member API (``current_member``, ``members``,
``display_names``, ``member_language``...) and object-level access (``rules``), file
storage (``storage``), reports (``report``, ``moderation``), rate limits
(``within_limit``), notifications (``notify``, ``NotificationType``), the audit trail
(``audit``), time-boxed roles (``grant_role``, ``revoke_grants``), short-lived caches
(``per_request``, ``kept_for``) and step-up MFA (``require_mfa``, ``mfa_satisfied``).
Everything here is kept stable across minor versions.
"""

from __future__ import annotations

from typing import Any

from flask import current_app

from . import moderation, storage
from .accounts.limits.services import within_limit
from .accounts.mfa.services import mfa_satisfied, require_mfa
from .accounts.profile.companies import (
    EDITABLE as COMPANY_FIELDS,
)
from .accounts.profile.companies import (
    companies,
    company,
    company_field,
    company_member_ids,
    create_company,
    set_member_company,
    update_company,
)
from .accounts.profile.models import EXPORT_STAGES, REVENUE_BANDS, SIZE_BANDS
from .accounts.role_grants.services import grant_role, revoke_grants
from .activity.queries import (
    ActivityRow,
    activity_rows,
    count_activity,
    count_members,
    first_activity_at,
)
from .activity.services import record
from .audit.queries import count_audit_events
from .audit.services import record as audit
from .caches import app_cache, kept_for, per_request
from .contributions import (
    AccessRule,
    AdminView,
    Badge,
    CliGroup,
    Figure,
    FooterLink,
    HealthCheck,
    HelpLink,
    MenuItem,
    ModelSet,
    ModerationTarget,
    NotificationType,
    OnboardingStep,
    Permission,
    PersonalData,
    PortalBlueprint,
    ScheduledTask,
    SearchDocType,
    SearchDocument,
    SearchHit,
    SitemapEntry,
    SlotBlock,
    Widget,
)
from .events import after_commit, emit, eventspec
from .extensions import db
from .mail import send_mail
from .members.services import (
    Member,
    MemberCompany,
    company_of,
    current_member,
    display_names,
    member_language,
    members,
)
from .moderation.services import report
from .notifications.services import notify
from .plugins import hookimpl
from .reference import (
    Country,
    Sector,
    countries,
    country_choices,
    country_name,
    is_country,
    is_sector,
    oif_status,
    section_of,
    sector_choices,
    sector_label,
    sectors,
)
from .search import (
    Result,
    SearchError,
    SearchPage,
    index_document,
    remove_document,
    search_audiences,
    search_query,
)
from .security import rules
from .security.headers import allow_frames
from .security.permissions import can, guarded, require
from .settings import Setting, SettingsSection, not_negative, positive
from .tasks import task

Model = db.Model


def setting(section: str, key: str) -> Any:
    """A validated configuration value of the running app."""
    return current_app.extensions["tremplin"].config.get(section, key)


__all__ = [
    "COMPANY_FIELDS",
    "EXPORT_STAGES",
    "REVENUE_BANDS",
    "SIZE_BANDS",
    "AccessRule",
    "ActivityRow",
    "AdminView",
    "Badge",
    "CliGroup",
    "Country",
    "Figure",
    "FooterLink",
    "HealthCheck",
    "HelpLink",
    "Member",
    "MemberCompany",
    "MenuItem",
    "Model",
    "ModelSet",
    "ModerationTarget",
    "NotificationType",
    "OnboardingStep",
    "Permission",
    "PersonalData",
    "PortalBlueprint",
    "Result",
    "ScheduledTask",
    "SearchDocType",
    "SearchDocument",
    "SearchError",
    "SearchHit",
    "SearchPage",
    "Sector",
    "Setting",
    "SettingsSection",
    "SitemapEntry",
    "SlotBlock",
    "Widget",
    "activity_rows",
    "after_commit",
    "allow_frames",
    "app_cache",
    "audit",
    "can",
    "companies",
    "company",
    "company_field",
    "company_member_ids",
    "company_of",
    "count_activity",
    "count_audit_events",
    "count_members",
    "countries",
    "country_choices",
    "country_name",
    "create_company",
    "current_member",
    "db",
    "display_names",
    "emit",
    "eventspec",
    "first_activity_at",
    "grant_role",
    "guarded",
    "hookimpl",
    "index_document",
    "is_country",
    "is_sector",
    "kept_for",
    "member_language",
    "members",
    "mfa_satisfied",
    "moderation",
    "not_negative",
    "notify",
    "oif_status",
    "per_request",
    "positive",
    "record",
    "remove_document",
    "report",
    "require",
    "require_mfa",
    "revoke_grants",
    "rules",
    "search_audiences",
    "search_query",
    "section_of",
    "sector_choices",
    "sector_label",
    "sectors",
    "send_mail",
    "set_member_company",
    "setting",
    "storage",
    "task",
    "update_company",
    "within_limit",
]
