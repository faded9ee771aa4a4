"""A dedicated "Modérateur vérification" role: the queue, the review page and the
decisions, nothing else of the back office (least privilege, spec 6.2.2 and 6.2.3)."""

from __future__ import annotations

from typing import Any

from flask import current_app

DEFAULT_NAME = "Modérateur vérification"
GRANTS = (
    ("can_index", "AdminIndexView"),
    ("can_queue", "QueueView"),
    ("can_review", "QueueView"),
    ("can_decision", "QueueView"),
    ("menu_access", "Verification queue"),
    ("menu_access", "Vérification"),
)


def create_moderator_role(name: str = DEFAULT_NAME) -> list[str]:
    """Create the role if needed and grant it the review permissions; the
    permissions added (``action on view``). Run after ``tremplin db upgrade``."""
    sm: Any = current_app.appbuilder.sm  # type: ignore[attr-defined]
    role = sm.find_role(name) or sm.add_role(name)
    added = []
    for action, view in GRANTS:
        permission = sm.find_permission_view_menu(action, view)
        if permission is None:
            raise LookupError(f"{action} on {view}: run `tremplin db upgrade` first")
        if permission not in role.permissions:
            sm.add_permission_role(role, permission)
            added.append(f"{action} on {view}")
    return added
