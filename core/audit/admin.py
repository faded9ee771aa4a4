"""Back office: the audit trail (read-only, Admin only) and the audit of what
administrators do to accounts in FAB's user pages."""

from __future__ import annotations

import json
from typing import Any

from flask import current_app, g
from flask_appbuilder import ModelView
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from sqlalchemy import inspect

from ..accounts.shared import events
from . import services
from .models import AuditEvent

# Columns of ab_user an admin edit may change (never the password hash).
WATCHED_USER_FIELDS = ("first_name", "last_name", "username", "email", "active")


def _details(value: Any) -> str:
    return json.dumps(value or {}, ensure_ascii=False, sort_keys=True)


class AuditEventView(ModelView):
    """The audit trail: list, filters (event, actor, subject, date, IP), detail."""

    datamodel = SQLAInterface(AuditEvent)
    base_permissions = ["can_list", "can_show"]
    list_columns = ["at", "event", "actor", "subject", "ip"]
    show_columns = [
        "id",
        "at",
        "event",
        "actor",
        "actor_user_id",
        "subject",
        "subject_user_id",
        "ip",
        "user_agent",
        "details",
    ]
    search_columns = ["event", "actor", "subject", "at", "ip", "actor_user_id", "subject_user_id"]
    base_order = ("at", "desc")
    page_size = 50
    formatters_columns = {"details": _details}
    label_columns = {
        "at": _l("Date (UTC)"),
        "event": _l("Événement"),
        "actor": _l("Auteur"),
        "subject": _l("Compte concerné"),
        "ip": _l("Adresse IP"),
        "user_agent": _l("Navigateur"),
        "details": _l("Détails"),
        "actor_user_id": _l("N° auteur"),
        "subject_user_id": _l("N° compte"),
    }


class AuditedUserViewMixin:
    """Mixed into FAB's user view: creations, edits, deactivations and deletions
    made by an administrator are audited (roles are audited by the flush listener)."""

    def pre_update(self, item: Any) -> None:
        super().pre_update(item)  # type: ignore[misc]
        state = inspect(item)
        changed = [name for name in WATCHED_USER_FIELDS if state.attrs[name].history.has_changes()]
        deactivated = "active" in changed and not item.active
        g._audit_user_edit = (changed, deactivated)

    def post_update(self, item: Any) -> None:
        super().post_update(item)  # type: ignore[misc]
        changed, deactivated = g.pop("_audit_user_edit", ([], False))
        services.record("account_updated_by_admin", item.id, fields=changed)
        if deactivated:
            events.account_deactivated.send(
                current_app._get_current_object(),  # type: ignore[attr-defined]
                user=item,
                by=g.user,
            )

    def post_add(self, item: Any) -> None:
        super().post_add(item)  # type: ignore[misc]
        events.account_created.send(
            current_app._get_current_object(),  # type: ignore[attr-defined]
            user=item,
            via="admin",
        )

    def pre_delete(self, item: Any) -> None:
        super().pre_delete(item)  # type: ignore[misc]
        g._audit_user_delete = item.id

    def post_delete(self, item: Any) -> None:
        super().post_delete(item)  # type: ignore[misc]
        services.record("account_deleted_by_admin", g.pop("_audit_user_delete", None))
