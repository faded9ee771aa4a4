"""The member's own profile and company, as shown on the dashboard."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from ...extensions import db
from .models import Profile


def profile_of(user_id: int) -> Profile | None:
    """The member's profile with its company (one query, built once)."""
    return db.session.scalar(_PROFILE, {"user_id": user_id})


def loaded_profile_of(user: Any) -> Profile | None:
    """The profile of a loaded user: no query when the member loader already read
    it with the user in this request (the dashboard's case), else :func:`profile_of`."""
    from ...security.access import access_state

    state = access_state(user)
    if state is not None and state.profile_loaded:
        return state.profile  # type: ignore[no-any-return]
    return profile_of(user.id)


_PROFILE = (
    select(Profile)
    .options(joinedload(Profile.company))
    .where(Profile.user_id == bindparam("user_id"))
)


def profile_widget_context(user: Any) -> dict[str, Any]:
    """Name, roles, company and export stage of the signed-in member."""
    profile = loaded_profile_of(user)
    company = profile.company if profile else None
    return {
        "full_name": f"{user.first_name} {user.last_name}",
        "roles": [role.name for role in user.roles],
        "job_title": profile.job_title if profile else "",
        "company": company,
        "stage_key": company.export_stage if company else None,
    }
