"""Synchronise roles and permissions with what core and the plugins declare."""

from __future__ import annotations

from flask import Flask

from .backoffice.roles import sync_roles
from .plugins import flatten


def sync_all_roles(app: Flask) -> None:
    state = app.extensions["tremplin"]
    permissions = flatten(state.pm.hook.register_permissions())
    sync_roles(app.appbuilder, permissions, state.admin_views)  # type: ignore[attr-defined]
