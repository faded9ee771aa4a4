"""Badges declared as data by plugins (``register_badges``), awarded from the
activity log: when activity that a badge counts is written (for its members, in
the same transaction), and by an hourly task for everyone (rows written another
way, rules changed). The dashboard only reads the badges."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event as sa_event
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..activity.models import Activity
from ..caches import app_cache
from ..contributions import Badge
from ..extensions import db
from ..plugins import flatten
from .models import MemberBadge

DECLARED = app_cache("tremplin.badges")


def declared() -> dict[str, Badge]:
    """Every installed plugin's badges, read once per app."""
    found: dict[str, Badge] | None = current_app.extensions.get(DECLARED)
    if found is None:
        pm = current_app.extensions["tremplin"].pm
        found = {badge.key: badge for badge in flatten(pm.hook.register_badges())}
        current_app.extensions[DECLARED] = found
    return found


def _matches(data: Any, where: dict[str, Any]) -> bool:
    return isinstance(data, dict) and all(data.get(k) == v for k, v in where.items())


def _earned_by(badges: Iterable[Badge], user_ids: Iterable[int] | None) -> set[tuple[int, str]]:
    """(user, badge) pairs whose rule the activity log satisfies."""
    badges = list(badges)
    events = {badge.event for badge in badges}
    if not events:
        return set()
    simple = [b for b in badges if not b.where]
    filtered = [b for b in badges if b.where]
    found: set[tuple[int, str]] = set()
    base = Activity.event.in_(events) & Activity.user_id.is_not(None)
    if user_ids is not None:
        base = base & Activity.user_id.in_(list(user_ids))
    if simple:
        rows = db.session.execute(
            select(Activity.user_id, Activity.event, func.count())
            .where(base)
            .group_by(Activity.user_id, Activity.event)
        )
        for row in rows:
            user_id, event, count = int(row[0] or 0), str(row[1]), int(row[2])
            found.update((user_id, b.key) for b in simple if b.event == event and count >= b.count)
    for badge in filtered:
        matching = db.session.execute(
            select(Activity.user_id, Activity.data).where(base & (Activity.event == badge.event))
        )
        tally: dict[int, int] = {}
        for row in matching:
            if _matches(row[1], dict(badge.where)):
                tally[row[0] or 0] = tally.get(row[0] or 0, 0) + 1
        found.update((u, badge.key) for u, n in tally.items() if n >= badge.count)
    return found


def award(user_ids: Iterable[int] | None = None) -> int:
    """Store the badges newly earned (by these members, or everyone); returns how
    many. In the caller's transaction."""
    badges = declared()
    earned = _earned_by(badges.values(), user_ids)
    if not earned:
        return 0
    query = select(MemberBadge.user_id, MemberBadge.badge)
    if user_ids is not None:
        query = query.where(MemberBadge.user_id.in_(list(user_ids)))
    held = {(row[0], row[1]) for row in db.session.execute(query)}
    new = sorted(earned - held)
    db.session.add_all(MemberBadge(user_id=user, badge=key) for user, key in new)
    return len(new)


def _award_recorded(session: Session, _context: Any) -> None:
    """After a flush that wrote activity some badge counts: award its members."""
    if not has_app_context() or session is not db.session():
        return
    badges = declared()
    events = {badge.event for badge in badges.values()}
    users = {
        obj.user_id
        for obj in session.new
        if isinstance(obj, Activity) and obj.user_id is not None and obj.event in events
    }
    if users:
        award(sorted(users))


sa_event.listen(Session, "after_flush", _award_recorded)


def scheduled_award() -> None:
    """Every hour: award badges to every member."""
    award()
    db.session.commit()


def badges_of(user_id: int) -> list[tuple[Badge, MemberBadge]]:
    """The member's badges (still declared by an installed plugin), oldest first."""
    badges = declared()
    rows = db.session.scalars(
        select(MemberBadge).where(MemberBadge.user_id == user_id).order_by(MemberBadge.earned_at)
    )
    return [(badges[row.badge], row) for row in rows if row.badge in badges]
