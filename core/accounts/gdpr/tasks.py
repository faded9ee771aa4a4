"""GDPR background work: queueing and building an export (Huey task), the daily
erasure of accounts past their grace period and the daily retention purge."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from typing import Any

from flask import current_app

from ...extensions import db
from ...tasks import task
from ..sessions.store import utcnow
from .mail import link, notify
from .models import DataExport
from .services import export_days, export_path, purge_exports

log = logging.getLogger("tremplin.gdpr")


def request_export(user: Any, language: str) -> DataExport:
    """Record the request, then queue the task that builds and e-mails the archive."""
    from ...audit.services import record

    export = DataExport(
        user_id=user.id,
        token=secrets.token_urlsafe(32),
        language=language,
        expires_at=utcnow() + timedelta(days=export_days()),
    )
    db.session.add(export)
    db.session.commit()
    record("data_export_requested", user.id)
    build_export(export.id)
    return export


# The name it had before core/accounts was split (queued exports keep running).
@task(name="tremplin.core.accounts.gdpr_tasks.build_export", retries=2, retry_delay=60)
def build_export(export_id: int) -> str:
    """Build the member's archive, then e-mail the link."""
    from ...audit.services import acting_as, record
    from .data import collect, write_zip
    from .models import DataExport

    export = db.session.get(DataExport, export_id)
    if export is None or export.status != "pending":
        return "skipped"
    user = current_app.appbuilder.sm.get_user_by_id(export.user_id)  # type: ignore[attr-defined]
    try:
        document, files = collect(user)
        export.size = write_zip(export_path(export), document, files)
    except Exception:
        log.exception("export failed", extra={"event": "gdpr.export_failed"})
        export.status = "failed"
        db.session.commit()
        notify(user, "gdpr_export_failed", export.language)
        raise
    export.status, export.ready_at = "ready", utcnow()
    db.session.commit()
    with acting_as(None, "task"):
        record("data_export_ready", user.id, size=export.size)
    notify(
        user,
        "gdpr_export_ready",
        export.language,
        expires_at=export.expires_at,
        download_url=link("gdpr.download", export.language, token=export.token),
    )
    return "ready"


def erase_due_accounts() -> int:
    """Scheduled daily."""
    from .erasure import erase_due

    return erase_due()


def purge_expired() -> dict[str, int]:
    """Scheduled daily: retention periods (sessions, audit events, exports)."""
    from ...audit.services import acting_as, purge
    from ..sessions.services import purge_sessions

    config = current_app.extensions["tremplin"].config
    before = utcnow() - timedelta(days=config.get("audit", "retention_days"))
    with acting_as(None, "task"):
        done = {
            "sessions": purge_sessions(),
            "audit_events": purge(before),
            "exports": purge_exports(),
        }
    log.info("retention purge", extra={"event": "retention.purge", **done})
    return done
