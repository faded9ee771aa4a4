"""Monthly report on the use of privileged roles (spec 6.2.5): for each member
who held Admin or Moderator during the month, sign-ins, failures, addresses used
and actions taken, so that an unusual pattern stands out. E-mailed to the
administrators on the 1st (scheduled task) and printed by ``tremplin audit report``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from .models import AuditEvent, utcnow

PRIVILEGED_ROLES = ("Admin", "Moderator")
SIGN_IN_EVENTS = ("login_succeeded",)
QUIET_EVENTS = ("login_succeeded", "logged_out", "login_failed", "new_device_login")


@dataclass
class UserUsage:
    user_id: int
    username: str
    roles: list[str]
    sign_ins: int = 0
    failures: int = 0
    addresses: set[str] = field(default_factory=set)
    actions: Counter[str] = field(default_factory=Counter)


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """``"2026-10"`` → (1 October 00:00, 1 November 00:00); ValueError otherwise."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month or ""):
        raise ValueError("mois attendu au format AAAA-MM")
    start = datetime.strptime(month + "-01", "%Y-%m-%d")  # noqa: DTZ007  naive UTC, as stored
    end = (start + timedelta(days=32)).replace(day=1)
    return start, end


def previous_month(now: datetime | None = None) -> str:
    first = (now or utcnow()).replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")


def _privileged_ids(events: list[AuditEvent]) -> set[int]:
    sm = current_app.appbuilder.sm  # type: ignore[attr-defined]
    ids = {u.id for name in PRIVILEGED_ROLES if (role := sm.find_role(name)) for u in role.user}
    for item in events:
        if item.event in ("user_roles_changed", "role_changed") and item.subject_user_id:
            names = set((item.details or {}).get("added", [])) | set(
                (item.details or {}).get("removed", [])
            )
            if names & set(PRIVILEGED_ROLES):
                ids.add(item.subject_user_id)
    return ids


def build_report(month: str) -> list[UserUsage]:
    start, end = month_bounds(month)
    events = list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.at >= start, AuditEvent.at < end)
            .order_by(AuditEvent.at)
        )
    )
    sm = current_app.appbuilder.sm  # type: ignore[attr-defined]
    usage: dict[int, UserUsage] = {}
    for user_id in sorted(_privileged_ids(events)):
        user = sm.get_user_by_id(user_id)
        if user is not None:
            usage[user_id] = UserUsage(user_id, user.username, [r.name for r in user.roles])
    for item in events:
        _count(usage, item)
    return list(usage.values())


def _count(usage: dict[int, UserUsage], item: AuditEvent) -> None:
    if item.subject_user_id in usage and item.event in SIGN_IN_EVENTS:
        usage[item.subject_user_id].sign_ins += 1
        if item.ip:
            usage[item.subject_user_id].addresses.add(item.ip)
    elif item.subject_user_id in usage and item.event == "login_failed":
        usage[item.subject_user_id].failures += 1
    if item.actor_user_id in usage and item.event not in QUIET_EVENTS:
        usage[item.actor_user_id].actions[item.event] += 1


def format_report(month: str, rows: list[UserUsage]) -> str:
    """Plain text, in French (operators' language)."""
    lines = [f"Utilisation des rôles à privilèges ({', '.join(PRIVILEGED_ROLES)}) — {month}", ""]
    if not rows:
        lines.append("Aucun compte à privilèges pendant ce mois.")
    for row in rows:
        lines.append(f"- {row.username} (n° {row.user_id}, rôles : {', '.join(row.roles) or '-'})")
        lines.append(
            f"    connexions : {row.sign_ins} ; échecs : {row.failures} ; "
            f"adresses IP distinctes : {len(row.addresses)}"
        )
        actions = ", ".join(f"{name} × {count}" for name, count in row.actions.most_common())
        lines.append(f"    actions : {actions or 'aucune'}")
    lines += ["", "Détail : back office, Sécurité › Journal d'audit."]
    return "\n".join(lines)


def recipients() -> list[str]:
    config = current_app.extensions["tremplin"].config
    configured = config.get("audit", "report_recipients")
    if configured:
        return list(configured)
    role = current_app.appbuilder.sm.find_role("Admin")  # type: ignore[attr-defined]
    return sorted({u.email for u in (role.user if role else []) if u.active and u.email})


def send_monthly_report(month: str | None = None) -> dict[str, Any]:
    """Scheduled on the 1st: last month's report to the administrators."""
    from ..mail import send_mail
    from . import services

    month = month or previous_month()
    text = format_report(month, build_report(month))
    to = recipients()
    site = current_app.config["TREMPLIN_SITE_NAME"]
    for address in to:
        send_mail(address, f"[{site}] Rapport mensuel des privilèges — {month}", text)
    with services.acting_as(None, "task"):
        services.record("privilege_report_sent", None, month=month, recipients=len(to))
    return {"month": month, "recipients": len(to)}
