"""The account tables the member API reads: the one place that imports them.

``Company`` and ``Profile`` are defined by core's accounts; every module outside
accounts imports them from here, so that moving them changes one line.
"""

from __future__ import annotations

from flask_appbuilder.security.sqla.models import (
    Role,
    User,
    assoc_group_role,
    assoc_user_group,
    assoc_user_role,
)

from ..accounts.profile.models import Company, Profile

__all__ = [
    "Company",
    "Profile",
    "Role",
    "User",
    "assoc_group_role",
    "assoc_user_group",
    "assoc_user_role",
]
