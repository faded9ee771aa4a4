"""GDPR background work: building an export (Huey task), the daily erasure of
accounts past their grace period, the daily retention purge, and the e-mails."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..mail import send_mail
from ..tasks import task
from .session_store import utcnow

log = logging.getLogger("tremplin.gdpr")

SUBJECTS = {
    "gdpr_export_ready": _l("Vos données personnelles sont prêtes"),
    "gdpr_export_failed": _l("L’export de vos données a échoué"),
    "gdpr_deletion_requested": _l("Demande de suppression de votre compte"),
    "gdpr_deletion_cancelled": _l("Suppression de votre compte annulée"),
    "gdpr_erased": _l("Votre compte a été supprimé"),
}


def link(endpoint: str, language: str, **values: Any) -> str:
    base = current_app.config["TREMPLIN_BASE_URL"]
    with current_app.test_request_context("/", base_url=base):
        return url_for(endpoint, lang_code=language, _external=True, **values)


def notify(user: Any, name: str, language: str | None = None, **details: Any) -> None:
    """One GDPR e-mail in the member's language; failures are logged, not raised."""
    from .notices import member_language

    try:
        language = language or member_language(user)
        with force_locale(language):
            context = {
                "user": user,
                "site_name": current_app.config["TREMPLIN_SITE_NAME"],
                "data_url": link("gdpr.index", language),
                "login_url": link("accounts.login", language),
                **details,
            }
            text = render_template(f"mail/{name}.txt", **context)
            subject = (
                f"{context['site_name']} : {SUBJECTS[name]}"
                if language == "fr"
                else f"{context['site_name']}: {SUBJECTS[name]}"
            )
        send_mail(user.email, subject, text)
    except Exception:
        log.exception("gdpr notice failed", extra={"event": "gdpr.notice_failed", "notice": name})


@task(retries=2, retry_delay=60)
def build_export(export_id: int) -> str:
    """Build the member's archive, then e-mail the link."""
    from ..audit.services import acting_as, record
    from .gdpr import DataExport, export_path
    from .gdpr_data import collect, write_zip

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
    from .gdpr_erasure import erase_due

    return erase_due()


def purge_expired() -> dict[str, int]:
    """Scheduled daily: retention periods (sessions, audit events, exports)."""
    from ..audit.services import acting_as, purge
    from .gdpr import purge_exports
    from .sessions import purge_sessions

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
