"""The public API for plugins: import from here, not from core's internals.

A plugin module needs ``hookimpl``, the contribution dataclasses, the database
(``db``, ``Model``), tasks, mail, search and permission helpers, events
(``emit``, ``after_commit``), template slots (``SlotBlock``) and activity
(``record``). Everything here is kept stable across minor versions.
"""

from __future__ import annotations

from typing import Any

from flask import current_app

from .activity.services import record
from .caches import app_cache
from .contributions import (
    AdminView,
    CliGroup,
    FooterLink,
    HealthCheck,
    MenuItem,
    ModelSet,
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
from .plugins import hookimpl
from .search import index_document, remove_document
from .security.permissions import can, require
from .settings import Setting, SettingsSection, not_negative, positive
from .tasks import task

Model = db.Model


def setting(section: str, key: str) -> Any:
    """A validated configuration value of the running app."""
    return current_app.extensions["tremplin"].config.get(section, key)


__all__ = [
    "AdminView",
    "CliGroup",
    "FooterLink",
    "HealthCheck",
    "MenuItem",
    "Model",
    "ModelSet",
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
    "db",
    "emit",
    "eventspec",
    "hookimpl",
    "index_document",
    "not_negative",
    "positive",
    "record",
    "remove_document",
    "require",
    "send_mail",
    "setting",
    "task",
]
