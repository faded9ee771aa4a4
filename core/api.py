"""The public API for plugins: import from here, not from core's internals.

A plugin module needs ``hookimpl``, the contribution dataclasses, the database
(``db``, ``Model``), tasks, mail, search and permission helpers, events
(``emit``, ``after_commit``), template slots (``SlotBlock``), activity (``record``),
the member API (``current_member``, ``members``...) and object-level access
(``rules``), file storage (``storage``) and notifications (``notify``,
``NotificationType``). Everything here is kept stable across minor versions.
"""

from __future__ import annotations

from typing import Any

from flask import current_app

from . import storage
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
from .activity.services import record
from .caches import app_cache
from .contributions import (
    AccessRule,
    AdminView,
    CliGroup,
    FooterLink,
    HealthCheck,
    MenuItem,
    ModelSet,
    NotificationType,
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
from .members.services import Member, company_of, current_member, members
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
from .search import index_document, remove_document
from .security import rules
from .security.permissions import can, guarded, require
from .settings import Setting, SettingsSection, not_negative, positive
from .tasks import task

Model = db.Model


def setting(section: str, key: str) -> Any:
    """A validated configuration value of the running app."""
    return current_app.extensions["tremplin"].config.get(section, key)


__all__ = [
    "EXPORT_STAGES",
    "REVENUE_BANDS",
    "SIZE_BANDS",
    "AccessRule",
    "AdminView",
    "CliGroup",
    "Country",
    "FooterLink",
    "HealthCheck",
    "Member",
    "MenuItem",
    "Model",
    "ModelSet",
    "NotificationType",
    "Permission",
    "PersonalData",
    "PortalBlueprint",
    "ScheduledTask",
    "SearchDocType",
    "SearchDocument",
    "SearchHit",
    "Sector",
    "Setting",
    "SettingsSection",
    "SitemapEntry",
    "SlotBlock",
    "Widget",
    "after_commit",
    "app_cache",
    "can",
    "companies",
    "company",
    "company_field",
    "company_member_ids",
    "company_of",
    "countries",
    "country_choices",
    "country_name",
    "create_company",
    "current_member",
    "db",
    "emit",
    "eventspec",
    "guarded",
    "hookimpl",
    "index_document",
    "is_country",
    "is_sector",
    "members",
    "not_negative",
    "notify",
    "oif_status",
    "positive",
    "record",
    "remove_document",
    "require",
    "rules",
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
]
