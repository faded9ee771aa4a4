"""The seed roles and their least-privilege permissions, declared as data.

``sync_roles`` creates missing roles and grants the declared permissions; it
only adds, so changes an administrator makes in the back office are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from flask_appbuilder import AppBuilder

from ..contributions import AdminView, Permission


@dataclass(frozen=True)
class RoleDefinition:
    """A seed role. ``grants`` are (resource regex, action regex) pairs."""

    name: str
    description: str
    grants: tuple[tuple[str, str], ...] = ()


INDEX_GRANT = (r"^AdminIndexView$", r"^can_index$")
ROLES: tuple[RoleDefinition, ...] = (
    RoleDefinition("Admin", "OIF administrators: everything, including accounts and roles."),
    RoleDefinition(
        "Moderator",
        "OIF moderators: the back office's content and members, no security settings.",
        (INDEX_GRANT,),
    ),
    RoleDefinition(
        "Company", "Company representatives (first-time, growing or experienced exporters)."
    ),
    RoleDefinition("Expert", "Experts and advisers accompanying companies."),
    RoleDefinition("Guest", "Guests with read-only access (partners, observers)."),
)
SEED_ROLE_NAMES = tuple(role.name for role in ROLES)


def grants_for(
    role: str, permissions: Iterable[Permission], admin_views: Iterable[AdminView]
) -> list[tuple[str, str]]:
    """Every (resource regex, action regex) pair the role gets by default."""
    definition = next((r for r in ROLES if r.name == role), None)
    grants = list(definition.grants) if definition else []
    grants += [
        (f"^{re.escape(p.resource)}$", f"^{re.escape(p.action)}$")
        for p in permissions
        if role in p.roles
    ]
    for item in admin_views:
        if role not in item.roles:
            continue
        if not grants or grants[0] != INDEX_GRANT:  # works in the back office: its home
            grants.insert(0, INDEX_GRANT)
        grants.append((f"^{re.escape(item.view.__name__)}$", ".*"))
        for menu in (item.name, item.category):
            if menu:
                grants.append((f"^{re.escape(menu)}$", "^menu_access$"))
    return grants


def plugin_roles(
    permissions: Iterable[Permission], admin_views: Iterable[AdminView]
) -> tuple[RoleDefinition, ...]:
    """Roles that plugins name in their permissions or back-office views but that are
    not seed roles (e.g. the resources plugin's ``ContentManager``): created too."""
    names = {r for p in permissions for r in p.roles} | {r for v in admin_views for r in v.roles}
    return tuple(
        RoleDefinition(name, "Declared by a plugin.")
        for name in sorted(names - set(SEED_ROLE_NAMES))
    )


def sync_roles(
    appbuilder: AppBuilder, permissions: list[Permission], admin_views: list[AdminView]
) -> None:
    """Create permissions for every view and declared permission, then the seed roles
    and the roles plugins name."""
    sm = appbuilder.sm
    every_role = ROLES + plugin_roles(permissions, admin_views)
    for definition in every_role:  # roles first: FAB grants new permissions to Admin as it goes
        if sm.find_role(definition.name) is None:
            sm.add_role(definition.name)
    appbuilder.add_permissions(update_perms=True)
    for permission in permissions:
        sm.add_permission_view_menu(permission.action, permission.resource)
    every_pvm = sm.session.query(sm.permissionview_model).all()
    for definition in every_role:
        role = sm.find_role(definition.name)
        if definition.name == sm.auth_role_admin:
            wanted = every_pvm
        else:
            grants = grants_for(definition.name, permissions, admin_views)
            wanted = [
                pvm
                for pvm in every_pvm
                if any(
                    re.match(res, pvm.view_menu.name) and re.match(act, pvm.permission.name)
                    for res, act in grants
                )
            ]
        for pvm in wanted:
            if pvm not in role.permissions:
                sm.add_permission_role(role, pvm)
    sm.add_role(sm.auth_role_public)


def role_matrix(appbuilder: AppBuilder) -> tuple[list[str], list[tuple[str, str, list[bool]]]]:
    """Roles (columns) and one row per (resource, action) with who has it."""
    sm = appbuilder.sm
    roles = [r for r in sm.get_all_roles() if r.name != sm.auth_role_public]
    roles.sort(
        key=lambda r: (
            SEED_ROLE_NAMES.index(r.name) if r.name in SEED_ROLE_NAMES else len(SEED_ROLE_NAMES),
            r.name,
        )
    )
    held = {r.name: {(p.view_menu.name, p.permission.name) for p in r.permissions} for r in roles}
    pairs = sorted({pair for names in held.values() for pair in names})
    rows = [(res, act, [(res, act) in held[r.name] for r in roles]) for res, act in pairs]
    return [r.name for r in roles], rows
