"""The time-boxed role of a mission's delegation (spec 6.2.4, extended access during
a mission), through core's role grants (``api.grant_role``).

A confirmed participant of a mission holds :data:`ROLE` from their confirmation
until ``access_days`` after the mission ends; cancelling, being refused or the
mission ending sooner (dates edited) takes it back. The OIF gives the role
permissions in the back office, or names it in role-restricted resources. The
mission's own pages keep their object rule (:mod:`.access`): the role says "in a
delegation", not which one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tremplin.core.api import grant_role, revoke_grants

from .models import Event, Registration
from .times import utc

ROLE = "MissionDelegate"


def grant_key(event: Event) -> str:
    """What the grants of this mission are filed under (see ``api.grant_role``)."""
    return f"events.mission.{event.id}"


def access_ends(event: Event) -> datetime:
    return utc(event.ends_at) + timedelta(days=event.access_days or 0)


def sync_access(registration: Registration, by: int | None = None) -> None:
    """Grant or take back the role as the registration now stands (commits)."""
    event = registration.event
    now = datetime.now(UTC)
    if registration.state == "confirmed" and event.is_mission and access_ends(event) > now:
        grant_role(
            registration.user_id,
            ROLE,
            now,
            access_ends(event),
            f"Mission : {event.title}"[:400],
            granted_by=by,
            key=grant_key(event),
        )
    else:
        revoke_grants(registration.user_id, ROLE, key=grant_key(event), by=by)


def sync_event(confirmed: list[Registration], by: int | None = None) -> None:
    """After a mission's dates, kind, access period or capacity changed: the
    confirmed participants' grants follow (members promoted meanwhile get theirs)."""
    for registration in confirmed:
        sync_access(registration, by)


def end_mission(event: Event) -> None:
    """Before a mission is deleted: its delegation's grants end now."""
    from .registration import confirmed_user_ids

    for user_id in confirmed_user_ids(event.id):
        revoke_grants(user_id, ROLE, key=grant_key(event))
