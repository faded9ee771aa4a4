"""Turn edits of an ``ab_user`` row into account events (roles, e-mail address).

Read the pending changes with :func:`pending_changes` BEFORE the flush (they come
from SQLAlchemy's attribute history), save, then :func:`emit_changes`. Used by
``TremplinSecurityManager.update_user`` (CLI, services) and by the back
office's user edit view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from sqlalchemy import inspect as sa_inspect

from . import events


@dataclass
class AccountChanges:
    old_email: str | None = None
    added_roles: list[str] = field(default_factory=list)
    removed_roles: list[str] = field(default_factory=list)

    @property
    def roles_changed(self) -> bool:
        return bool(self.added_roles or self.removed_roles)


def pending_changes(user: Any) -> AccountChanges:
    state = sa_inspect(user)
    changes = AccountChanges()
    if state.transient or state.pending:
        return changes
    email = state.attrs.email.history
    if email.deleted and email.added and email.deleted[0] != email.added[0]:
        changes.old_email = email.deleted[0]
    roles = state.attrs.roles.history
    added = {role.name for role in roles.added}
    removed = {role.name for role in roles.deleted}
    changes.added_roles = sorted(added - removed)
    changes.removed_roles = sorted(removed - added)
    return changes


def emit_changes(user: Any, changes: AccountChanges, by: Any = None) -> None:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if changes.old_email:
        events.email_changed.send(app, user=user, old_email=changes.old_email)
    if changes.roles_changed:
        events.role_changed.send(app, user=user, added=changes.added_roles,
                                 removed=changes.removed_roles, by=getattr(by, "id", None))
