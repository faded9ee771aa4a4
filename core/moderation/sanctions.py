"""Suspending an account for a period, banning it, lifting either.

A sanction closes the account the way core closes accounts (``active`` false, the
``account_deactivated`` event that ends its server-side sessions, a new security
stamp that ends any other session at its next request) and notifies the member in
their language, with the reason and the end date. A suspension ends by itself:
:func:`lift_ended` runs every few minutes (scheduled task) and when the member tries
to sign in. A ban lasts until an administrator lifts it. Every step is audited.
No request objects here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import force_locale, format_date
from sqlalchemy import func, or_, select

from ..audit import services as audit
from ..extensions import db
from .models import Sanction, utcnow

SUSPENSION_DAYS = (7, 30, 90)
MAX_DAYS = 366
MAX_NOTE = 500  # it travels in the notification (scalars of at most 500 characters)


class SanctionError(ValueError):
    """A sanction that cannot be given or lifted (no such account, bad end date...)."""


def in_force(user_id: int, now: datetime | None = None) -> list[Sanction]:
    """The member's sanctions in force, oldest first."""
    now = now or utcnow()
    query = select(Sanction).where(
        Sanction.user_id == user_id,
        Sanction.lifted_at.is_(None),
        or_(Sanction.ends_at.is_(None), Sanction.ends_at > now),
    )
    return list(db.session.scalars(query.order_by(Sanction.id)))


def current(limit: int = 200) -> list[Sanction]:
    """Every sanction in force (the back office's list), newest first."""
    now = utcnow()
    query = select(Sanction).where(
        Sanction.lifted_at.is_(None), or_(Sanction.ends_at.is_(None), Sanction.ends_at > now)
    )
    return list(db.session.scalars(query.order_by(Sanction.id.desc()).limit(limit)))


def count_in_force() -> int:
    now = utcnow()
    query = select(func.count(Sanction.id)).where(
        Sanction.lifted_at.is_(None), or_(Sanction.ends_at.is_(None), Sanction.ends_at > now)
    )
    return int(db.session.scalar(query) or 0)


def _user(user_id: int | None) -> Any:
    from flask_appbuilder.security.sqla.models import User

    user = db.session.get(User, user_id) if user_id else None
    if user is None:
        raise SanctionError("no such account")
    return user


def give(
    kind: str,
    user_id: int | None,
    *,
    reason: str,
    note: str,
    by: int | None,
    ends_at: datetime | None = None,
    report_id: int | None = None,
) -> Sanction:
    """Suspend (until ``ends_at``) or ban the account, in the caller's transaction
    (the caller commits, then audits with :func:`details`)."""
    from .services import REASONS

    if kind not in ("suspend", "ban") or reason not in REASONS:
        raise SanctionError(f"bad sanction {kind!r} / {reason!r}")
    if kind == "suspend" and (ends_at is None or ends_at <= utcnow()):
        raise SanctionError("a suspension needs an end in the future")
    user = _user(user_id)
    was_active = bool(user.active) or any(s.was_active for s in in_force(user.id))
    row = Sanction(
        user_id=user.id,
        kind=kind,
        reason=reason,
        note=(note or "").strip()[:MAX_NOTE],
        report_id=report_id,
        created_by=by,
        ends_at=ends_at if kind == "suspend" else None,
        was_active=was_active,
    )
    db.session.add(row)
    _close_account(user, by)
    _notify(user, row)
    db.session.flush()
    return row


def details(row: Sanction) -> dict[str, Any]:
    """What the audit trail keeps of a sanction."""
    until = row.ends_at.isoformat(timespec="minutes") if row.ends_at else None
    return {"sanction": row.id, "reason": row.reason, "until": until}


def _close_account(user: Any, by: int | None) -> None:
    from ..accounts.sessions.security_state import bump_stamp
    from ..accounts.shared import events

    user.active = False
    bump_stamp(user.id)  # any session still open ends at its next request
    db.session.flush()
    events.account_deactivated.send(
        current_app._get_current_object(),  # type: ignore[attr-defined]
        user=user,
        by=by,
    )


def _notify(user: Any, row: Sanction) -> None:
    """The member's notice, worded in their language (reason and end date included)."""
    from ..notifications.emails import member_language
    from ..notifications.services import notify
    from .services import REASONS

    with force_locale(member_language(user)):
        context = {
            "reason": str(REASONS[row.reason]),
            "note": row.note,
            "until": format_date(row.ends_at, "long") if row.ends_at else "",
        }
    notify(
        user.id, f"core.moderation_{'suspended' if row.kind == 'suspend' else 'banned'}", **context
    )


def lift(row: Sanction, by: int | None, *, ended: bool = False) -> None:
    """End a sanction now (``ended``: its period is over), commit and audit; the
    account opens again when no other sanction holds it and it was open before."""
    if row.lifted_at is not None:
        return
    row.lifted_at, row.lifted_by = utcnow(), by
    db.session.flush()
    if row.was_active and not in_force(row.user_id):
        user = _user(row.user_id)
        user.active = True
    db.session.commit()
    audit.record(
        "moderation_suspension_ended" if ended else "moderation_lift",
        row.user_id,
        sanction=row.id,
        kind=row.kind,
    )


def lift_ended(user_id: int | None = None) -> int:
    """Lift the suspensions whose period is over (of one member, or of everyone)
    and say how many."""
    query = select(Sanction).where(
        Sanction.lifted_at.is_(None), Sanction.ends_at.is_not(None), Sanction.ends_at <= utcnow()
    )
    if user_id is not None:
        query = query.where(Sanction.user_id == user_id)
    rows = list(db.session.scalars(query.order_by(Sanction.id)))
    for row in rows:
        lift(row, None, ended=True)
    return len(rows)


def scheduled_lift_ended() -> None:
    lift_ended()


def end_of(days: int | None, until: Any = None) -> datetime:
    """The end of a suspension of ``days`` days from now, or at the start (UTC) of
    ``until``, a date: the day the account opens again."""
    if until is not None:
        return datetime(until.year, until.month, until.day, tzinfo=UTC).replace(tzinfo=None)
    if days is None or not 0 < days <= MAX_DAYS:
        raise SanctionError("bad duration")
    return utcnow() + timedelta(days=days)
