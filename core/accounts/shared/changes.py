"""Turn edits of an ``ab_user`` row into account events (roles, e-mail address).

Read the pending changes with :func:`pending_changes` BEFORE saving (the object is
compared with what the database holds), save, then :func:`emit_changes`. Used by
``TremplinSecurityManager.update_user`` (CLI, services) and by the back
office's user edit view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from ...extensions import db
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
    """What changed on ``user`` compared with the database (no flush happens)."""
    state = sa_inspect(user)
    changes = AccountChanges()
    if state.transient or state.pending:
        return changes
    with db.session.no_autoflush:  # reading expired attributes must not save the edit
        old_email, old_roles = stored_values(user)
        new_email, new_roles = user.email, {role.name for role in user.roles}
    if old_email is not None and old_email != new_email:
        changes.old_email = old_email
    changes.added_roles = sorted(new_roles - old_roles)
    changes.removed_roles = sorted(old_roles - new_roles)
    return changes


def stored_values(user: Any) -> tuple[str | None, set[str]]:
    """The e-mail address and role names as committed (unsaved edits ignored)."""
    model = type(user)
    role_model = model.roles.property.mapper.class_
    table = model.roles.property.secondary
    with db.session.no_autoflush:
        email = db.session.execute(
            select(model.__table__.c.email).where(model.__table__.c.id == user.id)
        ).scalar()
        names = (
            db.session.execute(
                select(role_model.__table__.c.name)
                .join(table, table.c.role_id == role_model.__table__.c.id)
                .where(table.c.user_id == user.id)
            )
            .scalars()
            .all()
        )
    return email, set(names)


def emit_changes(user: Any, changes: AccountChanges, by: Any = None) -> None:
    app = events.sender()
    if changes.old_email:
        events.email_changed.send(app, user=user, old_email=changes.old_email)
    if changes.roles_changed:
        events.role_changed.send(
            app,
            user=user,
            added=changes.added_roles,
            removed=changes.removed_roles,
            by=getattr(by, "id", None),
        )
