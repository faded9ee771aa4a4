"""The public API for plugins: import from here, not from core's internals.

A plugin module needs ``hookimpl``, the contribution dataclasses, the database
(``db``, ``Model``), tasks, mail, search and permission helpers, events
(``emit``, ``after_commit``), template slots (``SlotBlock``), activity (``record``),
the member API (``current_member``, ``members``, ``display_names``...) and object-level access
(``rules``), file storage (``storage``), reports (``report``, ``moderation``),
rate limits (``within_limit``) and notifications (``notify``, ``NotificationType``).
Everything here is kept stable across minor versions.
"""

from __future__ import annotations

from typing import Any

from flask import current_app

from . import moderation, storage
from .accounts.limits.services import within_limit
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
    ModerationTarget,
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
from .members.services import Member, company_of, current_member, display_names, members
from .moderation.services import report
from .notifications.services import notify
from .plugins import hookimpl
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
    "AccessRule",
    "AdminView",
    "CliGroup",
    "FooterLink",
    "HealthCheck",
    "Member",
    "MenuItem",
    "Model",
    "ModelSet",
    "ModerationTarget",
    "NotificationType",
    "Permission",
    "PersonalData",
    "PortalBlueprint",
    "ScheduledTask",
    "SearchDocType",
    "SearchDocument",
    "SearchHit",
    "Setting",
    "SettingsSection",
    "SitemapEntry",
    "SlotBlock",
    "Widget",
    "after_commit",
    "app_cache",
    "can",
    "company_of",
    "current_member",
    "db",
    "display_names",
    "emit",
    "eventspec",
    "guarded",
    "hookimpl",
    "index_document",
    "members",
    "moderation",
    "not_negative",
    "notify",
    "positive",
    "record",
    "remove_document",
    "report",
    "require",
    "rules",
    "send_mail",
    "setting",
    "storage",
    "task",
    "within_limit",
]
