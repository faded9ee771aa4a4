"""Members' GDPR rights (spec 6.3.7): export of their data, deletion of their account.

* Export: a background task builds a ZIP of everything the platform holds about
  the member (:mod:`.data`), stores it under ``<instance>/exports/`` with a
  random name and e-mails a link; only that member, signed in, can download it,
  until it expires (``[retention] exports_days``, else ``[gdpr] export_days``).
* Deletion: a request starts a grace period (``[gdpr] deletion_grace_days``);
  signing in during it cancels the request; afterwards a daily task erases the
  account (:mod:`.erasure`). Administrators can erase at once (CLI, back office).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask, current_app, flash
from flask_babel import gettext as _
from flask_login import user_logged_in
from sqlalchemy import select

from ...extensions import db
from ..sessions.store import utcnow
from ..shared import events
from .models import DataExport, DeletionRequest

_connected = False


def _config() -> Any:
    return current_app.extensions["tremplin"].config


def export_days() -> int:
    config = _config()
    retention = config.sections.get("retention")
    if retention is not None and retention.get("exports_days") is not None:
        return int(config.get("retention", "exports_days"))
    return int(config.get("gdpr", "export_days"))


def grace_days() -> int:
    return int(_config().get("gdpr", "deletion_grace_days"))


def exports_folder() -> Path:
    folder = Path(current_app.instance_path) / "exports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def export_path(export: DataExport) -> Path:
    return exports_folder() / f"{export.token}.zip"


# --- Export requests ---------------------------------------------------------------


def pending_export(user_id: int) -> DataExport | None:
    return db.session.scalar(
        select(DataExport).where(DataExport.user_id == user_id, DataExport.status == "pending")
    )


def exports_of(user_id: int) -> list[DataExport]:
    now = utcnow()
    return list(
        db.session.scalars(
            select(DataExport)
            .where(DataExport.user_id == user_id, DataExport.expires_at > now)
            .order_by(DataExport.created_at.desc())
        )
    )


def find_export(token: str, user_id: int) -> DataExport | None:
    """The member's ready, unexpired export with this token, else ``None``."""
    export: DataExport | None = db.session.scalar(
        select(DataExport).where(DataExport.token == token)
    )
    if export is None or export.user_id != user_id or export.status != "ready":
        return None
    if export.expires_at <= utcnow() or not export_path(export).is_file():
        return None
    return export


def purge_exports() -> int:
    """Delete expired archives and their records."""
    now = utcnow()
    expired = list(db.session.scalars(select(DataExport).where(DataExport.expires_at <= now)))
    for export in expired:
        export_path(export).unlink(missing_ok=True)
        db.session.delete(export)
    db.session.commit()
    return len(expired)


# --- Deletion requests -------------------------------------------------------------


def pending_deletion(user_id: int) -> DeletionRequest | None:
    return db.session.scalar(
        select(DeletionRequest).where(
            DeletionRequest.user_id == user_id, DeletionRequest.state == "pending"
        )
    )


def request_deletion(user: Any) -> DeletionRequest:
    """Start the grace period (idempotent: an open request is returned as is)."""
    existing = pending_deletion(user.id)
    if existing is not None:
        return existing
    request = DeletionRequest(user_id=user.id, due_at=utcnow() + timedelta(days=grace_days()))
    db.session.add(request)
    db.session.commit()
    events.account_deletion_requested.send(
        events.sender(),
        user=user,
        due_at=request.due_at,
    )
    from .mail import notify

    notify(user, "gdpr_deletion_requested", due_at=request.due_at)
    return request


def cancel_deletion(user: Any) -> bool:
    """Cancel the member's open request; ``True`` when there was one."""
    from ...audit.services import record

    request = pending_deletion(user.id)
    if request is None:
        return False
    request.state, request.closed_at = "cancelled", utcnow()
    db.session.commit()
    record("account_deletion_cancelled", user.id)
    from .mail import notify

    notify(user, "gdpr_deletion_cancelled")
    return True


def on_sign_in(sender: Any, user: Any = None, **_kwargs: Any) -> None:
    """Signing in during the grace period cancels the deletion."""
    if (
        isinstance(sender, Flask)
        and "tremplin_gdpr" in sender.extensions
        and user is not None
        and cancel_deletion(user)
    ):
        flash(
            _(
                "Votre demande de suppression de compte est annulée : vous vous êtes "
                "reconnecté avant la date prévue."
            ),
            "success",
        )


def init_app(app: Flask) -> None:
    global _connected
    app.extensions["tremplin_gdpr"] = True
    if not _connected:
        user_logged_in.connect(on_sign_in, weak=False)
        _connected = True
