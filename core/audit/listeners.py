"""What feeds the audit trail.

1. Every account event of :mod:`tremplin.core.accounts.events` (connected by
   name, so a signal added later is audited too).
2. Changes of role membership and of role permissions however they are made
   (back office, CLI, time-boxed grants, role synchronisation): a SQLAlchemy
   ``after_flush`` listener reads the history of ``User.roles``, ``User.groups``,
   ``Role.permissions`` and ``Group.roles`` (the ``ab_user_role``,
   ``ab_user_group``, ``ab_permission_view_role`` and ``ab_group_role`` tables)
   and writes the events in the same transaction as the change.

A ``role_changed`` signal that repeats a change already seen in the database
is not written twice.
"""

from __future__ import annotations

import weakref
from typing import Any

from blinker import Signal
from flask import Flask, g, has_app_context
from flask_appbuilder.security.sqla.models import Group, Role, User
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ..accounts.shared import events
from . import services

_connected = False
_ready_engines: weakref.WeakSet[Any] = weakref.WeakSet()


def _subject(kwargs: dict[str, Any]) -> int | None:
    user = kwargs.pop("user", None)
    if user is not None:
        return getattr(user, "id", None)
    user_id = kwargs.pop("user_id", None)
    return int(user_id) if isinstance(user_id, int) else None


def _actor(kwargs: dict[str, Any], subject: int | None, name: str) -> Any:
    by = kwargs.pop("by", None)
    if isinstance(by, int) and not isinstance(by, bool):
        return by
    if by is not None and hasattr(by, "id"):
        return by.id
    if name == "login_succeeded":
        return subject
    return ...


def receiver(name: str) -> Any:
    def receive(sender: Any, **kwargs: Any) -> None:
        if not _audited(sender):
            return
        subject = _subject(kwargs)
        actor = _actor(kwargs, subject, name)
        if name == "login_failed" and subject is None:
            subject = _account_of(kwargs.get("login"))
        if name == "role_changed" and not _keep_role_signal(subject, kwargs):
            return
        services.record(name, subject, actor, **kwargs)

    receive.__name__ = f"audit_{name}"
    return receive


def _audited(sender: Any) -> bool:
    return isinstance(sender, Flask) and "tremplin_audit" in sender.extensions


def _account_of(login: Any) -> int | None:
    """The account a failed sign-in was aimed at, when it exists."""
    if not isinstance(login, str) or not login.strip():
        return None
    from ..accounts.shared.services import find_user

    try:
        user = find_user(login[:254])
    except Exception:
        return None
    return user.id if user is not None else None


def _keep_role_signal(subject: int | None, kwargs: dict[str, Any]) -> bool:
    """False when the database listener already wrote every change the signal names."""
    seen: set[tuple[int, str, str]] = (
        g.get("_audit_roles_seen", set()) if has_app_context() else set()
    )
    wanted = {(subject or 0, str(r), "added") for r in kwargs.get("added") or ()}
    wanted |= {(subject or 0, str(r), "removed") for r in kwargs.get("removed") or ()}
    if wanted and wanted <= seen:
        seen -= wanted
        return False
    return True


# --- Role and permission membership, from the database itself ----------------------

COLLECTIONS = (
    (User, "roles", "user_roles_changed"),
    (User, "groups", "user_groups_changed"),
    (Role, "permissions", "role_permissions_changed"),
    (Group, "roles", "group_roles_changed"),
)


def _names(items: Any) -> list[str]:
    return sorted(str(item) for item in items or ())


def membership_rows(session: Session) -> list[dict[str, Any]]:
    rows = []
    for obj in list(session.new) + list(session.dirty):
        for model, attribute, name in COLLECTIONS:
            if not isinstance(obj, model):
                continue
            history = inspect(obj).attrs[attribute].history
            added, removed = _names(history.added), _names(history.deleted)
            if not added and not removed:
                continue
            rows.append(_membership_row(obj, name, added, removed))
    return rows


def _membership_row(obj: Any, name: str, added: list[str], removed: list[str]) -> dict[str, Any]:
    if isinstance(obj, User):
        _remember_roles(obj.id, added, removed)
        return services.build(name, obj.id, details={"added": added, "removed": removed})
    label = "role" if isinstance(obj, Role) else "group"
    return services.build(name, None, details={label: obj.name, "added": added, "removed": removed})


def _remember_roles(user_id: int, added: list[str], removed: list[str]) -> None:
    if not has_app_context():
        return
    seen = g.setdefault("_audit_roles_seen", set())
    seen |= {(user_id, r, "added") for r in added} | {(user_id, r, "removed") for r in removed}


def _table_ready(connection: Any) -> bool:
    engine = connection.engine
    if engine in _ready_engines:
        return True
    if inspect(connection).has_table("core_audit_event"):
        _ready_engines.add(engine)
        return True
    return False


def after_flush(session: Session, _context: Any) -> None:
    rows = membership_rows(session)
    if rows:
        connection = session.connection()
        if _table_ready(connection):
            services.record_on(connection, rows)


# --- Wiring -------------------------------------------------------------------------


def account_signals() -> dict[str, Signal]:
    return {name: value for name, value in vars(events).items() if isinstance(value, Signal)}


def connect() -> None:
    global _connected
    if _connected:
        return
    for name, signal in account_signals().items():
        signal.connect(receiver(name), weak=False)
    event.listen(Session, "after_flush", after_flush)
    _connected = True


def init_app(app: Flask) -> None:
    """Audit this app's account events (signals are process-wide)."""
    app.extensions["tremplin_audit"] = True
    connect()
