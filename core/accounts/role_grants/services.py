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
from datetime import UTC, datetime
from typing import Any

from flask import Flask, session
from flask_appbuilder.security.sqla.models import Role, User
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
        select(RoleGrant).where(
            RoleGrant.user_id == grant.user_id,
            RoleGrant.role_id == grant.role_id,
            RoleGrant.state == "active",
            RoleGrant.id != grant.id,
            RoleGrant.ends_at > now,
        )
    )
    if still is not None:
        still.added_role = True  # the grant that stays takes the role away when it ends
    else:
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


# --- For plugins (``tremplin.core.api.grant_role`` / ``revoke_grants``) -------------


def _naive_utc(moment: datetime) -> datetime:
    """What ``core_role_grant`` stores: naive UTC (aware values are converted)."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _role_named(name: str) -> Role:
    """The role ``name``, created (without permissions) when nobody declared it yet:
    as :func:`tremplin.core.backoffice.roles.sync_roles` creates the roles plugins name."""
    role = db.session.scalar(select(Role).where(Role.name == name))
    if role is None:
        role = Role(name=name)
        db.session.add(role)
        db.session.flush()
    return role


def _tagged(reason: str, key: str) -> str:
    return f"[{key}] {reason.strip()}" if key else reason.strip()


def _open_grants(user_id: int, role_id: int, key: str) -> list[RoleGrant]:
    query = select(RoleGrant).where(
        RoleGrant.user_id == user_id, RoleGrant.role_id == role_id, RoleGrant.state != "ended"
    )
    if key:
        query = query.where(RoleGrant.reason.startswith(f"[{key}] ", autoescape=True))
    return list(db.session.scalars(query.order_by(RoleGrant.id)))


def grant_role(
    member_id: int,
    role_name: str,
    starts_at: datetime,
    ends_at: datetime,
    reason: str,
    granted_by: int | None = None,
    key: str = "",
) -> int:
    """Give ``role_name`` to a member from ``starts_at`` to ``ends_at`` (naive means
    UTC); the role is created if missing. ``key`` names what the grant is for (e.g.
    ``"events.mission.12"``, kept at the head of the reason): granting again under
    the same key moves the open grant's dates instead of adding one (and changes
    nothing when they are the same). Commits, audits ``role_granted`` and returns the
    grant's id; ValueError on invalid values."""
    user = db.session.get(User, member_id)
    if user is None:
        raise ValueError("compte inconnu")
    starts, ends = _naive_utc(starts_at), _naive_utc(ends_at)
    role, text = _role_named(role_name), _tagged(reason, key)
    found = _open_grants(member_id, role.id, key) if key else []
    if not found:
        by = db.session.get(User, granted_by) if granted_by else None
        grant_id = create_grant(user, role, starts, ends, text, by).id
    elif _move(found[0], starts, ends, text):
        grant_id = found[0].id
    else:
        db.session.commit()  # the role created above, if it was missing
        return found[0].id
    _audit("role_granted", member_id, granted_by, role_name, text, starts=starts, ends=ends)
    return grant_id


def _move(grant: RoleGrant, starts: datetime, ends: datetime, reason: str) -> bool:
    """New dates for an open grant (an active one keeps its start); False if unchanged."""
    if grant.state == "active":
        starts = grant.starts_at
    if (grant.starts_at, grant.ends_at, grant.reason) == (starts, ends, reason):
        return False
    problem = grant_problem(starts, ends, reason)
    if problem:
        raise ValueError(problem)
    grant.starts_at, grant.ends_at, grant.reason = starts, ends, reason
    db.session.commit()
    apply_due(user_id=grant.user_id)
    return True


def revoke_grants(member_id: int, role_name: str, key: str = "", by: int | None = None) -> int:
    """End now the member's open grants of ``role_name`` (only those made under
    ``key`` when given); the role goes unless held otherwise. Audits
    ``role_grant_revoked``; returns how many grants ended."""
    role = db.session.scalar(select(Role).where(Role.name == role_name))
    grants = _open_grants(member_id, role.id, key) if role is not None else []
    for grant in grants:
        revoke(grant)
    if grants:
        _audit("role_grant_revoked", member_id, by, role_name, key, grants=len(grants))
    return len(grants)


def _audit(
    event: str, member_id: int, by: int | None, role: str, reason: str, **details: Any
) -> None:
    from ...audit.services import record

    record(event, member_id, by if by is not None else ..., role=role, reason=reason, **details)
