"""Erasure of a member's personal data (right to erasure).

The ``ab_user`` row is kept, anonymised (user name and e-mail
``deleted-<id>@invalid``, name "Membre supprimé", unusable password, inactive,
no role), so that what other members need (a company page, a message thread,
who granted what) still points somewhere. Every core table with a ``user_id``
is emptied for the member (profile, consents, security settings, exports...),
sessions end, export files go, and each plugin's ``erase_personal_data`` runs.
The audit trail is kept (legitimate interest: security) until its retention
period ends; it holds ids, not names.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from flask import current_app
from sqlalchemy import delete, select

from ...activity.services import record
from ...extensions import db
from ..sessions.store import utcnow
from ..shared import events
from .data import user_tables
from .models import DataExport, DeletionRequest
from .services import export_path

log = logging.getLogger("tremplin.gdpr")
KEEP_TABLES = {"core_deletion_request"}


class ErasureRefused(ValueError):
    """The account cannot be erased (e.g. the last active administrator)."""


def anonymous_login(user_id: int) -> str:
    return f"deleted-{user_id}@invalid"


def is_erased(user: Any) -> bool:
    return bool(user.email == anonymous_login(user.id))


def _last_admin(user: Any) -> bool:
    sm = current_app.appbuilder.sm  # type: ignore[attr-defined]
    role = sm.find_role(sm.auth_role_admin)
    if role is None or role not in user.roles:
        return False
    return not any(u.active and u.id != user.id for u in role.user)


def _remove_exports(user_id: int) -> None:
    for export in db.session.scalars(select(DataExport).where(DataExport.user_id == user_id)):
        export_path(export).unlink(missing_ok=True)


def _anonymise(user: Any) -> None:
    login = anonymous_login(user.id)
    user.username = login
    user.email = login
    user.first_name = "Membre"
    user.last_name = "supprimé"
    user.password = "!erased-" + secrets.token_hex(16)  # matches no hash format
    user.active = False
    user.roles = []
    user.last_login = None
    user.login_count = 0
    user.fail_login_count = 0


def erase_user(user_id: int) -> None:
    """Erase now. Raises LookupError (no such account) or ErasureRefused."""
    sm = current_app.appbuilder.sm  # type: ignore[attr-defined]
    user = sm.get_user_by_id(user_id)
    if user is None:
        raise LookupError(f"aucun compte n° {user_id}")
    if is_erased(user):
        raise ErasureRefused("ce compte est déjà effacé")
    if _last_admin(user):
        raise ErasureRefused("c'est le dernier administrateur actif")
    from .mail import notify

    notify(user, "gdpr_erased")  # to the address, before it disappears
    _remove_exports(user_id)
    for table in reversed(user_tables()):  # children first
        if table.name not in KEEP_TABLES:
            db.session.execute(delete(table).where(table.c.user_id == user_id))
    _anonymise(user)
    for request in db.session.scalars(
        select(DeletionRequest).where(
            DeletionRequest.user_id == user_id, DeletionRequest.state == "pending"
        )
    ):
        request.state, request.closed_at = "erased", utcnow()
    db.session.commit()
    current_app.extensions["tremplin"].pm.hook.erase_personal_data(user_id=user_id)
    record("account.erased", user_id=None)  # nobody: the row must not point at the member
    db.session.commit()
    events.account_erased.send(
        events.sender(),
        user_id=user_id,
    )
    log.info("account erased", extra={"event": "gdpr.erased", "user_id": user_id})


def erase_due() -> int:
    """Daily: erase the accounts whose grace period is over."""
    from ...audit.services import acting_as

    due = list(
        db.session.scalars(
            select(DeletionRequest.user_id).where(
                DeletionRequest.state == "pending", DeletionRequest.due_at <= utcnow()
            )
        )
    )
    erased = 0
    with acting_as(None, "task"):
        for user_id in due:
            try:
                erase_user(user_id)
                erased += 1
            except (LookupError, ErasureRefused) as exc:
                db.session.rollback()
                log.warning(
                    "erasure skipped: %s",
                    exc,
                    extra={"event": "gdpr.erase_skipped", "user_id": user_id},
                )
    return erased
