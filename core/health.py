"""Readiness checks: can this process reach what it needs?"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import text

from .extensions import db
from .plugins import flatten


def check_database() -> str | None:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:
        db.session.rollback()
        return f"database unreachable: {type(exc).__name__}"
    return None


def check_tasks() -> str | None:
    huey = current_app.extensions["huey"]
    try:
        huey.pending_count()
    except Exception as exc:
        return f"task queue unreachable: {type(exc).__name__}"
    return None


def readiness() -> dict[str, str | None]:
    """Every contributed check, by name: ``None`` when fine, else the reason."""
    pm = current_app.extensions["tremplin"].pm
    return {check.name: check.check() for check in flatten(pm.hook.register_health_checks())}
