"""Roles granted for a period (spec 6.2.4: extended access during a trade mission).

A grant gives ``role`` to ``user`` from ``starts_at`` to ``ends_at``. A task run
every 15 minutes applies starts and expiries (and emits ``role_changed``); every
request of a signed-in member applies theirs first, so an expired grant is never
honoured even if the task has not run (whether one is due is read with the member
itself, :func:`tremplin.core.security.access.load_member`). A role the member
already held when the grant started is left in place when it ends.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from flask import Flask, session
from flask_login import current_user
from sqlalchemy import or_, select

from ...extensions import db
from ...security.access import access_state
from ..sessions.store import utcnow
from ..shared import events
from .models import REASON_MAX, RoleGrant


def grant_problem(
    starts_at: datetime | None, ends_at: datetime | None, reason: str, now: datetime | None = None
) -> str | None:
    """Why these grant values are unacceptable (French, for operators), or ``None``."""
    if starts_at is None or ends_at is None:
        return "indiquez le début et la fin"
    if ends_at <= starts_at:
        return "la fin doit être postérieure au début"
    if ends_at <= (now or utcnow()):
        return "la fin est déjà passée"
    if not reason.strip() or len(reason) > REASON_MAX:
        return f"indiquez un motif (1 à {REASON_MAX} caractères)"
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", reason):
        return "le motif contient des caractères de contrôle"
    return None


def create_grant(
    user: Any,
    role: Any,
    starts_at: datetime,
    ends_at: datetime,
    reason: str,
    granted_by: Any = None,
) -> RoleGrant:
    """Record a grant and apply it at once if it has started; ValueError if invalid."""
    problem = grant_problem(starts_at, ends_at, reason)
    if problem:
        raise ValueError(problem)
    grant = RoleGrant(
        user=user,
        role=role,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason.strip(),
        granted_by=granted_by,
    )
    db.session.add(grant)
    db.session.commit()
    apply_due(user_id=user.id)
    return grant


def due_condition(now: Any) -> Any:
    """Grants whose start or end has come at ``now`` (a datetime or a bound parameter)."""
    return or_(
        (RoleGrant.state == "pending") & (RoleGrant.starts_at <= now),
        (RoleGrant.state == "active") & (RoleGrant.ends_at <= now),
    )


def _due(now: datetime, user_id: int | None) -> list[RoleGrant]:
    query = select(RoleGrant).where(due_condition(now))
    if user_id is not None:
        query = query.where(RoleGrant.user_id == user_id)
    return list(db.session.scalars(query.order_by(RoleGrant.starts_at)))


def _activate(grant: RoleGrant, changes: dict[int, dict[str, Any]]) -> None:
    grant.state = "active"
    if grant.role not in grant.user.roles:
        grant.user.roles.append(grant.role)
        grant.added_role = True
        changes.setdefault(grant.user_id, {"user": grant.user, "added": [], "removed": []})[
            "added"
        ].append(grant.role.name)


def _end(grant: RoleGrant, now: datetime, changes: dict[int, dict[str, Any]]) -> None:
    grant.state = "ended"
    if not grant.added_role or grant.role not in grant.user.roles:
        return
    still = db.session.scalar(
        select(RoleGrant.id).where(
            RoleGrant.user_id == grant.user_id,
            RoleGrant.role_id == grant.role_id,
            RoleGrant.state == "active",
            RoleGrant.id != grant.id,
            RoleGrant.ends_at > now,
        )
    )
    if still is None:
        grant.user.roles.remove(grant.role)
        changes.setdefault(grant.user_id, {"user": grant.user, "added": [], "removed": []})[
            "removed"
        ].append(grant.role.name)


def apply_due(now: datetime | None = None, user_id: int | None = None) -> int:
    """Apply the starts and expiries that are due; returns how many grants changed."""
    now = now or utcnow()
    due = _due(now, user_id)
    if not due:
        return 0
    changes: dict[int, dict[str, Any]] = {}
    for grant in due:
        if grant.state == "pending" and grant.ends_at > now:
            _activate(grant, changes)
        else:
            _end(grant, now, changes)
    db.session.commit()
    app = events.sender()
    for change in changes.values():
        events.role_changed.send(
            app,
            user=change["user"],
            added=change["added"],
            removed=change["removed"],
            by=None,
            reason="role_grant",
        )
    return len(due)


def revoke(grant: RoleGrant) -> None:
    """End a grant now (the role goes at once unless held otherwise)."""
    now = utcnow()
    if grant.state == "ended":
        return
    grant.ends_at = min(grant.ends_at, now)
    if grant.starts_at > now:
        grant.starts_at = now
    db.session.commit()
    apply_due(now=now, user_id=grant.user_id)


def grants_of(user_id: int) -> list[RoleGrant]:
    return list(
        db.session.scalars(
            select(RoleGrant).where(RoleGrant.user_id == user_id).order_by(RoleGrant.starts_at)
        )
    )


def scheduled_apply() -> int:
    """Every 15 minutes (``register_scheduled_tasks``)."""
    from ...audit.services import acting_as

    with acting_as(None, "task"):
        return apply_due()


def init_app(app: Flask) -> None:
    """Apply the signed-in member's due grants before each request is served."""

    @app.before_request
    def enforce_role_grants() -> None:
        raw = str(session.get("_user_id") or "") if session else ""
        if not raw.isdigit():
            return
        loaded = access_state(current_user) if current_user.is_authenticated else None
        if loaded is not None and not loaded.grants_due:
            return  # the member loader already asked, in its own query
        apply_due(user_id=int(raw))
